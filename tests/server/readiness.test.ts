import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../server/db/migrations';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

describe.each(databaseKinds)('readiness on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('is ready when the database answers at the schema version this server migrates to, and says 503 when it is not', async () => {
    expect(await api(server, null, 'GET', '/api/v1/ready')).toEqual({
      status: 200,
      body: { status: 'ready', db: kind, schemaVersion: LATEST_SCHEMA_VERSION },
    });
    // As if another server had not finished migrating this database: not ready, in the error shape.
    await server.db.query('DELETE FROM schema_migrations WHERE version = $1', [LATEST_SCHEMA_VERSION]);
    const behind = await api<{ error: { code: string; details: unknown } }>(server, null, 'GET', '/api/v1/ready');
    expect(behind.status).toBe(503);
    expect(behind.body.error).toMatchObject({ code: 'migrations_pending', details: { found: LATEST_SCHEMA_VERSION - 1, expected: LATEST_SCHEMA_VERSION } });
    expect((await api(server, null, 'GET', '/api/v1/health')).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../shared/wire/errors';
import { unstorableTextPaths } from '../../server/db/storableText';
import { makeHousehold, newRow } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';
import type { Session } from './securityFixtures';

const VILLAGE = '371623102201';

describe('unstorableTextPaths', () => {
  it('names strings and keys with NUL or half a surrogate pair, and passes whole pairs and ordinary text', () => {
    expect(unstorableTextPaths({ a: '碣石山镇', b: ['ok 😀', 'x\u0000y'], c: { d: '\ud83d' }, 'e\udc00': 1, f: 3 })).toEqual(['b.1', 'c.d', 'e\udc00']);
    expect(unstorableTextPaths({ a: '😀😀', b: [null, true, 1.5] })).toEqual([]);
  });
});

// Such text reaches the database as JSON escapes it cannot hold; it used to fail there as a 500.
describe.each(databaseKinds)('text the database cannot hold, on %s', (kind) => {
  let server: TestServer;
  let assistant: Session;
  beforeAll(async () => {
    server = await startTestServer(kind);
    assistant = await server.signIn('assistant', VILLAGE);
  });
  afterAll(async () => server?.close());

  it('is refused with 422 naming the field, and nothing of the batch is stored', async () => {
    const good = makeHousehold(VILLAGE);
    const withNul = makeHousehold(VILLAGE, { address: '碣石山镇\u0000路1号' });
    const base = makeHousehold(VILLAGE);
    const withHalfPair = { ...base, members: base.members.map((m, i) => (i === 1 ? { ...m, name: '王\ud83d' } : m)) };
    const answer = await api<ErrorBody>(server, assistant.accessToken, 'POST', '/api/v1/sync/households/push', [
      newRow(good),
      newRow(withNul),
      newRow(withHalfPair),
    ]);
    expect(answer.status).toBe(422);
    expect((answer.body.error.details as { problems: unknown[] }).problems).toEqual([
      expect.objectContaining({ id: withNul.id, field: 'address' }),
      expect.objectContaining({ id: withHalfPair.id, field: 'members.1.name' }),
    ]);
    const stored = await server.db.query('SELECT id FROM documents WHERE id = ANY($1::text[])', [[good.id, withNul.id, withHalfPair.id]]);
    expect(stored).toEqual([]);
    const emoji = makeHousehold(VILLAGE, { note: '老人行动不便 😀' });
    expect((await api(server, assistant.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(emoji)])).status).toBe(200);
  });
});

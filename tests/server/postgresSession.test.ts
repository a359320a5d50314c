import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/openDatabase';
import { freshDatabase } from '../support/testServer';

/**
 * How the server's PostgreSQL connections are set up. JIT compilation is off on every one of them:
 * the dashboard's aggregates are estimated costly enough to trigger it, and compiling them took
 * ~6 s a query on two cores (tests/server/stats.test.ts on PostgreSQL: 44 s with it, 3 s without).
 */
describe('the server’s PostgreSQL connections', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Database;

  beforeAll(async () => {
    database = await freshDatabase('postgres');
    db = await openDatabase({ databaseUrl: database.url!, dataDir: null, poolSize: 3 });
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('compile no query (jit off) on any connection of the pool, in and out of a transaction', async () => {
    // The cluster's own default is on (PostgreSQL's default): the setting is the server's doing.
    const [cluster] = await db.query<{ boot_val: string }>("SELECT boot_val FROM pg_settings WHERE name = 'jit'");
    expect(cluster?.boot_val).toBe('on');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => db.query<{ jit: string; pid: number }>("SELECT current_setting('jit') AS jit, pg_backend_pid() AS pid, pg_sleep(0.1)")),
    );
    expect(new Set(answers.map((rows) => rows[0]!.pid)).size).toBe(3);
    expect(answers.map((rows) => rows[0]!.jit)).toEqual(Array(6).fill('off'));
    expect(await db.transaction((tx) => tx.query<{ jit: string }>("SELECT current_setting('jit') AS jit"))).toEqual([{ jit: 'off' }]);
  });
});

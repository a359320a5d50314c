import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/openDatabase';
import { freshDatabase } from '../support/testServer';

/** How many PostgreSQL connections a server process holds at most: `JIUZHU_DB_POOL_SIZE`. */
describe('the PostgreSQL pool size', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const opened: Database[] = [];

  beforeAll(async () => {
    database = await freshDatabase('postgres');
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await database?.drop();
  });

  /** Eight statements at once, each holding its connection a moment: the distinct backends that ran them. */
  async function backendsUsed(db: Database): Promise<number> {
    const rows = await Promise.all(
      Array.from({ length: 8 }, () => db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.2)')),
    );
    return new Set(rows.map((r) => r[0]!.pid)).size;
  }

  it('is what JIUZHU_DB_POOL_SIZE says: with 3, eight statements at once share three connections', async () => {
    const config = readConfig({ DATABASE_URL: database.url!, JIUZHU_DB_POOL_SIZE: '3' });
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: null, poolSize: config.databasePoolSize });
    opened.push(db);
    expect(await backendsUsed(db)).toBe(3);
  });

  it('is 10 when not set, more than eight statements need', async () => {
    const config = readConfig({ DATABASE_URL: database.url! });
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: null, poolSize: config.databasePoolSize });
    opened.push(db);
    expect(await backendsUsed(db)).toBe(8);
  });
});

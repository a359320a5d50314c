import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { lockDataDir, type DataDirLock } from './dataDirLock';
import { int8ToNumber, type Database, type Queryable } from './database';

/**
 * The embedded default: PostgreSQL compiled to WebAssembly, stored in a folder (or in memory).
 * A folder has one owner: while a process has it open (a running server), any other that tries
 * is refused before it reads or writes anything (`DataDirLockedError`).
 */
export async function openPgliteDatabase(dataDir: string | null): Promise<Database> {
  let lock: DataDirLock | null = null;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = await lockDataDir(dataDir);
  }
  let pg: PGlite;
  try {
    pg = new PGlite(dataDir ?? undefined, {
      parsers: { [types.INT8]: (value: string) => int8ToNumber(value) },
    });
    await pg.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const run = async <T>(q: Pick<PGlite, 'query'>, sql: string, params?: unknown[]): Promise<T[]> =>
    (await q.query<T>(sql, params)).rows;
  return {
    kind: 'pglite',
    query: (sql, params) => run(pg, sql, params),
    transaction: (fn) =>
      pg.transaction(async (tx) => {
        const scoped: Queryable = { query: (sql, params) => run(tx, sql, params) };
        return fn(scoped);
      }),
    async listen(channel, onMessage) {
      const unsubscribe = await pg.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    async close() {
      try {
        await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}

import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { int8ToNumber, type Database, type Queryable } from './database';

/** The embedded default: PostgreSQL compiled to WebAssembly, stored in a folder (or in memory). */
export async function openPgliteDatabase(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = new PGlite(dataDir ?? undefined, {
    parsers: { [types.INT8]: (value: string) => int8ToNumber(value) },
  });
  await pg.waitReady;
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
    close: () => pg.close(),
  };
}

import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { lockDataDir, type DataDirLock } from './dataDirLock';
import { int8ToNumber, type Database, type Queryable } from './database';

export interface PgliteOptions {
  /**
   * In memory only: start from a copy of another in-memory database (`snapshotPgliteDatabase`)
   * instead of an empty one. An empty one runs PostgreSQL's initdb in WebAssembly, about 3 s of CPU
   * on a slow machine; the tests open many and start them from one snapshot.
   */
  startFrom?: Blob | undefined;
}

/**
 * The embedded default: PostgreSQL compiled to WebAssembly, stored in a folder (or in memory).
 * A folder has one owner: while a process has it open (a running server), any other that tries
 * is refused before it reads or writes anything (`DataDirLockedError`).
 */
export async function openPgliteDatabase(dataDir: string | null, options: PgliteOptions = {}): Promise<Database> {
  return (await openPglite(dataDir, options)).db;
}

/**
 * A new in-memory database, made ready by `prepare` (migrations, say), as a snapshot that
 * `openPgliteDatabase(null, { startFrom })` starts from.
 */
export async function snapshotPgliteDatabase(prepare: (db: Database) => Promise<void>): Promise<Blob> {
  const { db, pg } = await openPglite(null, {});
  try {
    await prepare(db);
    return await pg.dumpDataDir('none');
  } finally {
    await db.close();
  }
}

async function openPglite(dataDir: string | null, options: PgliteOptions): Promise<{ db: Database; pg: PGlite }> {
  if (dataDir && options.startFrom) throw new Error('a PGlite snapshot starts an in-memory database only');
  let lock: DataDirLock | null = null;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = await lockDataDir(dataDir);
  }
  let pg: PGlite;
  try {
    // One options object: PGlite ignores a second argument unless the first is a string, so
    // `new PGlite(undefined, options)` (in memory) silently dropped the int8 parser.
    pg = new PGlite({
      ...(dataDir ? { dataDir } : {}),
      parsers: { [types.INT8]: (value: string) => int8ToNumber(value) },
      ...(options.startFrom ? { loadDataDir: options.startFrom } : {}),
    });
    await pg.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const run = async <T>(q: Pick<PGlite, 'query'>, sql: string, params?: unknown[]): Promise<T[]> =>
    (await q.query<T>(sql, params)).rows;
  const db: Database = {
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
  return { db, pg };
}

import type { Database } from './database';
import { migrate } from './migrations';
import { openPgliteDatabase } from './pgliteDatabase';
import { openPostgresDatabase } from './postgresDatabase';

export interface DatabaseSettings {
  /** PostgreSQL URL; absent means the embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite; null keeps it in memory (tests). */
  dataDir: string | null;
  /** PostgreSQL only: the most connections this process holds at once (default 10). */
  poolSize?: number | undefined;
  /** In-memory PGlite only: start from this snapshot (`snapshotPgliteDatabase`); migrations still run. */
  pgliteSnapshot?: Blob | undefined;
}

export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  const db = settings.databaseUrl
    ? await openPostgresDatabase(settings.databaseUrl, settings.poolSize)
    : await openPgliteDatabase(settings.dataDir, { startFrom: settings.pgliteSnapshot });
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

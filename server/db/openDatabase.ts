import type { Database } from './database';
import { migrate } from './migrations';
import { openPgliteDatabase } from './pgliteDatabase';
import { openPostgresDatabase } from './postgresDatabase';

export interface DatabaseSettings {
  /** PostgreSQL URL; absent means the embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite; null keeps it in memory (tests). */
  dataDir: string | null;
}

export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  const db = settings.databaseUrl
    ? await openPostgresDatabase(settings.databaseUrl)
    : await openPgliteDatabase(settings.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/openDatabase';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Written by globalSetup.ts: an in-memory PGlite right after initdb, and after this run's
     * migrations; and a PGlite folder with this run's migrations.
     */
    pgliteSnapshots: { empty: string; migrated: string; folder: string };
  }
}

const read = new Map<string, Blob>();

/**
 * This run's snapshot of an in-memory PGlite (`snapshotPgliteDatabase`): starting from it takes
 * about 1 s of CPU where initdb takes 3–5 s, and the suite opens many databases.
 */
export function pgliteSnapshot(which: 'empty' | 'migrated'): Blob {
  const file = inject('pgliteSnapshots')[which];
  let blob = read.get(file);
  if (!blob) {
    blob = new Blob([readFileSync(file)]);
    read.set(file, blob);
  }
  return blob;
}

/** What `openDatabase({ dataDir: null })` opens (an in-memory PGlite, migrated), from the snapshot. */
export function openMemoryDatabase(): Promise<Database> {
  return openDatabase({ dataDir: null, pgliteSnapshot: pgliteSnapshot('migrated') });
}

/**
 * `dir` made a PGlite folder with initdb and this run's migrations done (a copy of globalSetup's):
 * a server or command started on it skips PostgreSQL's initdb, about 7 s of CPU each. For tests
 * whose subject is not a folder's first start. `dir` may exist, empty. Returns it.
 */
export function migratedPgliteFolder(dir: string): string {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: a PGlite folder is copied into a new or empty folder only`);
  cpSync(inject('pgliteSnapshots').folder, dir, { recursive: true });
  return dir;
}

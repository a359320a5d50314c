/**
 * Reference data newer than the build, kept in the database (table reference_data, migration 10):
 * holiday years and the division file, as the operator imported them (`reference import-…`,
 * server/reference/referenceCommands.ts). Every server process takes them at its start
 * (`applyStoredReference`), so its deadline checks and area checks use them; the laptops get
 * the holidays from GET /api/v1/reference/calendar and the areas by their ordinary pull.
 */
import { checkDivisionFile, setDivisionFile, type AreaData } from '../../shared/areas';
import { parseHolidayYears, type HolidayYears } from '../../shared/rules/holidayTable';
import { setReceivedHolidayYears } from '../../shared/rules/workingDays';
import { setAreaRevision } from '../areas/areaDocuments';
import type { Database, Queryable } from '../db/database';
import { notifyChange, type ChangeNotifier } from '../storage/changeNotifier';

/** The change notice an import sends (never a collection's name, so no stream answers it). */
const REFERENCE_CHANGED = 'reference_data';

const DIVISIONS = { kind: 'areas', key: 'divisions' } as const;

async function upsert(db: Queryable, kind: string, key: string, data: unknown): Promise<number> {
  const rows = await db.query<{ revision: number }>(
    `INSERT INTO reference_data (kind, key, data) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (kind, key) DO UPDATE SET data = EXCLUDED.data, revision = reference_data.revision + 1, imported_at = now()
     RETURNING revision`,
    [kind, key, JSON.stringify(data)],
  );
  return rows[0]!.revision;
}

/** Stores checked holiday years, each replacing what was stored (or built in) for that year. */
export async function storeHolidayYears(db: Database, years: HolidayYears): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [year, days] of Object.entries(years)) await upsert(tx, 'holidays', year, days);
  });
}

/** Every holiday year stored, checked again (a row edited by hand is refused at the start, not half used). */
export async function storedHolidayYears(db: Queryable): Promise<HolidayYears> {
  const rows = await db.query<{ key: string; data: unknown }>(`SELECT key, data FROM reference_data WHERE kind = 'holidays' ORDER BY key`);
  return parseHolidayYears(Object.fromEntries(rows.map((row) => [row.key, row.data])));
}

/** Stores a checked division file; its revision moves the areas' pull checkpoints. */
export async function storeDivisionFile(db: Database, file: AreaData): Promise<number> {
  return upsert(db, DIVISIONS.kind, DIVISIONS.key, file);
}

export interface StoredDivisions {
  file: AreaData;
  revision: number;
  importedAt: number;
}

export async function storedDivisionFile(db: Queryable): Promise<StoredDivisions | null> {
  const rows = await db.query<{ data: unknown; revision: number; imported_at: Date | string }>(
    'SELECT data, revision, imported_at FROM reference_data WHERE kind = $1 AND key = $2',
    [DIVISIONS.kind, DIVISIONS.key],
  );
  const row = rows[0];
  if (!row) return null;
  return { file: checkDivisionFile(row.data), revision: row.revision, importedAt: new Date(row.imported_at).getTime() };
}

/** At the start of a server process: the stored holidays and divisions become the ones in use. */
export async function applyStoredReference(db: Queryable): Promise<void> {
  setReceivedHolidayYears(await storedHolidayYears(db));
  const divisions = await storedDivisionFile(db);
  setDivisionFile(divisions?.file ?? null);
  setAreaRevision(divisions ? { revision: divisions.revision, updatedAt: divisions.importedAt } : null);
}

/** After an import committed: every server process on the database takes the new data (PostgreSQL's NOTIFY; PGlite has no other process). */
export async function announceReferenceImport(db: Queryable): Promise<void> {
  await notifyChange(db, REFERENCE_CHANGED).catch(() => undefined);
}

/**
 * A running server takes what an import stored; a stored row that no longer reads keeps what is in
 * use (and says so). After its listening connection was lost it reads the stored data again: an
 * import announced meanwhile was heard by no one here, and the process would keep the old
 * holidays and hand out old-revision area checkpoints until restarted.
 */
export function followReferenceImports(notifier: ChangeNotifier, db: Queryable, onError: (error: unknown) => void): () => void {
  let running: Promise<void> = Promise.resolve();
  const reread = () => {
    running = running.then(() => applyStoredReference(db)).catch(onError);
  };
  const unsubscribe = notifier.subscribe((changed) => {
    if (changed === REFERENCE_CHANGED) reread();
  });
  const stopCatchingUp = notifier.onReconnected(reread);
  return () => {
    unsubscribe();
    stopCatchingUp();
  };
}

/**
 * `npm run server -- reference import-holidays FILE…` and `reference import-areas FILE`: reference
 * data newer than the build, checked whole and stored in the database (server/reference/
 * referenceStore.ts). Running server processes on PostgreSQL are told and take them at once; a
 * PGlite folder has one owner, so there the server is stopped for the import and takes them at
 * its start. Laptops take both at their next sync (sign-in, or the network coming back).
 */
import { readFileSync } from 'node:fs';
import { checkDivisionFile } from '../../shared/areas';
import { parseHolidayTable, type HolidayYears } from '../../shared/rules/holidayTable';
import { openDatabase, type DatabaseSettings } from '../db/openDatabase';
import { announceReferenceImport, storeDivisionFile, storeHolidayYears } from './referenceStore';

export const REFERENCE_USAGE =
  'usage: reference import-holidays FILE.json [FILE.json …]   (the shape of chinese-days\' dist/chinese-days.json)\n' +
  '       reference import-areas FILE.json                     (the shape of shared/areas/binzhou.json)';

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`读不到文件 ${file}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${file} 不是有效的 JSON 文件`);
  }
}

async function withDatabase(settings: DatabaseSettings, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>): Promise<void> {
  const db = await openDatabase(settings);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

export async function referenceCommand(args: string[], settings: DatabaseSettings): Promise<void> {
  const [sub, ...files] = args;
  if (sub === 'import-holidays' && files.length > 0) {
    // Every file checked before anything is stored: a bad second file leaves the first unimported too.
    const years: HolidayYears = {};
    for (const file of files) {
      try {
        Object.assign(years, parseHolidayTable(readJson(file)));
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
      }
    }
    await withDatabase(settings, async (db) => {
      await storeHolidayYears(db, years);
      await announceReferenceImport(db);
    });
    console.log(`imported holiday years ${Object.keys(years).join(', ')}: running servers (PostgreSQL) use them now, a PGlite server at its start; laptops at their next sync`);
    return;
  }
  if (sub === 'import-areas' && files.length === 1) {
    const file = files[0]!;
    let checked;
    try {
      checked = checkDivisionFile(readJson(file));
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
    }
    let revision = 0;
    await withDatabase(settings, async (db) => {
      revision = await storeDivisionFile(db, checked);
      await announceReferenceImport(db);
    });
    console.log(
      `imported divisions "${checked.version}" (${checked.counties.length} counties, ${checked.townships.length} townships, ${checked.villages.length} villages; revision ${revision}); ` +
        'running servers (PostgreSQL) use them now, a PGlite server at its start; laptops pull the new list at their next sync',
    );
    return;
  }
  throw new Error(REFERENCE_USAGE);
}

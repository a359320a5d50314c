/**
 * `npm run server -- reference import-holidays FILE…` and `reference import-areas FILE`: reference
 * data newer than the build, checked whole and stored in the database (server/reference/
 * referenceStore.ts). Laptops get new holiday years at their next sync; every server process
 * takes both at its next start (`systemctl restart jiuzhu`), and laptops then pull the new areas.
 */
import { readFileSync } from 'node:fs';
import { checkDivisionFile } from '../../shared/areas';
import { parseHolidayTable, type HolidayYears } from '../../shared/rules/holidayTable';
import { openDatabase, type DatabaseSettings } from '../db/openDatabase';
import { storeDivisionFile, storeHolidayYears } from './referenceStore';

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
    await withDatabase(settings, (db) => storeHolidayYears(db, years));
    console.log(`imported holiday years ${Object.keys(years).join(', ')}; laptops take them at their next sync, this server's own deadline checks at its next start`);
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
    });
    console.log(
      `imported divisions "${checked.version}" (${checked.counties.length} counties, ${checked.townships.length} townships, ${checked.villages.length} villages; revision ${revision}); ` +
        'restart the server to use them: laptops then pull the new list',
    );
    return;
  }
  throw new Error(REFERENCE_USAGE);
}

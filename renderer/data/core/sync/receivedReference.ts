/**
 * Reference data that changes yearly, as the server holds it, put to use on this laptop:
 *  - holiday years (GET /api/v1/reference/calendar): kept in the key-value store, so an offline
 *    start still counts working days with them, and handed to shared/rules/workingDays.ts;
 *  - areas (the `areas` collection's pull): new or renamed villages kept in the key-value store
 *    and handed to shared/areas, so every screen, form check and printed form names them.
 * A year neither built in nor received is still estimated Monday–Friday (按周一至周五估算).
 */
import { builtInAreaName, takeReceivedAreas, type Area } from '../../../../shared/areas';
import { parseHolidayYears } from '../../../../shared/rules/holidayTable';
import { setReceivedHolidayYears } from '../../../../shared/rules/workingDays';
import type { AreaDoc } from '../../../../shared/schemas/area';
import type { SyncCheckpoint } from '../../../../shared/sync/wire';
import { calendarAnswerSchema } from '../../../../shared/wire/calendar';
import type { KeyValueStore } from '../keyValueStore';
import type { SyncClient } from './syncClient';

/** Not per user: the State Council's calendar is the same for everyone on the laptop. */
const CALENDAR_KEY = 'jiuzhu:reference:calendar';

/** What the store holds, if it still reads as a holiday table; nothing (and it is dropped) otherwise. */
export function applyStoredCalendar(store: KeyValueStore): void {
  const text = store.getItem(CALENDAR_KEY);
  if (text === null) return;
  try {
    setReceivedHolidayYears(parseHolidayYears(JSON.parse(text)));
  } catch {
    store.removeItem(CALENDAR_KEY);
  }
}

/**
 * Asks the server for its holiday years and, when they read as a table, keeps and uses them.
 * Resolves false when the server could not be asked (offline: what was kept stays in use).
 */
export async function refreshCalendar(client: SyncClient, store: KeyValueStore): Promise<boolean> {
  let years;
  try {
    years = parseHolidayYears((await client.call('GET', '/api/v1/reference/calendar', calendarAnswerSchema)).years);
  } catch {
    return false;
  }
  store.setItem(CALENDAR_KEY, JSON.stringify(years));
  setReceivedHolidayYears(years);
  return true;
}

/** The areas pulled that the build does not know or names otherwise, and where the pull got to. */
interface KeptAreas {
  checkpoint: SyncCheckpoint | null;
  areas: Area[];
}

const areasKeyOf = (userId: string) => `jiuzhu:reference:areas:${userId}`;
const PAGE = 500;

function keptAreas(store: KeyValueStore, userId: string): KeptAreas {
  try {
    const kept = JSON.parse(store.getItem(areasKeyOf(userId)) ?? 'null') as KeptAreas | null;
    if (kept && Array.isArray(kept.areas)) return kept;
  } catch {
    // unreadable: pulled again from the start
  }
  return { checkpoint: null, areas: [] };
}

/** At the start (offline too): the areas kept from the last pull are handed to shared/areas. */
export function applyStoredAreas(store: KeyValueStore, userId: string): void {
  takeReceivedAreas(keptAreas(store, userId).areas);
}

/**
 * The ordinary pull of the `areas` collection (no RxDB collection: RxDB's limit of 13), from
 * where the last one ended. The server sends the whole list again when its division file changed
 * (the checkpoint carries the file's revision), so a renamed village replaces what was kept.
 * Resolves false when the server could not be asked.
 */
export async function refreshAreas(client: SyncClient, store: KeyValueStore, userId: string): Promise<boolean> {
  const kept = keptAreas(store, userId);
  const byCode = new Map(kept.areas.map((area) => [area.code, area]));
  let checkpoint = kept.checkpoint;
  try {
    for (;;) {
      const page = await client.pull<AreaDoc>('areas', checkpoint, PAGE);
      for (const doc of page.documents) {
        // Only what differs from the build is kept: a village renamed back is dropped again.
        if (doc._deleted || builtInAreaName(doc.id) === doc.name) byCode.delete(doc.id);
        else byCode.set(doc.id, { code: doc.id, name: doc.name, level: doc.level, parentCode: doc.parentId === '' ? null : doc.parentId });
      }
      checkpoint = page.checkpoint;
      if (page.documents.length < PAGE) break;
    }
  } catch {
    return false;
  }
  const areas = [...byCode.values()];
  store.setItem(areasKeyOf(userId), JSON.stringify({ checkpoint, areas } satisfies KeptAreas));
  takeReceivedAreas(areas);
  return true;
}

/** 清除本机数据: the areas kept for this user go too. */
export function removeStoredAreas(store: KeyValueStore, userId: string): void {
  store.removeItem(areasKeyOf(userId));
}

import type { RxCollection } from 'rxdb/plugins/core';
import { combineLatest, map } from 'rxjs';
import { chinaDateOf } from '../../../shared/domain/chinaTime';
import { syncedCollections, type SyncedCollection } from '../../../shared/sync/collections';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';

export interface VillageArrivals {
  villageCode: string;
  counts: Record<SyncedCollection, number>;
  total: number;
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/** Midnight today in China, as epoch millis. */
function startOfChinaDay(now = Date.now()): number {
  return Date.parse(`${chinaDateOf(now)}T00:00:00Z`) - CHINA_OFFSET_MS;
}

/**
 * The township's end-of-day view (今日各村上报): records changed today, by village and kind.
 * Counts what this laptop holds, so it is complete once "sync now" has finished.
 */
export function useArrivalsToday(): VillageArrivals[] {
  const { db } = useWorkspace();
  const since = startOfChinaDay();
  return useObservable<VillageArrivals[]>(
    () =>
      combineLatest(
        syncedCollections.map((name) =>
          (db[name] as unknown as RxCollection<{ areaCode: string; updatedAt: number }>)
            .find({ selector: { updatedAt: { $gte: since } } })
            .$.pipe(map((docs) => docs.map((d) => ({ name, areaCode: d.areaCode })))),
        ),
      ).pipe(
        map((lists) => {
          const byVillage = new Map<string, VillageArrivals>();
          for (const { name, areaCode } of lists.flat()) {
            const entry =
              byVillage.get(areaCode) ??
              { villageCode: areaCode, counts: { households: 0, visits: 0, applications: 0, careNeeds: 0, attachments: 0 }, total: 0 };
            entry.counts[name] += 1;
            entry.total += 1;
            byVillage.set(areaCode, entry);
          }
          return [...byVillage.values()].sort((a, b) => b.total - a.total);
        }),
      ),
    [],
    [db, since],
  );
}

import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb/plugins/core';
import type { Household } from '../../shared/schemas/household';
import { householdJsonSchema } from '../../shared/schemas/household';
import type { Visit } from '../../shared/schemas/visit';
import { visitJsonSchema } from '../../shared/schemas/visit';

export type HouseholdCollection = RxCollection<Household>;
export type VisitCollection = RxCollection<Visit>;

export interface JiuzhuCollections {
  households: HouseholdCollection;
  visits: VisitCollection;
}

export type JiuzhuDatabase = RxDatabase<JiuzhuCollections>;

/**
 * Opens (or creates) one user's local database. The storage is passed in so the same code
 * runs on IndexedDB in the app and on fake-indexeddb in Node tests.
 */
export async function openJiuzhuDatabase(name: string, storage: RxStorage<unknown, unknown>): Promise<JiuzhuDatabase> {
  const db = await createRxDatabase<JiuzhuCollections>({
    name,
    storage,
    // One window per profile: no cross-tab coordination needed, and no leader election delays.
    multiInstance: false,
    closeDuplicates: true,
  });
  await db.addCollections({
    households: { schema: householdJsonSchema as unknown as RxJsonSchema<Household> },
    visits: { schema: visitJsonSchema as unknown as RxJsonSchema<Visit> },
  });
  return db;
}

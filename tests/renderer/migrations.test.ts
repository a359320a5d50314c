import 'fake-indexeddb/auto';
import { createRxDatabase, type RxJsonSchema } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { openJiuzhuDatabase } from '../../renderer/data/database';
import { hashIdNumber } from '../../shared/domain/idHash';
import households0 from '../../shared/schemas/shipped/households.v0.json';
import visits0 from '../../shared/schemas/shipped/visits.v0.json';
import { householdSchema } from '../../shared/schemas/household';
import { visitSchema } from '../../shared/schemas/visit';
import { makeHousehold, makeVisit } from '../support/documents';

/** Writes a database exactly as version 0 of the app did, with its shipped schemas. */
async function writeVersion0(name: string, docs: { households: unknown[]; visits: unknown[] }): Promise<void> {
  const db = await createRxDatabase({ name, storage: getRxStorageDexie(), multiInstance: false });
  await db.addCollections({
    households: { schema: households0 as unknown as RxJsonSchema<unknown> },
    visits: { schema: visits0 as unknown as RxJsonSchema<unknown> },
  });
  await db['households']!.bulkInsert(docs.households);
  await db['visits']!.bulkInsert(docs.visits);
  await db.close();
}

describe('local database migrations', () => {
  it('opens a database written by version 0 and finds every household and visit intact, with ID hashes added', async () => {
    const households = [makeHousehold('371623102201'), makeHousehold('371623102201'), makeHousehold('371623102202')];
    const visits = households.map((h) => makeVisit(h));
    await writeVersion0('migration-v0-v1', { households, visits });

    const db = await openJiuzhuDatabase('migration-v0-v1', getRxStorageDexie(), { searchKey: 'test-search-key' });
    try {
      const migrated = (await db.households.find().exec()).map((d) => d.toJSON());
      expect(migrated).toHaveLength(households.length);
      for (const original of households) {
        const doc = migrated.find((d) => d.id === original.id);
        expect(doc).toMatchObject(original);
        expect(doc?.idHashes).toEqual(await Promise.all(original.members.map((m) => hashIdNumber('test-search-key', m.idNumber))));
        expect(householdSchema.safeParse(doc).success).toBe(true);
      }
      const migratedVisits = (await db.visits.find().exec()).map((d) => d.toJSON());
      expect(migratedVisits).toHaveLength(visits.length);
      for (const original of visits) {
        const doc = migratedVisits.find((d) => d.id === original.id);
        expect(doc).toEqual(expect.objectContaining(original));
        expect(visitSchema.safeParse(doc).success).toBe(true);
      }
    } finally {
      await db.remove();
    }
  });

  it('keeps the shipped version-0 schemas frozen', () => {
    // A shipped schema is never edited: a change is a new version with a migration.
    expect(households0.version).toBe(0);
    expect(visits0.version).toBe(0);
    expect(Object.keys(households0.properties).sort()).toEqual(
      ['address', 'areaCode', 'createdAt', 'createdBy', 'id', 'members', 'note', 'phone', 'updatedAt', 'updatedBy'],
    );
  });
});

import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJiuzhuDatabase, type JiuzhuDatabase } from '../../renderer/data/core/database';
import { householdHoldingIdNumber } from '../../renderer/data/households/idNumberHolders';
import { hashIdNumber, searchKeyFor } from '../../shared/domain/idHash';
import type { Household } from '../../shared/schemas/household';
import { villagesIn } from '../../shared/areas';
import { generateDemoHouseholds } from '../../server/demo/households';

const SEARCH_KEYS = { '371623102': 'test-search-key-0123456789abcdef' };
const villages = villagesIn('371623102').slice(0, 2).map((v) => v.code);

/** Households as the app stores them: names and ID hashes beside the sealed members. */
async function stored(households: Household[]): Promise<Household[]> {
  return Promise.all(
    households.map(async (h) => ({
      ...h,
      memberNames: h.members.map((m) => m.name),
      idHashes: await Promise.all(h.members.map((m) => hashIdNumber(searchKeyFor(SEARCH_KEYS, h.areaCode)!, m.idNumber))),
    })),
  );
}

describe('the household already holding an ID number (a person is registered once)', () => {
  let db: JiuzhuDatabase;
  let households: Household[];

  beforeAll(async () => {
    db = await openJiuzhuDatabase(`holders-${Date.now()}`, getRxStorageDexie(), { searchKeys: SEARCH_KEYS, password: 'test-password-0123456789' });
    const generated = generateDemoHouseholds({ count: 40, villageCodes: villages, seed: 9, now: Date.UTC(2026, 10, 1), createdBy: 'u-test' });
    households = await stored(generated.map((h, i) => (i === 1 ? { ...h, archived: { at: h.updatedAt, by: 'u-test', reason: '迁出' } } : h)));
    await db.households.bulkInsert(households);
  });
  afterAll(async () => {
    await db.remove();
  });

  it('names the household of any member, however the number was typed (x or X, spaces)', async () => {
    for (const household of [households[0]!, households[7]!, households[39]!]) {
      for (const member of household.members) {
        const typed = ` ${member.idNumber.toLowerCase()} `;
        expect((await householdHoldingIdNumber(db, SEARCH_KEYS, typed, undefined))?.id).toBe(household.id);
      }
    }
  });

  it('is none for a number nobody has, for the household being edited itself, and for an archived household', async () => {
    expect(await householdHoldingIdNumber(db, SEARCH_KEYS, '371623199001011234', undefined)).toBeNull();
    const own = households[0]!;
    expect(await householdHoldingIdNumber(db, SEARCH_KEYS, own.members[0]!.idNumber, own.id)).toBeNull();
    expect(await householdHoldingIdNumber(db, SEARCH_KEYS, households[1]!.members[0]!.idNumber, undefined)).toBeNull();
  });

  it('is none without the township’s key (nothing can be looked up, nothing is claimed)', async () => {
    expect(await householdHoldingIdNumber(db, {}, households[0]!.members[0]!.idNumber, undefined)).toBeNull();
  });
});

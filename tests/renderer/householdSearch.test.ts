import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJiuzhuDatabase, type JiuzhuDatabase } from '../../renderer/data/core/database';
import { searchHouseholdPage, searchHouseholds, type HouseholdSearch, type TypedIdHashes } from '../../renderer/data/households/householdSearch';
import { referenceSearch } from '../support/referenceSearch';
import { hashIdNumber, idNumberHashes, searchKeyFor } from '../../shared/domain/idHash';
import { householdCategories, type Household } from '../../shared/schemas/household';
import { villagesIn } from '../../shared/areas';
import { generateDemoHouseholds } from '../../server/demo/households';
import { createRandom } from '../../server/demo/random';

/** A county laptop's keys: one per township, each township's households hashed with its own. */
const SEARCH_KEYS = { '371623102': 'test-search-key-0123456789abcdef', '371623101': 'test-search-key-fedcba9876543210' };
const villages = [...villagesIn('371623102').slice(0, 2), ...villagesIn('371623101').slice(0, 2)].map((v) => v.code);

/** Every household read and filtered the slow way: the reference the fast search must equal. */
const plainSearch = referenceSearch;

/** A generated village caseload as the app stores it: names beside the encrypted members, ID hashes, some categories and archives. */
async function generated(count: number, seed: number): Promise<Household[]> {
  const random = createRandom(seed);
  const households = generateDemoHouseholds({ count, villageCodes: villages, seed, now: Date.UTC(2026, 10, 1), createdBy: 'u-test' });
  return Promise.all(
    households.map(async (h, i) => ({
      ...h,
      memberNames: h.members.map((m) => m.name),
      idHashes: await Promise.all(h.members.map((m) => hashIdNumber(searchKeyFor(SEARCH_KEYS, h.areaCode)!, m.idNumber))),
      // Ties in updatedAt on purpose: the order must be the same on equal times too.
      updatedAt: h.updatedAt - (i % 7) * 1000,
      ...(i % 3 === 0 ? { categories: [random.pick(householdCategories)] } : {}),
      ...(i % 11 === 0 ? { archived: { at: h.updatedAt, by: 'u-test', reason: '迁出' } } : {}),
    })),
  );
}

describe('the household search (in-memory index) finds exactly what the plain query finds', () => {
  let db: JiuzhuDatabase;
  let households: Household[];
  let searches: { search: HouseholdSearch; idHash: TypedIdHashes }[];

  beforeAll(async () => {
    db = await openJiuzhuDatabase(`search-${Date.now()}`, getRxStorageDexie(), { searchKeys: SEARCH_KEYS, password: 'test-password-0123456789' });
    households = await generated(400, 5);
    await db.households.bulkInsert(households);
    const random = createRandom(17);
    searches = [{ search: {}, idHash: null }, { search: { includeArchived: true }, idHash: null }, { search: { text: '不存在的名字' }, idHash: null }];
    for (let i = 0; i < 30; i++) {
      const household = random.pick(households);
      const member = random.pick(household.members);
      const text = [member.name.slice(0, 1), member.name.slice(0, 2), member.name.slice(-1), member.name][i % 4]!;
      const filters: HouseholdSearch = [{}, { villageCode: random.pick(villages) }, { category: random.pick(householdCategories) }, { includeArchived: true }][i % 4]!;
      searches.push({ search: { ...filters, text }, idHash: null });
      // Under every key held, as the list hashes a typed number; now and then under its own township's key alone.
      const hashes = i % 5 === 0 ? await hashIdNumber(searchKeyFor(SEARCH_KEYS, household.areaCode)!, member.idNumber) : await idNumberHashes(SEARCH_KEYS, member.idNumber);
      searches.push({ search: { ...filters, text: ` ${member.idNumber} ` }, idHash: hashes });
    }
    searches.push({ search: { text: '371623199001011234' }, idHash: await idNumberHashes(SEARCH_KEYS, '371623199001011234') });
    searches.push({ search: { text: households[0]!.members[0]!.idNumber }, idHash: [] }); // no keys held
    searches.push({ search: { text: households[0]!.members[0]!.idNumber }, idHash: null }); // hash still being computed
  });
  afterAll(async () => {
    await db.remove();
  });

  const compare = async () => {
    let nonEmpty = 0;
    for (const { search, idHash } of searches) {
      const fast = (await searchHouseholds(db, search, idHash)).map((h) => h.id);
      expect(fast, JSON.stringify(search)).toEqual(await plainSearch(db, search, idHash));
      if (fast.length > 0) nonEmpty++;
    }
    // The comparison means something only if most searches find households.
    expect(nonEmpty).toBeGreaterThan(searches.length / 2);
  };

  it('on a generated village caseload, for names, parts of names, ID numbers and filters', { timeout: 120_000 }, compare);

  it('after households are added, renamed, archived and deleted (the index follows the changes)', { timeout: 120_000 }, async () => {
    const { archived: _archived, ...added } = (await generated(1, 99))[0]!;
    await db.households.insert({ ...added, id: 'hh-added-0000001', memberNames: ['欧阳新来', ...added.memberNames!.slice(1)] });
    const renamed = await db.households.findOne(households[1]!.id).exec();
    await renamed!.incrementalPatch({ memberNames: ['改名后', ...renamed!.memberNames!.slice(1)], updatedAt: Date.now() });
    const archived = await db.households.findOne(households[2]!.id).exec();
    await archived!.incrementalPatch({ archived: { at: Date.now(), by: 'u-test', reason: '死亡' } });
    await (await db.households.findOne(households[4]!.id).exec())!.remove();
    searches.push({ search: { text: '欧阳新' }, idHash: null }, { search: { text: '改名后' }, idHash: null });
    searches.push({ search: { text: households[1]!.members[0]!.name }, idHash: null });
    expect((await searchHouseholds(db, { text: '欧阳新来' }, null)).map((h) => h.id)).toEqual(['hh-added-0000001']);
    expect(await searchHouseholds(db, { text: '改名后' }, null)).toHaveLength(1);
    await compare();
  });

  it('reads the result a page at a time: the pages in order are the whole result, and the total counts it', { timeout: 120_000 }, async () => {
    const PAGE = 20;
    let paged = 0;
    for (const { search, idHash } of searches) {
      const all = (await searchHouseholds(db, search, idHash)).map((h) => h.id);
      const pages: string[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await searchHouseholdPage(db, search, idHash, { offset, limit: PAGE });
        expect(page.total, JSON.stringify(search)).toBe(all.length);
        expect(page.households.length).toBeLessThanOrEqual(PAGE);
        // Whole households, decrypted, as the list shows them.
        page.households.forEach((h) => expect(h.members.length).toBeGreaterThan(0));
        if (page.households.length === 0) break;
        pages.push(...page.households.map((h) => h.id));
      }
      expect(pages, JSON.stringify(search)).toEqual(all);
      if (all.length > PAGE) paged++;
      const pastEnd = await searchHouseholdPage(db, search, idHash, { offset: Math.ceil(all.length / PAGE) * PAGE + PAGE, limit: PAGE });
      expect(pastEnd).toEqual({ total: all.length, households: [] });
    }
    // The everything-search spans many pages, and so do a few others.
    expect(paged).toBeGreaterThan(2);
    // A page in the middle starts where the one before it ended.
    const everything = (await searchHouseholds(db, {}, null)).map((h) => h.id);
    const third = await searchHouseholdPage(db, {}, null, { offset: 2 * PAGE, limit: PAGE });
    expect(third.households.map((h) => h.id)).toEqual(everything.slice(2 * PAGE, 3 * PAGE));
    expect(third.households).toHaveLength(PAGE);
  });
});

import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { filter, firstValueFrom, timeout, type Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openJiuzhuDatabase, type JiuzhuDatabase } from '../../renderer/data/core/database';
import { householdSummaries$, householdsByIds$, type HouseholdSummary } from '../../renderer/data/households/householdSummaries';
import { visitItems } from '../../renderer/ui/today/todayItems';
import { wholeHousehold } from '../support/visitSubjects';
import { reviewMembersOf } from '../../shared/rules/reviewSchedule';
import { villagesIn } from '../../shared/areas';
import { addCalendarDays } from '../../shared/rules/dates';
import { headOf, householdCategories, type Household } from '../../shared/schemas/household';
import type { Visit } from '../../shared/schemas/visit';
import { generateDemoHouseholds } from '../../server/demo/households';
import { createRandom } from '../../server/demo/random';

const villages = villagesIn('371623102').slice(0, 4).map((v) => v.code);
const NOW = Date.UTC(2026, 10, 20);
const TODAY = '2026-11-20';

/**
 * A village caseload as the laptop stores it, made varied where the pages look: the head not always
 * first (so `memberNames[0]` is not the head), groups, archives, members who can work or have died,
 * irregular income.
 */
function caseload(count: number, seed: number): Household[] {
  const random = createRandom(seed);
  return generateDemoHouseholds({ count, villageCodes: villages, seed, now: NOW, createdBy: 'u-test' }).map((h, i) => {
    const members = h.members.map((m) => ({
      ...m,
      ...(random.chance(0.3) ? { labourAbility: random.pick(['full', 'partial', 'none'] as const) } : {}),
      ...(random.chance(0.08) ? { deceasedOn: addCalendarDays(TODAY, -random.int(0, 150)) } : {}),
    }));
    if (members.length > 1 && i % 4 === 0) members.push(members.shift()!);
    return {
      ...h,
      members,
      memberNames: members.map((m) => m.name),
      ...(random.chance(0.75) ? { categories: [random.pick(householdCategories)] } : {}),
      ...(random.chance(0.2) ? { irregularIncome: true } : {}),
      ...(i % 13 === 0 ? { archived: { at: h.updatedAt, by: 'u-test', reason: '迁出' } } : {}),
    };
  });
}

/**
 * Visits over the last 14 months, some with a next visit agreed, and some shortly before a member
 * died (a review then falls due within 3 months). Only the fields the 今日 rules read.
 */
function visitsOf(households: Household[], seed: number): Visit[] {
  const random = createRandom(seed);
  return households.flatMap((h) => {
    const death = h.members.find((m) => m.deceasedOn)?.deceasedOn;
    const dates = Array.from({ length: random.int(0, 2) }, () => addCalendarDays(TODAY, -random.int(0, 420)));
    if (death && random.chance(0.7)) dates.push(addCalendarDays(death, -random.int(1, 60)));
    return dates.map(
      (visitDate, n) =>
        ({
          id: `vs-${h.id}-${n}`,
          householdId: h.id,
          visitDate,
          ...(random.chance(0.3) ? { nextVisitDate: addCalendarDays(visitDate, random.int(5, 200)) } : {}),
        }) as Visit,
    );
  });
}

const next = <T>(source: Observable<T>, until: (value: T) => boolean) => firstValueFrom(source.pipe(filter(until), timeout(20_000)));

describe('household summaries: the list pages read households without decrypting them all', () => {
  let db: JiuzhuDatabase;
  let households: Household[];

  beforeAll(async () => {
    db = await openJiuzhuDatabase(`summaries-${Date.now()}`, getRxStorageDexie(), { password: 'test-password-0123456789' });
    households = caseload(300, 11);
    await db.households.bulkInsert(households);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await db.remove();
  });

  it('match every household (names, the head\'s, village, groups, archived, review members) and open only their names, ID hashes and members', { timeout: 60_000 }, async () => {
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const find = vi.spyOn(db.households, 'find');
    const findByIds = vi.spyOn(db.households, 'findByIds');
    const summaries = await next(householdSummaries$(db), (byId) => byId.size > 0);

    // Names, hashes and members are sealed on disk: one opening for each that a household has, nothing else of it.
    const sealedFieldsPresent = households.reduce((n, h) => n + (h.memberNames ? 1 : 0) + (h.idHashes ? 1 : 0) + 1, 0);
    expect(sealedFieldsPresent).toBeGreaterThan(0);
    expect(decrypt).toHaveBeenCalledTimes(sealedFieldsPresent);
    expect(find).not.toHaveBeenCalled();
    expect(findByIds).not.toHaveBeenCalled();
    expect(summaries.size).toBe(households.length);
    for (const h of households) {
      const summary = summaries.get(h.id);
      expect(summary, h.id).toMatchObject({
        memberNames: h.members.map((m) => m.name),
        // The head is not always the first member here (caseload above).
        headName: headOf(h)!.name,
        areaCode: h.areaCode,
        categories: h.categories ?? [],
        reviewMembers: reviewMembersOf(h.members),
        archived: h.archived !== undefined,
        createdAt: h.createdAt,
        irregularIncome: h.irregularIncome === true,
      });
    }

    // The spy sees decryption when it happens: reading three households by id decrypts them.
    const ids = households.slice(0, 3).map((h) => h.id);
    const read = await next(householdsByIds$(db, ids), (byId) => byId.size > 0);
    expect(decrypt).toHaveBeenCalled();
    expect(findByIds.mock.calls.map(([asked]) => [...asked].sort())).toEqual([[...ids].sort()]);
    expect([...read.keys()].sort()).toEqual([...ids].sort());
    for (const h of households.slice(0, 3)) expect(headOf(read.get(h.id)!)?.name).toBe(headOf(h)?.name);
    decrypt.mockRestore();
    find.mockRestore();
    findByIds.mockRestore();
  });

  it('follow an edit, and the households a page shows are read again only when they change', { timeout: 60_000 }, async () => {
    const [edited, other] = [households[1]!, households[2]!];
    const findByIds = vi.spyOn(db.households, 'findByIds');
    const emissions: Map<string, Household>[] = [];
    const subscription = householdsByIds$(db, [edited.id, other.id]).subscribe((byId) => emissions.push(byId));
    await vi.waitFor(() => expect(emissions.at(-1)?.size).toBe(2), { timeout: 20_000 });
    expect(findByIds).toHaveBeenCalledTimes(1);

    // A household the page does not show changes: nothing is read.
    const unrelated = await db.households.findOne(households[5]!.id).exec();
    await unrelated!.incrementalPatch({ address: '别处1号', updatedAt: NOW + 1 });
    await next(householdSummaries$(db), (byId) => byId.get(households[5]!.id)?.updatedAt === NOW + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(findByIds).toHaveBeenCalledTimes(1);

    const doc = await db.households.findOne(edited.id).exec();
    const members = doc!.toMutableJSON().members.map((m) => (m.relation === 'head' ? { ...m, name: '改名户主' } : m));
    const village = villages.find((code) => code !== edited.areaCode)!;
    await doc!.incrementalPatch({ members, memberNames: members.map((m) => m.name), areaCode: village, categories: ['tekun', 'elderly'], updatedAt: NOW + 2 });

    const summary = (await next(householdSummaries$(db), (byId) => byId.get(edited.id)?.updatedAt === NOW + 2)).get(edited.id)!;
    expect(summary).toMatchObject({ areaCode: village, categories: ['tekun', 'elderly'], memberNames: members.map((m) => m.name) });
    await vi.waitFor(() => expect(headOf(emissions.at(-1)!.get(edited.id)!)?.name).toBe('改名户主'), { timeout: 20_000 });
    expect(findByIds).toHaveBeenCalledTimes(2);
    expect([...findByIds.mock.calls[1]![0]]).toEqual([edited.id]);
    expect(emissions.at(-1)!.get(other.id)).toBe(emissions[0]!.get(other.id));
    subscription.unsubscribe();
    findByIds.mockRestore();
  });

  it("今日: the index's summaries list the same visits as every household read whole", { timeout: 60_000 }, async () => {
    const all = (await db.households.find().exec()).map((d) => d.toJSON() as Household);
    const visits = visitsOf(all, 23);
    const summaries: ReadonlyMap<string, HouseholdSummary> = await next(householdSummaries$(db), (byId) => byId.size === all.length);
    const everyItem = visitItems(all.map(wholeHousehold), visits, TODAY);

    expect(visitItems(summaries.values(), visits, TODAY)).toEqual(everyItem);
    // Meaningful only if there are items of each reason, and review members of each kind.
    expect(new Set(everyItem.map((item) => (item.kind === 'visit' ? item.reason : '')))).toEqual(
      new Set(['yearly', 'halfYearly', 'afterDeath', 'neverVisited', 'planned']),
    );
    const reviewMembers = [...summaries.values()].flatMap((summary) => summary.reviewMembers);
    expect(reviewMembers.some((m) => m.deceasedOn)).toBe(true);
    expect(reviewMembers.some((m) => !m.deceasedOn && m.labourAbility)).toBe(true);
  });
});

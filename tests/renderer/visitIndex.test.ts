import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openJiuzhuDatabase, type JiuzhuDatabase } from '../../renderer/data/core/database';
import { householdSummaries$ } from '../../renderer/data/households/householdSummaries';
import { latestVisits$, visitIndexOf, type LatestVisits } from '../../renderer/data/visits/visitIndex';
import { visitItems } from '../../renderer/ui/today/todayItems';
import { wholeHousehold } from '../support/visitSubjects';
import { villagesIn } from '../../shared/areas';
import { addCalendarDays } from '../../shared/rules/dates';
import { householdCategories, type Household } from '../../shared/schemas/household';
import { visitTypes, type Visit } from '../../shared/schemas/visit';
import { generateDemoHouseholds } from '../../server/demo/households';
import { createRandom } from '../../server/demo/random';

const PASSWORD = 'test-password-0123456789';
const villages = villagesIn('371623102').slice(0, 3).map((v) => v.code);
const NOW = Date.UTC(2026, 10, 20);
const TODAY = '2026-11-20';

let opened: JiuzhuDatabase | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await opened?.remove();
  opened = null;
});

let serial = 0;
const freshName = () => `visit-index-${Date.now()}-${serial++}`;
async function open(name: string): Promise<JiuzhuDatabase> {
  opened = await openJiuzhuDatabase(name, getRxStorageDexie(), { password: PASSWORD });
  return opened;
}

function households(count: number, seed: number): Household[] {
  const random = createRandom(seed);
  return generateDemoHouseholds({ count, villageCodes: villages, seed, now: NOW, createdBy: 'u-test' }).map((h) => ({
    ...h,
    memberNames: h.members.map((m) => m.name),
    ...(random.chance(0.7) ? { categories: [random.pick(householdCategories)] } : {}),
  }));
}

let visitSerial = 0;
/** A whole visit, with the notes that are encrypted at rest written down. */
function visit(household: Household, visitDate: string, extra: Partial<Visit> = {}): Visit {
  visitSerial++;
  return {
    id: `vs-${visitSerial.toString().padStart(6, '0')}-${household.id.slice(-6)}`,
    areaCode: household.areaCode,
    householdId: household.id,
    type: visitTypes[visitSerial % visitTypes.length]!,
    visitDate,
    investigators: ['走访员甲'],
    findings: `入户了解${(household.memberNames ?? [])[0] ?? ''}家近况，生活基本稳定。`,
    healthChanges: '血压偏高，按时服药。',
    createdAt: NOW - visitSerial,
    createdBy: 'u-test',
    updatedAt: NOW - visitSerial,
    updatedBy: 'u-test',
    ...extra,
  };
}

/** Up to four visits a household over the last 14 months, some on the same day, some with a next visit agreed. */
function visitsOf(all: Household[], seed: number): Visit[] {
  const random = createRandom(seed);
  return all.flatMap((h) => {
    const dates = Array.from({ length: random.int(0, 4) }, () => addCalendarDays(TODAY, -random.int(0, 420)));
    if (dates.length > 1 && random.chance(0.3)) dates.push(dates[0]!);
    return dates.map((date) => visit(h, date, random.chance(0.4) ? { nextVisitDate: addCalendarDays(date, random.int(5, 200)) } : {}));
  });
}

/**
 * What 今日 read before the index: every visit through RxDB (so decrypted), the latest per household
 * by visit date, on the same day the one written last.
 */
async function latestFromAllVisits(db: JiuzhuDatabase): Promise<Map<string, { id: string; visitDate: string; nextVisitDate: string | undefined }>> {
  const visits = (await db.visits.find({ sort: [{ updatedAt: 'desc' }] }).exec()).map((d) => d.toJSON() as Visit);
  const latest = new Map<string, Visit>();
  for (const v of visits) {
    const seen = latest.get(v.householdId);
    if (!seen || v.visitDate > seen.visitDate) latest.set(v.householdId, v);
  }
  return new Map([...latest].map(([id, v]) => [id, { id: v.id, visitDate: v.visitDate, nextVisitDate: v.nextVisitDate }]));
}

const facts = (latest: LatestVisits) =>
  new Map([...latest].map(([id, v]) => [id, { id: v.id, visitDate: v.visitDate, nextVisitDate: v.nextVisitDate }]));

const nextLatest = (db: JiuzhuDatabase, until: (latest: LatestVisits) => boolean) =>
  firstValueFrom(latestVisits$(db).pipe(filter(until), timeout(20_000)));

describe("今日's visit index: each household's latest visit without decrypting any visit", () => {
  it('equals what reading every visit gives, lists the same 今日 visits, and decrypts nothing', { timeout: 60_000 }, async () => {
    const db = await open(freshName());
    const all = households(120, 5);
    const visits = visitsOf(all, 7);
    await db.households.bulkInsert(all);
    await db.visits.bulkInsert(visits);

    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const index = await visitIndexOf(db);
    const latest = index.latest();
    expect(decrypt).not.toHaveBeenCalled();
    expect(index.builtFrom).toBe('records');

    const reference = await latestFromAllVisits(db);
    // The spy sees decryption when it happens: reading the visits through RxDB decrypts them.
    expect(decrypt).toHaveBeenCalled();
    expect(facts(latest)).toEqual(reference);
    // Meaningful only with households never visited, visited several times, and on the same day twice.
    expect(latest.size).toBeLessThan(all.length);
    expect(visits.length).toBeGreaterThan(latest.size * 1.5);
    expect(visits.some((a) => visits.some((b) => a !== b && a.householdId === b.householdId && a.visitDate === b.visitDate))).toBe(true);

    // The user sees the same 今日 visits as when every visit was read.
    const everyVisit = (await db.visits.find().exec()).map((d) => d.toJSON() as Visit);
    const summaries = await firstValueFrom(householdSummaries$(db).pipe(filter((byId) => byId.size === all.length), timeout(20_000)));
    const items = visitItems(summaries.values(), latest, TODAY);
    expect(items).toEqual(visitItems(all.map(wholeHousehold), everyVisit, TODAY));
    expect(new Set(items.map((item) => (item.kind === 'visit' ? item.reason : '')))).toContain('planned');
  });

  it('follows a new visit, a visit moved to an older date, a first visit and a deletion', { timeout: 60_000 }, async () => {
    const db = await open(freshName());
    const [a, b, c] = households(3, 9);
    await db.households.bulkInsert([a!, b!, c!]);
    const older = visit(a!, '2026-03-02', { nextVisitDate: '2026-09-01' });
    const newer = visit(a!, '2026-08-15');
    await db.visits.bulkInsert([older, newer, visit(b!, '2026-05-05')]);
    const first = await nextLatest(db, (latest) => latest.size === 2);
    expect(first.get(a!.id)?.id).toBe(newer.id);
    expect(first.has(c!.id)).toBe(false);

    // A later visit to A becomes its latest, with the next visit agreed then.
    const latestVisit = visit(a!, '2026-11-10', { nextVisitDate: '2026-11-25' });
    await db.visits.insert(latestVisit);
    let latest = await nextLatest(db, (l) => l.get(a!.id)?.id === latestVisit.id);
    expect(latest.get(a!.id)).toMatchObject({ visitDate: '2026-11-10', nextVisitDate: '2026-11-25' });
    expect(facts(latest)).toEqual(await latestFromAllVisits(db));

    // Its date corrected to before the others: the August visit is A's latest again.
    await (await db.visits.findOne(latestVisit.id).exec())!.incrementalPatch({ visitDate: '2026-01-20', updatedAt: NOW + 1 });
    latest = await nextLatest(db, (l) => l.get(a!.id)?.id === newer.id);
    expect(latest.get(a!.id)).toMatchObject({ visitDate: '2026-08-15' });
    expect(latest.get(a!.id)?.nextVisitDate).toBeUndefined();
    expect(facts(latest)).toEqual(await latestFromAllVisits(db));

    // C is visited for the first time.
    const firstVisit = visit(c!, '2026-11-18');
    await db.visits.insert(firstVisit);
    latest = await nextLatest(db, (l) => l.has(c!.id));
    expect(latest.get(c!.id)?.id).toBe(firstVisit.id);

    // The August visit is deleted: March is A's latest; B's only visit deleted: B has none.
    await (await db.visits.findOne(newer.id).exec())!.remove();
    const bVisit = (await db.visits.find({ selector: { householdId: b!.id } }).exec())[0]!;
    await bVisit.remove();
    latest = await nextLatest(db, (l) => l.get(a!.id)?.id === older.id && !l.has(b!.id));
    expect(latest.get(a!.id)).toMatchObject({ visitDate: '2026-03-02', nextVisitDate: '2026-09-01' });
    expect(facts(latest)).toEqual(await latestFromAllVisits(db));
  });

  it('starts from its saved snapshot plus the visits changed after it, exactly as reading every visit', { timeout: 60_000 }, async () => {
    const name = freshName();
    let db = await open(name);
    const all = households(30, 12);
    const visits = visitsOf(all, 13);
    await db.households.bulkInsert(all);
    await db.visits.bulkInsert(visits);
    await (await visitIndexOf(db)).save();

    // After the snapshot: a household's latest visit moved back, another's deleted, a new visit.
    const visitCount = new Map<string, number>();
    for (const v of visits) visitCount.set(v.householdId, (visitCount.get(v.householdId) ?? 0) + 1);
    const [moved, deleted] = [...(await latestFromAllVisits(db))].filter(([householdId]) => visitCount.get(householdId)! > 1);
    await (await db.visits.findOne(moved![1].id).exec())!.incrementalPatch({ visitDate: '2025-01-01', updatedAt: NOW + 1 });
    await (await db.visits.findOne(deleted![1].id).exec())!.remove();
    const added = visit(all[0]!, TODAY, { nextVisitDate: '2026-12-01' });
    await db.visits.insert(added);
    await db.close();

    db = await open(name);
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const index = await visitIndexOf(db);
    const latest = index.latest();
    // One opening: the sealed snapshot's. No visit is decrypted.
    expect(decrypt).toHaveBeenCalledTimes(1);
    expect(index.builtFrom).toBe('snapshot');
    const now = await latestFromAllVisits(db);
    expect(facts(latest)).toEqual(now);
    expect(latest.get(all[0]!.id)?.id).toBe(added.id);
    // Each still has an earlier visit, now its latest.
    expect(latest.get(moved![0])?.id).not.toBe(moved![1].id);
    expect(latest.get(deleted![0])?.id).not.toBe(deleted![1].id);
  });
});

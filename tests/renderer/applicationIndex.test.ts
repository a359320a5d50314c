import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { applicationIndexOf, applicationSummaries$ } from '../../renderer/data/applications/applicationIndex';
import { openJiuzhuDatabase, type JiuzhuDatabase } from '../../renderer/data/core/database';
import { benefitItems } from '../../renderer/ui/caseLife/benefitTodayItems';
import { programmeItems } from '../../renderer/ui/today/programmeItems';
import { deadlineItems, documentItems } from '../../renderer/ui/today/todayItems';
import { generateDemoCaseload } from '../../server/demo/caseload';
import type { DemoStaff } from '../../server/demo/demoTeam';
import { generateDemoHouseholds } from '../../server/demo/households';
import { villagesIn } from '../../shared/areas';
import { scopePrefix, type PersonRole, type Role } from '../../shared/auth/roles';
import { chinaDateOf } from '../../shared/domain/chinaTime';
import { addCalendarDays } from '../../shared/rules/dates';
import type { Application } from '../../shared/schemas/application';
import type { ApplicationSummary } from '../../shared/rules/applicationSummary';
import type { ReviewVisit } from '../../shared/rules/benefit';

/**
 * 今日 reads applications from the application index (renderer/data/applications/applicationIndex.ts),
 * which keeps a summary of each instead of decrypting every application at each start. Its cards
 * must list exactly what they list from the whole applications, for every role, on any day, also
 * after a restart from the index's saved snapshot.
 */
const PASSWORD = 'test-password-0123456789';
const now = Date.parse('2026-12-05T02:00:00Z');
const villages = villagesIn('371623102').map((v) => v.code);
const staff = (id: string, role: PersonRole, areaCode: string): DemoStaff => ({ id, name: id, person: id, role, areaCode });
const team = {
  assistants: new Map(villages.slice(0, 2).map((village, i) => [village, staff(`u-assistant-${i}`, 'assistant', village)])),
  township: staff('u-township', 'township', '371623102000'),
  socialWorker: staff('u-social', 'social_worker', '371623102000'),
  county: staff('u-county', 'county', '371623000000'),
  secondInvestigator: '赵明',
};
const { applications, visits } = generateDemoCaseload({
  households: generateDemoHouseholds({ count: 300, villageCodes: villages, seed: 2026, now, createdBy: team.township.id }),
  townshipCode: '371623102',
  team,
  now,
  seed: 2027,
});
const roles: { role: Role; areaCode: string }[] = [
  { role: 'township', areaCode: '371623102000' },
  { role: 'county', areaCode: '371623000000' },
  { role: 'city', areaCode: '371600000000' },
  { role: 'assistant', areaCode: villages[0]! },
];
// Each household's latest visit (a review visit's outcome waits for the township to record it).
const latestVisits = new Map<string, ReviewVisit>();
for (const visit of visits) {
  const held = latestVisits.get(visit.householdId);
  if (!held || visit.visitDate > held.visitDate) latestVisits.set(visit.householdId, visit);
}
// And one review visit whose outcome the township has not recorded yet.
const reviewed = applications.find((a) => a.status === 'approved' && a.benefit && a.benefit.state !== 'stopped')!;
latestVisits.set(reviewed.householdId, { id: 'v-review-not-recorded', visitDate: chinaDateOf(now), reviewOutcome: 'adjust' });
// The demo's day, the last days of its month (the roster check), and weeks on (deadlines fall due).
const today = chinaDateOf(now);
const days = [today, addCalendarDays(today, 24), addCalendarDays(today, 45)];

/** Every row 今日's application cards list for a role on a day. */
function cards(list: readonly ApplicationSummary[], role: Role, areaCode: string, day: string) {
  return {
    document: documentItems(list, day),
    deadline: deadlineItems(list, role, day),
    programme: programmeItems(list, role, day),
    benefit: benefitItems(list, role, day, scopePrefix(role, areaCode), latestVisits),
  };
}

let opened: JiuzhuDatabase | null = null;
afterEach(async () => {
  await opened?.remove();
  opened = null;
});

const open = async (name: string) => (opened = await openJiuzhuDatabase(name, getRxStorageDexie(), { password: PASSWORD }));
const summariesOf = (db: JiuzhuDatabase) =>
  firstValueFrom(applicationSummaries$(db).pipe(filter((list) => list.length === applications.length), timeout(20_000)));

describe('今日 from the application index: the same rows as from the whole applications', () => {
  it('for every role on every day, after a restart from the snapshot too, holding no income or free text', { timeout: 60_000 }, async () => {
    const name = `application-index-${Date.now()}`;
    let db = await open(name);
    await db.applications.bulkInsert(applications);
    const whole = (await db.applications.find({ sort: [{ updatedAt: 'desc' }] }).exec()).map((doc) => doc.toJSON() as Application);
    const built = await summariesOf(db);
    expect((await applicationIndexOf(db)).builtFrom).toBe('records');
    await (await applicationIndexOf(db)).save();
    await db.close();
    db = await open(name);
    const restarted = await summariesOf(db);
    expect((await applicationIndexOf(db)).builtFrom).toBe('snapshot');

    const listed = new Set<string>();
    for (const { role, areaCode } of roles) {
      for (const day of days) {
        const expected = cards(whole, role, areaCode, day);
        expect(cards(built, role, areaCode, day), `${role} ${day}`).toEqual(expected);
        expect(cards(restarted, role, areaCode, day), `${role} ${day} after a restart`).toEqual(expected);
        for (const [kind, items] of Object.entries(expected)) if (items.length > 0) listed.add(kind);
        for (const item of expected.benefit) listed.add(`benefit:${item.what}`);
      }
    }
    // Meaningful only if every card lists something somewhere.
    expect([...listed].filter((kind) => !kind.includes(':')).sort()).toEqual(['benefit', 'deadline', 'document', 'programme']);
    expect(listed).toContain('benefit:reviewToRecord');

    // What the index holds (and seals in its snapshot) has none of the applications' free text.
    const held = JSON.stringify(restarted);
    const freeText = {
      reasons: whole.flatMap((a) => [a.reason]),
      findings: whole.flatMap((a) => [a.investigation?.findings]),
      historyNotes: whole.flatMap((a) => a.history.map((entry) => entry.note)),
      documentNotes: whole.flatMap((a) => a.documents.map((document) => document.note)),
      refusals: whole.flatMap((a) => [a.decision?.refusalReason]),
      changeReasons: whole.flatMap((a) => (a.benefit?.changes ?? []).map((change) => change.reason)),
      reviewNotes: whole.flatMap((a) => (a.benefit?.reviews ?? []).map((review) => review.note)),
    };
    const present = Object.entries(freeText).flatMap(([kind, texts]) => (texts.some((text) => !!text && text.length >= 4) ? [kind] : []));
    // Meaningful only if the demo has most kinds of free text.
    expect(present.length).toBeGreaterThanOrEqual(4);
    for (const text of Object.values(freeText).flat()) if (text && text.length >= 4) expect(held).not.toContain(JSON.stringify(text).slice(1, -1));
  });

  it('follows a change: an application moved on, and one removed', { timeout: 60_000 }, async () => {
    const db = await open(`application-index-change-${Date.now()}`);
    const accepted = applications.find((a) => !['withdrawn', 'refused', 'approved'].includes(a.status))!;
    await db.applications.bulkInsert([accepted, ...applications.filter((a) => a !== accepted).slice(0, 39)]);
    const index = await applicationIndexOf(db);
    expect(index.summaries().find((a) => a.id === accepted.id)?.status).toBe(accepted.status);
    const doc = await db.applications.findOne(accepted.id).exec();
    await doc!.incrementalPatch({ status: 'withdrawn', updatedAt: now + 1 });
    await expect.poll(() => index.summaries().find((a) => a.id === accepted.id)?.status).toBe('withdrawn');
    expect(index.summaries()[0]!.id).toBe(accepted.id);
    await doc!.getLatest().remove();
    await expect.poll(() => index.summaries().some((a) => a.id === accepted.id)).toBe(false);
    expect(index.summaries()).toHaveLength(39);
  });
});

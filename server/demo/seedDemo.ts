import { villagesIn } from '../../shared/areas';
import { personRoleOf } from '../../shared/auth/roles';
import { chinaDateOf } from '../../shared/domain/chinaTime';
import { policySchema } from '../../shared/schemas/reference';
import type { SyncedCollection } from '../../shared/sync/collections';
import { loadSearchKeyRoot } from '../auth/secrets';
import type { Database } from '../db/database';
import { deriveHouseholdFields } from '../search/searchKeys';
import { pushChanges, storeDocuments } from '../storage/documentStore';
import { registerTrackingCodes } from '../sync/trackingCodes';
import { validatePushBody } from '../sync/validateDocuments';
import { addUser } from '../users/userStore';
import { generateDemoCaseload } from './caseload';
import { personOf, type DemoStaff, type DemoTeam } from './demoTeam';
import { examplePolicies } from './examplePolicy';
import { generateDemoHouseholds } from './households';

export const DEMO_PASSWORD = 'jiuzhu2026';
const JIESHISHAN = '371623102'; // 无棣县碣石山镇
const HUJI = '371621104'; // 惠民县胡集镇

/** The demo users the README lists; the two assistants work in the first two villages of 碣石山镇. */
export function demoUsers() {
  const [villageA, villageB] = villagesIn(JIESHISHAN).map((v) => v.code);
  if (!villageA || !villageB) throw new Error('area data lacks 碣石山镇 villages');
  return [
    { username: 'xieli_a', displayName: '王秀兰', role: 'assistant', areaCode: villageA },
    { username: 'xieli_b', displayName: '李建国', role: 'assistant', areaCode: villageB },
    { username: 'zhen', displayName: '刘芳（碣石山镇社会救助服务站）', role: 'township', areaCode: `${JIESHISHAN}000` },
    { username: 'shegong', displayName: '陈静（社工）', role: 'social_worker', areaCode: `${JIESHISHAN}000` },
    { username: 'xian', displayName: '张伟（无棣县民政局）', role: 'county', areaCode: '371623000000' },
    { username: 'shi', displayName: '孙丽（滨州市民政局）', role: 'city', areaCode: '371600000000' },
  ] as const;
}

export interface DemoSeedCounts {
  users: number;
  households: number;
  applications: number;
  visits: number;
  careNeeds: number;
}

/** Validated as any push is (shared schemas), then stored with the same code a push goes through. */
async function store(db: Database, collection: SyncedCollection, docs: readonly object[], rules: Parameters<typeof pushChanges>[4] = {}): Promise<void> {
  const rows = validatePushBody(
    collection,
    docs.map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } })),
    '',
  );
  await pushChanges(db, collection, '', rows, rules);
}

/**
 * Creates the demo users, the two counties' example policy figures and a township's month of
 * work — about 200 households, their groups and approvals, the applications in progress, visits and care needs — only on an empty database.
 * Returns null if it had data.
 */
export async function seedDemoData(db: Database, now = Date.now()): Promise<DemoSeedCounts | null> {
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if ((existing[0]?.n ?? 0) > 0) return null;
  const users = demoUsers();
  const staff = new Map<string, DemoStaff>();
  for (const user of users) {
    const added = await addUser(db, { ...user, password: DEMO_PASSWORD });
    staff.set(user.username, { id: added.id, name: added.displayName, person: personOf(added.displayName), role: personRoleOf(added.role), areaCode: added.areaCode });
  }
  const member = (username: string): DemoStaff => staff.get(username)!;
  const [villageA, villageB] = [users[0].areaCode, users[1].areaCode];
  const team: DemoTeam = {
    assistants: new Map([
      [villageA, member('xieli_a')],
      [villageB, member('xieli_b')],
    ]),
    township: member('zhen'),
    socialWorker: member('shegong'),
    county: member('xian'),
    secondInvestigator: '赵明',
  };
  const villages = [...villagesIn(JIESHISHAN), ...villagesIn(HUJI)].map((v) => v.code);
  const households = generateDemoHouseholds({
    count: 200,
    // The assistants' own villages get several households each so their lists are not empty.
    villageCodes: [villageA, villageA, villageA, villageB, villageB, villageB, ...villages],
    seed: 2026,
    now,
    createdBy: team.township.id,
  });
  const caseload = generateDemoCaseload({ households, townshipCode: JIESHISHAN, team, now, seed: 2027 });
  // Demo households are found by ID number and by name like any other: the store computes their
  // keyed hashes (under each township's key) and the plain member names, as it does for every push.
  await store(db, 'households', caseload.households, { derive: deriveHouseholdFields(await loadSearchKeyRoot(db)) });
  // The example figures (示例) of both demo counties, before the server adds its placeholders
  // (it adds them only for a county without any period): the demo's sums follow these figures.
  const policies = examplePolicies(chinaDateOf(now), now).map((policy) => policySchema.parse(policy));
  await db.transaction((tx) => storeDocuments(tx, 'policies', policies.map((doc) => ({ doc, deleted: false }))));
  // Their 码上查 codes go into the register as a push's would, so a demo receipt's QR code opens its page.
  await store(db, 'applications', caseload.applications, { afterWrite: (tx, writes) => registerTrackingCodes(tx, writes, now) });
  await store(db, 'visits', caseload.visits);
  await store(db, 'careNeeds', caseload.careNeeds);
  return {
    users: users.length,
    households: caseload.households.length,
    applications: caseload.applications.length,
    visits: caseload.visits.length,
    careNeeds: caseload.careNeeds.length,
  };
}

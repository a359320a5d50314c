import { villagesIn } from '../../shared/areas';
import { loadSearchKeyRoot } from '../auth/secrets';
import type { Database } from '../db/database';
import { deriveHouseholdFields } from '../search/searchKeys';
import { pushChanges } from '../storage/documentStore';
import { validatePushBody } from '../sync/validateDocuments';
import { addUser, findUserByUsername } from '../users/userStore';
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
  ] as const;
}

/** Creates the demo users and about 200 households, only on an empty database. Returns null if it had data. */
export async function seedDemoData(db: Database): Promise<{ users: number; households: number } | null> {
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if ((existing[0]?.n ?? 0) > 0) return null;
  const users = demoUsers();
  for (const user of users) {
    await addUser(db, { ...user, password: DEMO_PASSWORD });
  }
  const creator = await findUserByUsername(db, 'zhen');
  const [villageA, villageB] = [users[0].areaCode, users[1].areaCode];
  const villages = [...villagesIn(JIESHISHAN), ...villagesIn(HUJI)].map((v) => v.code);
  const households = generateDemoHouseholds({
    count: 200,
    // The assistants' own villages get several households each so their lists are not empty.
    villageCodes: [villageA, villageA, villageA, villageB, villageB, villageB, ...villages],
    seed: 2026,
    now: Date.now(),
    createdBy: creator?.id ?? 'demo',
  });
  const rows = validatePushBody(
    'households',
    households.map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } })),
    '',
  );
  // Demo households are found by ID number and by name like any other: the store computes their
  // keyed hashes (under each township's key) and the plain member names, as it does for every push.
  await pushChanges(db, 'households', '', rows, { derive: deriveHouseholdFields(await loadSearchKeyRoot(db)) });
  return { users: users.length, households: households.length };
}

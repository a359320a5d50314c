/**
 * A realistic, deterministic benchmark dataset: real Binzhou villages, households of one to six
 * members with valid ID numbers (the demo generator, seeded), and visits, applications and care
 * needs in the proportions of a township's caseload, with Chinese text of realistic length.
 * Every document passes the shared zod schemas (`checkDocuments`).
 */
import { createHmac } from 'node:crypto';
import { villagesIn } from '../shared/areas';
import { hashIdNumber, searchKeyFor, type SearchKeys } from '../shared/domain/idHash';
import type { PersonRole } from '../shared/auth/roles';
import type { ApplicationAction, ApplicationStatus } from '../shared/rules/applicationStatus';
import type { Application } from '../shared/schemas/application';
import type { Attachment } from '../shared/schemas/attachment';
import type { CareNeed } from '../shared/schemas/careNeed';
import type { Household } from '../shared/schemas/household';
import type { Visit, VisitType } from '../shared/schemas/visit';
import { collectionDefinitions, type SyncedCollection } from '../shared/sync/collections';
import { generateDemoHouseholds } from '../server/demo/households';
import { createRandom, type Random } from '../server/demo/random';

/** 无棣县 碣石山镇's neighbour 水湾镇 (371623101): 82 villages, one of Binzhou's largest townships. */
export const BENCH_TOWNSHIP = '371623101';

/** Per household: visits, applications and care needs (100,000 visits for 30,000 households). */
export const RATIOS = { visits: 10 / 3, applications: 0.3, careNeeds: 0.2 } as const;

export interface Dataset {
  households: Household[];
  visits: Visit[];
  applications: Application[];
  careNeeds: CareNeed[];
  /** No files in the benchmark: attachments' bytes travel outside sync. */
  attachments: Attachment[];
}

export const DAY_MS = 86_400_000;
/** Fixed "now" so every run generates the same documents. */
export const BENCH_NOW = Date.UTC(2026, 10, 20, 2, 0, 0);

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const INVESTIGATORS = ['王秀兰', '李建国', '刘芳', '陈静', '张伟', '赵海燕', '孙立军', '周晓梅', '吴国强', '郑丽娜'];

const OPENINGS = [
  '入户时户主在家，精神状态尚可，对走访工作表示欢迎。',
  '走访时户主正在院中晾晒粮食，家中卫生状况一般。',
  '本次由村委会陪同入户，家中老人独自在家。',
  '户主卧床，由配偶接待，介绍了近期家庭情况。',
  '入户时家中无人，电话联系后户主从地里赶回。',
];
const BODIES = [
  '家庭主要收入来源为种植玉米和小麦约六亩，年收入约八千元，另有高龄补贴每月一百元。',
  '户主患高血压、糖尿病多年，需长期服药，每月药费约三百元，医保报销后自付部分仍较多。',
  '子女在外地务工，每年春节回家一次，平时很少给家里寄钱，老人生活主要靠养老金。',
  '住房为上世纪八十年代建的砖瓦房，屋顶有漏雨现象，冬季取暖依靠燃煤炉。',
  '孙子在镇中学读初二，学习成绩中等，学杂费已减免，生活费由祖父母承担。',
  '配偶为二级肢体残疾，日常生活需要照料，户主因此无法外出务工。',
  '家中有电动三轮车一辆，无其他大额财产，存款不足五千元。',
  '今年夏天因大雨导致部分庄稼受灾，减产约三成，家庭收入明显下降。',
  '户主表示有就业意愿，希望能安排公益性岗位，但身体条件只能做轻体力工作。',
  '冬季取暖和用电支出较大，已申请清洁取暖补贴，尚未到位。',
];
const CLOSINGS = [
  '已告知低保动态管理政策，下次走访时核实收入变化。',
  '建议关注老人健康状况，联系村医每月上门随访一次。',
  '已将家庭情况反馈镇社会救助服务站，等待进一步核查。',
  '户主对现有救助政策知晓，暂无新的救助需求。',
  '已为其登记临时救助需求，待镇里审核。',
];
const NEED_TEXT = [
  '老人独居，行动不便，需要定期上门照料和送餐服务。',
  '冬季取暖困难，需要棉衣棉被和取暖用煤。',
  '孩子父母外出务工，缺少陪伴，需要心理关爱和课业辅导。',
  '户主长期患病，医疗费用负担重，需要协助申请医疗救助和大病保险报销。',
  '户主有劳动能力但就业困难，需要推荐公益性岗位或技能培训。',
];
const REASONS = [
  '户主患重病丧失劳动能力，家庭人均收入低于当地低保标准，生活困难，特申请最低生活保障。',
  '家中老人年老体弱，无子女赡养，无劳动能力，无生活来源，申请特困人员救助供养。',
  '因病支出较大，医保报销后自付部分超过家庭承受能力，申请医疗救助。',
  '房屋受灾损毁，一时无法居住，申请临时救助。',
];

function findings(random: Random): string {
  const parts = [random.pick(OPENINGS)];
  const count = random.int(2, 4);
  for (let i = 0; i < count; i++) parts.push(random.pick(BODIES));
  parts.push(random.pick(CLOSINGS));
  return parts.join('');
}

function investigators(random: Random, atLeast: number): string[] {
  const n = Math.max(atLeast, random.int(1, 2));
  const start = random.int(0, INVESTIGATORS.length - 1);
  return Array.from({ length: n }, (_, i) => INVESTIGATORS[(start + i) % INVESTIGATORS.length]!);
}

let idCounter = 0;
function docId(random: Random, prefix: string): string {
  idCounter++;
  return `${prefix}-${random.hex(12)}${idCounter.toString(36).padStart(6, '0')}`;
}

const VISIT_TYPES: readonly (readonly [VisitType, number])[] = [
  ['routine', 60],
  ['followUp', 15],
  ['screening', 12],
  ['investigation', 10],
  ['emergency', 3],
];

export function makeVisit(random: Random, household: Household, by: string, now = BENCH_NOW): Visit {
  const type = random.weighted(VISIT_TYPES);
  const visitMs = now - random.int(1, 720) * DAY_MS;
  const visitDate = isoDate(visitMs);
  const createdAt = visitMs + random.int(0, DAY_MS - 1);
  const present = household.members.filter(() => random.chance(0.6)).map((m) => m.id);
  const visit: Visit = {
    id: docId(random, 'v'),
    areaCode: household.areaCode,
    householdId: household.id,
    type,
    visitDate,
    investigators: investigators(random, type === 'investigation' ? 2 : 1),
    findings: findings(random),
    ...(random.chance(0.5) ? { nextVisitDate: isoDate(visitMs + random.int(30, 90) * DAY_MS) } : {}),
    ...(present.length > 0 ? { membersPresent: present } : {}),
    ...(type === 'investigation'
      ? {
          conditions: {
            income: random.pick(BODIES.slice(0, 3)),
            property: '无机动车，无商业保险，住房一处。',
            food: '粮食自给，日常饮食基本有保障。',
            clothing: '衣被较旧，冬季御寒衣物不足。',
            housing: random.pick(BODIES.slice(3, 4)),
            dailyUse: '家电简陋，仅有电视机一台。',
          },
        }
      : {}),
    ...(random.chance(0.2) ? { healthChanges: '近三个月血压控制不稳定，曾住院一周。' } : {}),
    ...(random.chance(0.3) ? { needsFound: [random.pick(['material', 'medical', 'dailyCare', 'employment'] as const)] } : {}),
    createdAt,
    createdBy: by,
    updatedAt: createdAt + random.int(0, 3) * DAY_MS,
    updatedBy: by,
  };
  return visit;
}

const FLOW: readonly [ApplicationAction, ApplicationStatus, PersonRole][] = [
  ['submit', 'submitted', 'assistant'],
  ['accept', 'accepted', 'township'],
  ['startInvestigation', 'investigating', 'township'],
  ['preliminaryReview', 'preliminaryReviewed', 'township'],
  ['startPublicNotice', 'publicNotice', 'township'],
  ['sendToCounty', 'pendingConfirmation', 'township'],
  ['approve', 'approved', 'county'],
];

/** An application; `steps` of the B1 flow already taken (0: draft). New pushes use 0 or 1 with `by` as the signer. */
export function makeApplication(random: Random, household: Household, by: string, steps: number, now = BENCH_NOW): Application {
  const head = household.members[0]!;
  const type = random.weighted([['dibao', 50], ['tekun', 15], ['medicalAid', 15], ['temporaryAid', 12], ['educationAid', 8]] as const);
  const createdAt = now - random.int(5, 400) * DAY_MS;
  let status: ApplicationStatus = 'draft';
  const history: Application['history'] = [];
  let at = createdAt;
  for (const [action, to, role] of FLOW.slice(0, steps)) {
    at += random.int(1, 6) * DAY_MS;
    history.push({ id: docId(random, 'h'), action, from: status, to, at, byUserId: by, byName: random.pick(INVESTIGATORS), role });
    status = to;
  }
  return {
    id: docId(random, 'app'),
    areaCode: household.areaCode,
    householdId: household.id,
    type,
    mode: random.chance(0.8) ? 'onApplication' : 'proactive',
    assistance: random.pick(['none', 'guided', 'helped', 'delegated'] as const),
    applicantMemberId: head.id,
    coveredMemberIds: household.members.map((m) => m.id),
    singlePersonUnit: false,
    incomeItems: household.members.slice(0, 2).map((m, i) => ({
      id: `inc-${i + 1}`,
      memberId: m.id,
      kind: i === 0 ? ('pension' as const) : ('wages' as const),
      monthlyAmount: random.int(100, 900),
      treatment: 'counted' as const,
    })),
    propertyItems: [{ id: 'p-1', description: '自住砖瓦房一处', exempt: true, exemptReason: '生活必需' }],
    documents: [
      { kind: 'idAndHukou', state: 'provided' },
      { kind: 'applicationForm', state: 'provided' },
      { kind: 'incomeDeclaration', state: random.chance(0.8) ? 'provided' : 'missing' },
    ],
    pledgeSigned: true,
    reason: random.pick(REASONS),
    status,
    history,
    ...(type === 'medicalAid' ? { medical: { totalCost: 32000, reimbursed: 21000 } } : {}),
    createdAt,
    createdBy: by,
    updatedAt: Math.max(at, createdAt),
    updatedBy: by,
  };
}

export function makeCareNeed(random: Random, household: Household, by: string, now = BENCH_NOW): CareNeed {
  const createdAt = now - random.int(1, 300) * DAY_MS;
  return {
    id: docId(random, 'cn'),
    areaCode: household.areaCode,
    householdId: household.id,
    memberId: household.members[0]!.id,
    category: random.pick(['material', 'dailyCare', 'socialSupport', 'psychological', 'medical', 'employment', 'education'] as const),
    severity: random.weighted([['low', 30], ['medium', 45], ['high', 20], ['urgent', 5]] as const),
    description: random.pick(NEED_TEXT),
    ...(random.chance(0.6) ? { servicePlan: '每月上门探访两次，协调村医随访，联系慈善组织提供物资帮扶。' } : {}),
    referrals: random.chance(0.4)
      ? [{ id: 'r-1', kind: 'charityFund', target: '滨州市慈善总会', state: random.pick(['proposed', 'referred', 'accepted'] as const) }]
      : [],
    followUps: [{ id: 'f-1', dueDate: isoDate(createdAt + 30 * DAY_MS), ...(random.chance(0.5) ? { doneOn: isoDate(createdAt + 28 * DAY_MS) } : {}) }],
    state: random.chance(0.7) ? 'open' : 'closed',
    createdAt,
    createdBy: by,
    updatedAt: createdAt + random.int(0, 20) * DAY_MS,
    updatedBy: by,
  };
}

/** The app's keyed hash (shared/domain/idHash.ts) with node:crypto, for speed on 100k members; checked against it once. */
function fastHash(searchKey: string, idNumber: string): string {
  return createHmac('sha256', searchKey).update(idNumber.trim().toUpperCase()).digest().subarray(0, 24).toString('base64url');
}

/** Each household's hashes under its own township's key, as the server stores them (none where no key is given). */
export async function withIdHashes(households: Household[], searchKeys: SearchKeys): Promise<Household[]> {
  const first = households[0];
  const firstKey = first ? searchKeyFor(searchKeys, first.areaCode) : null;
  const member = first?.members[0];
  if (firstKey && member && fastHash(firstKey, member.idNumber) !== (await hashIdNumber(firstKey, member.idNumber))) {
    throw new Error('bench hash differs from the app\'s hashIdNumber');
  }
  return households.map((h) => {
    const key = searchKeyFor(searchKeys, h.areaCode);
    return key ? { ...h, idHashes: h.members.map((m) => fastHash(key, m.idNumber)) } : h;
  });
}

export interface DatasetOptions {
  households: number;
  /** Villages (12-digit codes) the households are spread over. */
  villageCodes: readonly string[];
  seed: number;
  createdBy: string;
  /** Visits per household; the default follows RATIOS. */
  visitsPerHousehold?: number;
  /** Search keys by township (the server's, or the local bench's own): households get their township's hashes. */
  searchKeys?: SearchKeys | null;
}

/** A caseload: households, then their visits, applications (in every B1 stage) and care needs. */
export async function generateDataset(options: DatasetOptions): Promise<Dataset> {
  const random = createRandom(options.seed ^ 0x5eed);
  let households = generateDemoHouseholds({
    count: options.households,
    villageCodes: options.villageCodes,
    seed: options.seed,
    now: BENCH_NOW,
    createdBy: options.createdBy,
  });
  // As the app's saveHousehold writes them: the plain names the laptop searches beside the encrypted members.
  households = households.map((h) => ({ ...h, memberNames: h.members.map((m) => m.name) }));
  if (options.searchKeys) households = await withIdHashes(households, options.searchKeys);
  const perHousehold = options.visitsPerHousehold ?? RATIOS.visits;
  const visits: Visit[] = [];
  const applications: Application[] = [];
  const careNeeds: CareNeed[] = [];
  let visitBudget = 0;
  let applicationBudget = 0;
  let careBudget = 0;
  for (const household of households) {
    visitBudget += perHousehold;
    while (visitBudget >= 1) {
      visits.push(makeVisit(random, household, options.createdBy));
      visitBudget -= 1;
    }
    applicationBudget += RATIOS.applications;
    if (applicationBudget >= 1) {
      applications.push(makeApplication(random, household, options.createdBy, random.int(0, FLOW.length)));
      applicationBudget -= 1;
    }
    careBudget += RATIOS.careNeeds;
    if (careBudget >= 1) {
      careNeeds.push(makeCareNeed(random, household, options.createdBy));
      careBudget -= 1;
    }
  }
  return { households, visits, applications, careNeeds, attachments: [] };
}

export function townshipVillages(township = BENCH_TOWNSHIP): string[] {
  return villagesIn(township).map((v) => v.code);
}

/** Checks documents against the shared zod schemas (every `step`-th one); throws on the first fault. */
export function checkDocuments(collection: SyncedCollection, docs: readonly object[], step = 1): void {
  const schema = collectionDefinitions[collection].schema;
  for (let i = 0; i < docs.length; i += step) {
    const result = schema.safeParse(docs[i]);
    if (!result.success) {
      throw new Error(`bench dataset: ${collection} ${(docs[i] as { id: string }).id} fails the schema: ${JSON.stringify(result.error.issues.slice(0, 3))}`);
    }
  }
}

export function checkDataset(data: Dataset, step = 1): void {
  checkDocuments('households', data.households, step);
  checkDocuments('visits', data.visits, step);
  checkDocuments('applications', data.applications, step);
  checkDocuments('careNeeds', data.careNeeds, step);
}

export const datasetSize = (d: Dataset) => d.households.length + d.visits.length + d.applications.length + d.careNeeds.length;

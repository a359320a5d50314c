/**
 * Records in every state the write policy names, and for every field a different value that its
 * schema still accepts: what the table-driven write-policy tests push, so that a refusal is the
 * policy's (403), never the schema's (422).
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../shared/auth/roles';
import { chinaToday } from '../../shared/domain/chinaTime';
import { transitionTable, type ApplicationAction, type ApplicationStatus } from '../../shared/rules/applicationStatus';
import { newTrackingCode } from '../../shared/domain/trackingCode';
import { addMonthsTo, monthOf } from '../../shared/rules/benefit';
import { addCalendarDays } from '../../shared/rules/dates';
import { addWorkingDays } from '../../shared/rules/workingDays';
import type { Application } from '../../shared/schemas/application';
import type { CareNeed } from '../../shared/schemas/careNeed';
import type { Household } from '../../shared/schemas/household';
import type { SyncedCollection } from '../../shared/sync/collections';
import { makeApplication, makeAttachment, makeHousehold, makeVisit, stepApplication } from './documents';

export type Doc = Record<string, unknown>;
export interface Person {
  id: string;
  role: Role;
  displayName: string;
}
/** The people a case meets on its way: the village assistant, the township and the county. */
export interface Staff {
  assistant: Person;
  township: Person;
  county: Person;
}

const today = () => chinaToday();
/** A 公示 that started ten days ago has run its seven days. */
const noticeStartedLongAgo = () => addCalendarDays(today(), -10);

/** The natural change that goes with each step (what the app writes with it). */
export function stepChanges(action: ApplicationAction): Partial<Application> {
  switch (action) {
    case 'return':
      return { returnNotice: { missingDocuments: ['disabilityCertificate'] } };
    case 'startInvestigation':
      return { investigation: { investigators: ['刘芳', '陈静'], startedOn: today() } };
    case 'preliminaryReview':
      return {};
    case 'startPublicNotice':
      return { publicNotice: { start: today() } };
    case 'objection':
      return { publicNotice: { start: noticeStartedLongAgo(), objections: '村民反映其家中有一辆货车' } };
    case 'approve':
      // 低保 is approved only with the county's 信息核对 on file: the county records it as it decides.
      // The benefit starts the month after approval, as the server computes it too.
      return {
        decision: { approvedMonthlyAmount: 420, method: 'gap' },
        verification: { result: 'consistent', checkedOn: today() },
        benefit: { state: 'active', monthlyAmount: 420, fromMonth: addMonthsTo(monthOf(today()), 1), changes: [], reviews: [] },
      };
    case 'refuse':
      return { decision: { refusalReason: '家庭人均收入高于当地低保标准' } };
    default:
      return {};
  }
}

/** The note a step carries (撤回 needs its reason). */
export const stepNote = (action: ApplicationAction): string | undefined => (action === 'withdraw' ? '申请人已外出务工' : undefined);

/** Who takes a step on the way to a status. */
function stepper(action: ApplicationAction, staff: Staff): Person {
  const roles = transitionTable[action].roles;
  if (roles.includes('assistant')) return staff.assistant;
  return roles.includes('township') ? staff.township : staff.county;
}

/** Takes a step as the app would: status, an appended history entry, and the step's own fields. */
export function takeStep(app: Application, action: ApplicationAction, by: Person, extra: Partial<Application> = {}): Application {
  const to = transitionTable[action].to;
  const next = stepApplication(app, { action, to, by }, { ...stepChanges(action), ...extra });
  const note = stepNote(action);
  if (note) next.history[next.history.length - 1] = { ...next.history[next.history.length - 1]!, note };
  return next;
}

const pathTo: Record<ApplicationStatus, ApplicationAction[]> = {
  draft: [],
  submitted: ['submit'],
  returned: ['submit', 'return'],
  accepted: ['submit', 'accept'],
  investigating: ['submit', 'accept', 'startInvestigation'],
  preliminaryReviewed: ['submit', 'accept', 'startInvestigation', 'preliminaryReview'],
  publicNotice: ['submit', 'accept', 'startInvestigation', 'preliminaryReview', 'startPublicNotice'],
  pendingConfirmation: ['submit', 'accept', 'startInvestigation', 'preliminaryReview', 'startPublicNotice', 'sendToCounty'],
  approved: ['submit', 'accept', 'startInvestigation', 'preliminaryReview', 'startPublicNotice', 'sendToCounty', 'approve'],
  refused: ['submit', 'accept', 'startInvestigation', 'preliminaryReview', 'startPublicNotice', 'sendToCounty', 'refuse'],
  withdrawn: ['submit', 'withdraw'],
};

/** An application of the household that has come the whole lawful way to `status`. */
export function applicationAt(status: ApplicationStatus, household: Household, staff: Staff): Application {
  let app = makeApplication(household, { createdBy: staff.assistant.id, updatedBy: staff.assistant.id });
  for (const action of pathTo[status]) {
    // The 公示 on the way started long enough ago for the file to go to the county.
    const extra = action === 'startPublicNotice' ? { publicNotice: { start: noticeStartedLongAgo() } } : {};
    app = takeStep(app, action, stepper(action, staff), extra);
  }
  return app;
}

export function careNeedOf(household: Household, author: string, state: 'open' | 'closed'): CareNeed {
  const now = Date.now();
  return {
    id: `cn-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    areaCode: household.areaCode,
    householdId: household.id,
    category: 'dailyCare',
    severity: 'medium',
    description: '独居老人，行动不便',
    referrals: [],
    followUps: [{ id: 'f1', dueDate: '2026-12-20' }],
    state,
    createdAt: now,
    createdBy: author,
    updatedAt: now,
    updatedBy: author,
  };
}

/** A record of the collection in the state, written by `author` (its createdBy); others belong to `household`. */
export function recordIn(collection: SyncedCollection, state: string, household: Household, staff: Staff, author: string): Doc {
  const by = { createdBy: author, updatedBy: author };
  switch (collection) {
    case 'households':
      // A household of its own: the cases must not share one record.
      return { ...makeHousehold(household.areaCode), ...by, ...(state === 'archived' ? { archived: { at: Date.now(), by: author, reason: '全家迁往县城居住' } } : {}) };
    case 'applications':
      return { ...applicationAt(state as ApplicationStatus, household, staff), ...by };
    case 'visits':
      return { ...makeVisit(household), ...by };
    case 'careNeeds':
      return careNeedOf(household, author, state as 'open' | 'closed');
    case 'attachments':
      return { ...makeAttachment(household), ...by, caption: '房屋外景' };
  }
}

type Changer = (doc: Doc) => unknown;
const str = (doc: Doc, field: string) => String(doc[field] ?? '');
const members = (doc: Doc) => doc['members'] as Household['members'];
const headId = (doc: Doc) => (doc['coveredMemberIds'] as string[])[0]!;

/** For each field, a different value its schema accepts (derived fields follow in `withDerivedOf`). */
export const changedValue: Record<SyncedCollection, Record<string, Changer>> = {
  households: {
    areaCode: () => '371623102202',
    address: (d) => `${str(d, 'address')}东院`,
    phone: () => '13905431234',
    note: () => '冬季取暖困难',
    members: (d) => members(d).map((m, i) => (i === 0 ? { ...m, name: `${m.name}改` } : m)),
    singlePersonUnitMemberIds: (d) => [members(d)[0]!.id],
    irregularIncome: (d) => !d['irregularIncome'],
    registeredSeparately: (d) => !d['registeredSeparately'],
    categories: () => ['elderly'],
    residence: (d) => (d['residence'] === 'urban' ? 'rural' : 'urban'),
    archived: (d) => (d['archived'] ? undefined : { at: Date.now(), by: String(d['createdBy']), reason: '户主去世，家庭成员已迁出' }),
  },
  applications: {
    areaCode: () => '371623102202',
    householdId: () => `hh-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    type: () => 'tekun',
    mode: () => 'proactive',
    assistance: () => 'helped',
    applicantMemberId: (d) => (d['coveredMemberIds'] as string[])[1] ?? headId(d),
    coveredMemberIds: (d) => [str(d, 'applicantMemberId')],
    singlePersonUnit: (d) => !d['singlePersonUnit'],
    incomeItems: (d) => [{ id: 'i9', memberId: headId(d), kind: 'business', monthlyAmount: 3000, treatment: 'counted' }],
    propertyItems: () => [{ id: 'p1', description: '货车一辆', value: 80000, exempt: false }],
    essentialSpending: () => ({ education: 5000 }),
    medical: () => ({ totalCost: 200000, reimbursed: 120000 }),
    pledgeSigned: (d) => !d['pledgeSigned'],
    reason: () => '因病致贫',
    documents: () => [{ kind: 'idAndHukou', state: 'provided' }, { kind: 'diagnosis', state: 'missing' }],
    returnNotice: () => ({ missingDocuments: ['medicalBills'] }),
    investigation: () => ({ investigators: ['王强', '赵敏'], startedOn: addCalendarDays(today(), -1), findings: '家中无人就业' }),
    publicNotice: () => ({ start: addCalendarDays(today(), -20) }),
    decision: () => ({ approvedMonthlyAmount: 3000, method: 'band' }),
    extended: (d) => !d['extended'],
    trackingCode: () => newTrackingCode(),
    trackingRevoked: (d) => !d['trackingRevoked'],
    emergency: (d) => !d['emergency'],
    facts: () => ({ propertyWithinLimits: false, legalSupporterAbleToSupport: true }),
    preliminaryReview: () => ({ outcome: 'negative', opinion: '家庭存款超过当地标准' }),
    verification: () => ({ result: 'inconsistent', checkedOn: addCalendarDays(today(), -1), note: '名下有车辆一辆' }),
    emergencyGrant: () => {
      const grantedOn = addCalendarDays(today(), -1);
      return { amount: EMERGENCY_TEST_FIGURES.delegatedLimit, grantedOn, fileDueBy: addWorkingDays(grantedOn, EMERGENCY_TEST_FIGURES.fileDays) };
    },
    // After approval: a review's outcome appended (what the township and the county may add).
    benefit: (d) => {
      const held = d['benefit'] as Application['benefit'];
      return held
        ? { ...held, reviews: [...held.reviews, { id: 'r-x', on: today(), outcome: 'continue' }] }
        : { state: 'active', monthlyAmount: 3000, fromMonth: addMonthsTo(monthOf(today()), 1), changes: [], reviews: [] };
    },
  },
  visits: {
    areaCode: () => '371623102202',
    householdId: () => `hh-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    type: () => 'screening',
    visitDate: () => '2026-10-01',
    investigators: () => ['王秀兰', '李建国'],
    findings: () => '屋顶漏雨',
    nextVisitDate: () => '2027-03-01',
    membersPresent: () => [],
    conditions: () => ({ housing: '土坯房' }),
    healthChanges: () => '户主腿伤',
    needsFound: () => ['material'],
    reviewOutcome: () => 'adjust',
  },
  careNeeds: {
    areaCode: () => '371623102202',
    householdId: () => `hh-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    memberId: () => 'm-x',
    category: () => 'psychological',
    severity: () => 'urgent',
    description: () => '需要心理疏导',
    servicePlan: () => '每周探访一次',
    referrals: () => [{ id: 'r1', kind: 'union', target: '县总工会', state: 'proposed' }],
    followUps: () => [{ id: 'f2', dueDate: '2027-01-10' }],
    state: (d) => (d['state'] === 'open' ? 'closed' : 'open'),
  },
  attachments: {
    areaCode: () => '371623102202',
    owner: (d) => ({ collection: 'visits', id: (d['owner'] as { id: string }).id }),
    kind: () => 'certificate',
    sha256: () => 'a'.repeat(64),
    contentType: () => 'application/pdf',
    size: () => 1234,
    caption: () => '残疾证照片',
  },
};

/**
 * The kind of application a field's change belongs on, where the path decides it: a 急难 grant is
 * written only on a 急难 临时救助 (anywhere else the server refuses it as a requirement, 422).
 */
export const applicationFor: Partial<Record<string, Partial<Application>>> = {
  emergencyGrant: { type: 'temporaryAid', emergency: true },
};

/** The 急难 figures a test county delegates to its townships; the changed grant above fits them. */
export const EMERGENCY_TEST_FIGURES = { delegatedLimit: 2000, fileDays: 10 } as const;

/** The document with one field changed (and the fields derived from it kept true). */
export function withChange(collection: SyncedCollection, doc: Doc, field: string): Doc {
  const value = changedValue[collection][field]!(doc);
  const next: Doc = { ...doc, [field]: value, updatedAt: Number(doc['updatedAt']) + 1 };
  if (value === undefined) delete next[field];
  if (collection === 'households' && field === 'members' && next['memberNames'] !== undefined) {
    next['memberNames'] = members(next).map((m) => m.name);
  }
  return next;
}

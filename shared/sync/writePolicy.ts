/**
 * Who may write what (写入权限): one table per synced collection, field group by field group,
 * role by role, at each state of the record. The server enforces it on every push
 * (server/sync/writeGuards.ts, via `checkWrite`); the app reads the same table to show only what
 * may be edited. A reader can check each line against the statute it cites.
 *
 * Every top-level field of a collection's schema is in exactly one group, in `provenance` (set by
 * the server from the caller, never taken from a laptop) or in `derived` (computed from other
 * fields, by the server on every write); tests/shared/writePolicy.test.ts fails otherwise, so a
 * new field cannot slip through unguarded.
 */
import type { ApplicationAction } from '../vocabulary/applicationActions';
import { applicationStatusTerms, type ApplicationStatus } from '../vocabulary/applicationStatuses';
import { careNeedStateTerms } from '../vocabulary/careNeeds';
import type { Role } from '../vocabulary/roles';
import { labelsIn } from '../vocabulary/term';
import { visitTypeTerms } from '../vocabulary/visits';
import type { SyncedCollection } from './collections';

/**
 * One way a role may change a group of an existing record. It applies when the record's state
 * before the write is among `states` (absent: any state), or — for applications — when the push
 * takes one of `steps` (the status machine checks the step itself). `authorOnly`: only the user
 * who created the record.
 */
export interface ChangeGrant {
  roles: readonly Role[];
  states?: readonly string[];
  steps?: readonly ApplicationAction[];
  authorOnly?: boolean;
}

export interface FieldGroup {
  /** Top-level fields of the documents in this group. */
  fields: readonly string[];
  /** The group's name in Chinese, for refusals and the UI. */
  label: string;
  /** Who may set the group when the record is created; anyone else must leave it out. */
  create: readonly Role[];
  /** Who may change it afterwards, and when; empty: never changed once written. */
  change: readonly ChangeGrant[];
  /** What governs the group instead of grants (an application's status and history). */
  governedBy?: 'statusMachine';
}

export interface CollectionWritePolicy {
  /** The record's name in Chinese. */
  label: string;
  /** The state the grants' `states` refer to. */
  stateOf: (doc: Readonly<Record<string, unknown>>) => string;
  /** Every state a record can be in (for tables and tests), with its name in Chinese. */
  states: Readonly<Record<string, string>>;
  groups: Readonly<Record<string, FieldGroup>>;
  /** Set by the server from the caller on every write; whatever a laptop sends there is replaced. */
  provenance: readonly string[];
  /**
   * Computed from other fields: the server computes them again on every write, whatever a laptop
   * sent (a household's search entries: `memberNames`, and `idHashes` under its township's key).
   */
  derived: readonly string[];
  /**
   * Who may delete a record (`_deleted: true`). Empty: never deleted by a push — households are
   * archived with a reason (归档) and applications withdrawn (撤回) instead.
   */
  delete: readonly ChangeGrant[];
}

/** Provenance of every synced record (who wrote it and when, by the server's clock). */
export const PROVENANCE_FIELDS = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy'] as const;

/** Roles that record what they see in a household (走访, 照片): everyone who works with cases. */
const fieldRoles = ['assistant', 'township', 'social_worker', 'county'] as const satisfies readonly Role[];
/** Roles that register households and take applications: the village and the township station. */
const intakeRoles = ['assistant', 'township'] as const satisfies readonly Role[];

/** From 受理 until the county decides: the township keeps the file (补交材料, 延期). */
const withTownship: readonly ApplicationStatus[] = ['accepted', 'investigating', 'preliminaryReviewed', 'publicNotice', 'pendingConfirmation'];

export const writePolicy: Readonly<Record<SyncedCollection, CollectionWritePolicy>> = {
  households: {
    label: '家庭',
    stateOf: (doc) => (doc['archived'] === undefined ? 'active' : 'archived'),
    states: { active: '在册', archived: '已归档' },
    groups: {
      identity: { fields: ['id', 'areaCode'], label: '编号与所属村', create: intakeRoles, change: [] },
      registration: {
        fields: ['address', 'phone', 'note', 'members', 'singlePersonUnitMemberIds', 'irregularIncome', 'registeredSeparately'],
        label: '家庭登记信息',
        create: intakeRoles,
        change: [{ roles: intakeRoles, states: ['active'] }],
      },
      // 4+N 类别: recorded by the village and the township; a county decision sets the programme's group
      // on the server, in the push that records it (server/sync/caseLife.ts).
      categories: { fields: ['categories'], label: '救助类别', create: intakeRoles, change: [{ roles: intakeRoles, states: ['active'] }] },
      // 城市/农村: which 低保 standard applies; the township marks it (the area's guess stands until then).
      residence: { fields: ['residence'], label: '城乡属性', create: ['township'], change: [{ roles: ['township'], states: ['active'] }] },
      // 归档 replaces deletion; only the township may take a household out of the archive again.
      archived: {
        fields: ['archived'],
        label: '归档',
        create: [],
        change: [
          { roles: intakeRoles, states: ['active'] },
          { roles: ['township'], states: ['archived'] },
        ],
      },
    },
    provenance: PROVENANCE_FIELDS,
    derived: ['memberNames', 'idHashes'],
    delete: [],
  },

  applications: {
    label: '救助申请',
    stateOf: (doc) => String(doc['status']),
    states: labelsIn(applicationStatusTerms, 'zh'),
    groups: {
      identity: { fields: ['id', 'areaCode', 'householdId'], label: '编号与所属家庭', create: intakeRoles, change: [] },
      // 申报内容: what the household declares; fixed once the application is submitted (B1 step 1).
      declaration: {
        fields: [
          'type',
          'mode',
          'assistance',
          'applicantMemberId',
          'coveredMemberIds',
          'singlePersonUnit',
          'incomeItems',
          'propertyItems',
          'essentialSpending',
          'medical',
          'pledgeSigned',
          'reason',
          'emergency',
        ],
        label: '申报内容',
        create: intakeRoles,
        change: [{ roles: intakeRoles, states: ['draft', 'returned'] }],
      },
      // 申请材料: listed with the declaration; after 受理 the township records what is handed in later (容缺受理).
      documents: {
        fields: ['documents'],
        label: '申请材料',
        create: intakeRoles,
        change: [
          { roles: intakeRoles, states: ['draft', 'returned'] },
          { roles: ['township'], states: ['submitted', ...withTownship] },
        ],
      },
      path: {
        fields: ['status', 'history'],
        label: '办理状态与流转记录',
        create: intakeRoles,
        change: [{ roles: ['assistant', 'township', 'county'] }],
        governedBy: 'statusMachine',
      },
      // 一次性告知: written by the township when it returns the application (B1 step 2).
      returnNotice: { fields: ['returnNotice'], label: '退回补正通知', create: [], change: [{ roles: ['township'], steps: ['return'] }] },
      // 入户调查 and its findings: the township's (B1 step 3).
      investigation: {
        fields: ['investigation'],
        label: visitTypeTerms.investigation.zh,
        create: [],
        change: [
          { roles: ['township'], steps: ['startInvestigation', 'preliminaryReview'] },
          { roles: ['township'], states: ['investigating'] },
        ],
      },
      // What the investigation found beyond income (property, supporters, self-care): the township's, as the investigation.
      facts: {
        fields: ['facts'],
        label: '调查核实情况',
        create: [],
        change: [
          { roles: ['township'], steps: ['startInvestigation', 'preliminaryReview'] },
          { roles: ['township'], states: ['investigating'] },
        ],
      },
      // 初审意见: the township's, with the 初审 step.
      preliminaryReview: { fields: ['preliminaryReview'], label: '初审意见', create: [], change: [{ roles: ['township'], steps: ['preliminaryReview'] }] },
      // 信息核对: the county's, while the file is with it.
      verification: { fields: ['verification'], label: '信息核对', create: [], change: [{ roles: ['county'], states: ['pendingConfirmation'] }] },
      // 急难先行救助: the township's, once, before the file is complete (the server checks the path, the amount and the due date).
      emergencyGrant: {
        fields: ['emergencyGrant'],
        label: '急难先行救助',
        create: [],
        change: [{ roles: ['township'], states: ['submitted', 'accepted', 'investigating'] }],
      },
      // 公示 and objections to it: the township's (B1 step 5).
      publicNotice: { fields: ['publicNotice'], label: '公示', create: [], change: [{ roles: ['township'], steps: ['startPublicNotice', 'objection'] }] },
      // 审核确认: the county's alone (B1 step 6).
      // The township writes only the reasons of its own closing after a negative 初审 (the status machine allows no other refuse).
      decision: {
        fields: ['decision'],
        label: '审核确认结果',
        create: [],
        change: [
          { roles: ['county'], steps: ['approve', 'refuse'] },
          { roles: ['township'], steps: ['refuse'] },
        ],
      },
      // 保障金发放: set by the county's approval (the server computes it); afterwards the township records
      // reviews and the county 增发/减发/渐退/停发 (B1 art. 31-33; the server checks which is whose).
      benefit: {
        fields: ['benefit'],
        label: '保障金发放',
        create: [],
        change: [
          { roles: ['county'], steps: ['approve'] },
          { roles: ['township', 'county'], states: ['approved'] },
        ],
      },
      // 特殊情况延期 (45 instead of 30 working days).
      extended: { fields: ['extended'], label: '延期办理', create: [], change: [{ roles: ['township', 'county'], states: withTownship }] },
      // 码上查: the code is drawn when the township accepts (受理) and never changes; the server registers it and
      // refuses one already used. The township or the county may stop it at any time (停用).
      trackingCode: { fields: ['trackingCode'], label: '码上查查询码', create: ['township'], change: [{ roles: ['township'], steps: ['accept'] }] },
      trackingRevoked: { fields: ['trackingRevoked'], label: '码上查停用', create: [], change: [{ roles: ['township', 'county'] }] },
    },
    provenance: PROVENANCE_FIELDS,
    derived: [],
    delete: [],
  },

  visits: {
    label: '走访记录',
    stateOf: () => 'recorded',
    states: { recorded: '已记录' },
    groups: {
      identity: { fields: ['id', 'areaCode', 'householdId'], label: '编号与所属家庭', create: fieldRoles, change: [] },
      // A visit is what its visitors saw: only they correct it.
      record: {
        fields: ['type', 'visitDate', 'investigators', 'findings', 'nextVisitDate', 'membersPresent', 'conditions', 'healthChanges', 'needsFound', 'reviewOutcome'],
        label: '走访内容',
        create: fieldRoles,
        change: [{ roles: fieldRoles, authorOnly: true }],
      },
    },
    provenance: PROVENANCE_FIELDS,
    derived: [],
    delete: [],
  },

  careNeeds: {
    label: '照料需求',
    stateOf: (doc) => String(doc['state']),
    states: labelsIn(careNeedStateTerms, 'zh'),
    groups: {
      identity: { fields: ['id', 'areaCode', 'householdId'], label: '编号与所属家庭', create: ['social_worker'], change: [] },
      // 照料需求, 服务计划, 转介, 回访: the social worker's work; closed needs are closed, never deleted.
      need: {
        fields: ['memberId', 'category', 'severity', 'description', 'servicePlan', 'referrals', 'followUps', 'state'],
        label: '需求、计划与回访',
        create: ['social_worker'],
        change: [{ roles: ['social_worker'] }],
      },
    },
    provenance: PROVENANCE_FIELDS,
    derived: [],
    delete: [],
  },

  attachments: {
    label: '附件',
    stateOf: () => 'kept',
    states: { kept: '已保存' },
    groups: {
      // Which record and which bytes: fixed once written (a different file is a new attachment).
      file: {
        fields: ['id', 'areaCode', 'owner', 'kind', 'sha256', 'contentType', 'size'],
        label: '附件文件',
        create: fieldRoles,
        change: [],
      },
      caption: { fields: ['caption'], label: '附件说明', create: fieldRoles, change: [{ roles: fieldRoles, authorOnly: true }] },
    },
    provenance: PROVENANCE_FIELDS,
    derived: [],
    // A file attached by mistake is taken off by whoever attached it, or by the township.
    delete: [{ roles: fieldRoles, authorOnly: true }, { roles: ['township'] }],
  },
};

/** Roles that may create a record of the collection: those who may set its first group. */
export function creatorRoles(collection: SyncedCollection): readonly Role[] {
  const first = Object.values(writePolicy[collection].groups)[0];
  return first?.create ?? [];
}

/**
 * The one status machine for 救助申请, following the B1 steps (申请 → 受理 → 调查 → 初审 → 公示 →
 * 审核确认). The app uses it to offer buttons; the server runs `checkHistoryStep` on every push,
 * so a status can only move as the table below allows the caller's role. Each programme's path
 * (./programmes/) says which of the steps it has: 医疗救助 and 急难 go from 初审 to the county
 * without a 公示; after a negative 初审 the case goes on without one, or the township closes it.
 */
import {
  applicationActions,
  applicationActionTerms,
  type ApplicationAction,
} from '../vocabulary/applicationActions';
import { applicationStatuses, applicationStatusTerms, type ApplicationStatus } from '../vocabulary/applicationStatuses';
import { applicationTypeTerms } from '../vocabulary/applicationTypes';
import { temporaryAidKindTerms } from '../vocabulary/programmePaths';
import { roleTerms, type Role } from '../vocabulary/roles';
import { shortOf } from '../vocabulary/term';
import { programmePathOf, publicNoticeRule, type PathChoice, type ProgrammePath } from './programmes';

// The codes are the vocabulary's (shared/vocabulary/), with their words; they are the machine's too.
export { applicationActions, applicationStatuses, type ApplicationAction, type ApplicationStatus };

/** A role as a refusal names it (村级协理员不能执行…): the short form. */
const roleInSentence = (role: Role): string => (Object.hasOwn(roleTerms, role) ? shortOf(roleTerms[role], 'zh') : String(role));
const actionLabel = (action: ApplicationAction): string => applicationActionTerms[action].zh;

/** One entry per move; the schema (shared/schemas/application.ts) mirrors this shape. */
export interface ApplicationHistoryEntry {
  id: string;
  action: ApplicationAction;
  from: ApplicationStatus;
  to: ApplicationStatus;
  /** Epoch millis, from the writer's clock. */
  at: number;
  byUserId: string;
  byName: string;
  role: Role;
  note?: string;
}

export const finalStatuses: readonly ApplicationStatus[] = ['approved', 'refused', 'withdrawn'];

export function isFinalStatus(status: ApplicationStatus): boolean {
  return finalStatuses.includes(status);
}

const nonFinalStatuses = applicationStatuses.filter((s) => !isFinalStatus(s));

interface TransitionRule {
  readonly from: readonly ApplicationStatus[];
  readonly to: ApplicationStatus;
  readonly roles: readonly Role[];
}

/**
 * Who may do what from where. admin, city and social_worker appear nowhere: administrators
 * manage accounts, not cases, and the city and social workers only read applications.
 */
export const transitionTable: Readonly<Record<ApplicationAction, TransitionRule>> = {
  // 申请 — the village assistant takes it (导办/帮办/代办) or the township station does; a
  // returned application goes back in the same way once the missing items are in.
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['assistant', 'township'] },
  // 受理 and 退回补正 (with the one-time notice of missing items, 一次性告知) are the township's.
  accept: { from: ['submitted'], to: 'accepted', roles: ['township'] },
  return: { from: ['submitted'], to: 'returned', roles: ['township'] },
  startInvestigation: { from: ['accepted'], to: 'investigating', roles: ['township'] },
  preliminaryReview: { from: ['investigating'], to: 'preliminaryReviewed', roles: ['township'] },
  startPublicNotice: { from: ['preliminaryReviewed'], to: 'publicNotice', roles: ['township'] },
  // An objection during 公示 reopens the investigation (B1 step 5).
  objection: { from: ['publicNotice'], to: 'investigating', roles: ['township'] },
  sendToCounty: { from: ['publicNotice'], to: 'pendingConfirmation', roles: ['township'] },
  // 审核确认 is the county's alone.
  approve: { from: ['pendingConfirmation'], to: 'approved', roles: ['county'] },
  refuse: { from: ['pendingConfirmation'], to: 'refused', roles: ['county'] },
  withdraw: { from: nonFinalStatuses, to: 'withdrawn', roles: ['assistant', 'township'] },
};

export type TransitionResult =
  | { ok: true; to: ApplicationStatus }
  | { ok: false; reason: 'not_allowed_for_role' | 'not_allowed_from_status' | 'not_on_path'; message: string };

/**
 * What of the application the machine reads besides its status: the type and `emergency` choose
 * the path; a negative 初审 opinion opens the township's closing and the way to the county
 * without a 公示. Left out, the application runs the 低保 path with a positive opinion.
 */
export interface PathContext extends PathChoice {
  preliminaryReview?: { outcome: string } | undefined;
}

/** The programme's name as a refusal gives it (急难型临时救助没有“开始公示”这一步). */
function pathName(path: ProgrammePath, context: PathContext): string {
  if (path.key === 'temporaryAidEmergency') return temporaryAidKindTerms.emergency.zh;
  if (path.key === 'temporaryAidExpenditure') return temporaryAidKindTerms.expenditure.zh;
  const type = context.type;
  return type !== undefined && Object.hasOwn(applicationTypeTerms, type) ? applicationTypeTerms[type as keyof typeof applicationTypeTerms].zh : '该申请';
}

/** The table's rule, as the path, the county's choice of a 公示 and the 初审 opinion change it. */
function ruleOnPath(action: ApplicationAction, role: Role, path: ProgrammePath, negative: boolean, context: PathContext): TransitionRule {
  const rule = transitionTable[action];
  const notice = publicNoticeRule(path, context.countyRequiresPublicNotice);
  switch (action) {
    // Without a 公示 (the path has none, or the opinion is negative: only cases proposed for
    // approval are published) the file goes from 初审 straight to the county; where the county's
    // choice is not known here, either way (the server checks it against the policy).
    case 'sendToCounty':
      if (notice === 'none' || negative) return { ...rule, from: ['preliminaryReviewed'] };
      return notice === 'either' ? { ...rule, from: ['preliminaryReviewed', ...rule.from] } : rule;
    case 'startPublicNotice':
      return negative ? { ...rule, from: [] } : rule;
    // After a negative 初审 the township may close the case itself, with written reasons.
    case 'refuse':
      if (role === 'township' && path.townshipMayClose && negative) return { ...rule, roles: ['township'], from: ['preliminaryReviewed'] };
      return rule;
    default:
      return rule;
  }
}

/** The role is checked first: a village assistant is told it may never approve, not that the status is wrong. */
export function transition(status: ApplicationStatus, action: ApplicationAction, role: Role, context: PathContext = {}): TransitionResult {
  const path = programmePathOf(context);
  const rule = ruleOnPath(action, role, path, context.preliminaryReview?.outcome === 'negative', context);
  if (!rule.roles.includes(role)) {
    return { ok: false, reason: 'not_allowed_for_role', message: `${roleInSentence(role)}不能执行“${actionLabel(action)}”` };
  }
  const noticeStep = action === 'startPublicNotice' || action === 'objection';
  if (!path.steps.includes(action) || (noticeStep && publicNoticeRule(path, context.countyRequiresPublicNotice) === 'none')) {
    return { ok: false, reason: 'not_on_path', message: `${pathName(path, context)}没有“${actionLabel(action)}”这一步` };
  }
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      reason: 'not_allowed_from_status',
      message: `申请处于“${label(status)}”状态，不能执行“${actionLabel(action)}”`,
    };
  }
  return { ok: true, to: rule.to };
}

export function allowedActions(status: ApplicationStatus, role: Role, context: PathContext = {}): ApplicationAction[] {
  return applicationActions.filter((action) => transition(status, action, role, context).ok);
}

export type HistoryCheckResult =
  | { ok: true }
  | {
      ok: false;
      code: 'history_rewritten' | 'transition_not_allowed' | 'status_history_mismatch' | 'role_mismatch';
      message: string;
    };

export interface ApplicationState extends PathContext {
  status: ApplicationStatus;
  history: readonly ApplicationHistoryEntry[];
}

/**
 * The server's check of one push. `previous` is what the server holds (null for a new
 * application), `next` what the client sends, `role` the caller's. History is append-only and
 * compared by value; every appended entry must be a move the caller's role may make from the
 * status before it on the application's path (`next`'s type, 急难 and 初审 opinion), recorded
 * under that role; the status must be where the history ends.
 * Not checked here: that `byUserId` is the caller (the server knows the user; this function only
 * gets the role), and the order of `at` (device clocks drift while offline).
 */
export function checkHistoryStep(
  previous: ApplicationState | null,
  next: ApplicationState,
  role: Role,
): HistoryCheckResult {
  if (previous === null) {
    // A new application arrives either as a draft or submitted in one step, nothing more.
    const [first, ...rest] = next.history;
    if (first === undefined) {
      return next.status === 'draft'
        ? { ok: true }
        : mismatch(`新建的申请没有流转记录，状态应为“${label('draft')}”`);
    }
    if (rest.length > 0 || first.action !== 'submit') {
      return {
        ok: false,
        code: 'transition_not_allowed',
        message: `新建的申请只能是${label('draft')}，或带一条“${actionLabel('submit')}”记录`,
      };
    }
  }
  const base: ApplicationState = previous ?? { status: 'draft', history: [] };

  if (next.history.length < base.history.length) {
    return { ok: false, code: 'history_rewritten', message: '流转记录只能追加，不能删除' };
  }
  for (let i = 0; i < base.history.length; i++) {
    if (!sameValue(base.history[i], next.history[i])) {
      return { ok: false, code: 'history_rewritten', message: `第${i + 1}条流转记录已保存，不能修改` };
    }
  }

  let status = base.status;
  for (let i = base.history.length; i < next.history.length; i++) {
    const entry = next.history[i] as ApplicationHistoryEntry;
    const where = `第${i + 1}条流转记录`;
    if (entry.role !== role) {
      return {
        ok: false,
        code: 'role_mismatch',
        message: `${where}记为${roleInSentence(entry.role)}，与当前用户的角色（${roleInSentence(role)}）不符`,
      };
    }
    if (entry.from !== status) {
      return mismatch(`${where}的起始状态为“${label(entry.from)}”，但申请当时处于“${label(status)}”`);
    }
    const step = transition(status, entry.action, role, next);
    if (!step.ok) return { ok: false, code: 'transition_not_allowed', message: `${where}：${step.message}` };
    if (entry.to !== step.to) {
      return mismatch(`${where}的目标状态应为“${label(step.to)}”，记为“${label(entry.to)}”`);
    }
    status = step.to;
  }

  if (next.status !== status) {
    return mismatch(`申请状态“${label(next.status)}”与流转记录的结果“${label(status)}”不符`);
  }
  return { ok: true };
}

function mismatch(message: string): HistoryCheckResult {
  return { ok: false, code: 'status_history_mismatch', message };
}

function label(status: ApplicationStatus): string {
  return Object.hasOwn(applicationStatusTerms, status) ? applicationStatusTerms[status].zh : String(status);
}

/**
 * Structural equality of JSON-like values. A property holding `undefined` counts as absent, as it
 * does after a JSON round trip, so `{ note: undefined }` equals `{}`.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  const keys = (record: Record<string, unknown>): string[] =>
    Object.keys(record).filter((key) => record[key] !== undefined).sort();
  const keysA = keys(recordA);
  const keysB = keys(recordB);
  return (
    keysA.length === keysB.length &&
    keysA.every((key, i) => key === keysB[i] && sameValue(recordA[key], recordB[key]))
  );
}

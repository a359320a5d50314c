/**
 * A case after approval, as the server enforces it: the approval's benefit is the server's own
 * computation (paid from the month after the approval's day, at the amount decided), every later
 * change to it is checked against the shared rules (shared/rules/benefit.ts), and decisions move
 * the household into or out of its programme's group in the same transaction
 * (shared/rules/householdGroups.ts).
 */
import { chinaDateOf } from '../../shared/domain/chinaTime';
import { benefitChangeProblems, benefitOnApproval, withChange, type Benefit, type BenefitProblem } from '../../shared/rules/benefit';
import { groupOfProgramme, groupsAfterDecisions } from '../../shared/rules/householdGroups';
import type { Application } from '../../shared/schemas/application';
import type { HouseholdCategory } from '../../shared/vocabulary/householdCategories';
import { sameJson } from '../../shared/sync/merge';
import { recordAudit } from '../audit/auditLog';
import type { Caller } from '../auth/caller';
import { documentsOfHouseholds, updateHeldDocuments } from '../storage/documentStore';
import { pushAuditEntries } from '../storage/documentAudit';
import type { Doc, HeldVersion, StoredWrite } from '../storage/storedWrite';

/** The approve step this write appends, if it appends one. */
function appendedApproval(previous: Doc | null, doc: Doc): { at: number } | undefined {
  const before = ((previous?.['history'] as unknown[] | undefined) ?? []).length;
  const history = (doc['history'] as { action: string; at: number }[] | undefined) ?? [];
  return history.slice(before).find((entry) => entry.action === 'approve');
}

const liveData = (previous: HeldVersion | null): Doc | null => (previous && !previous.deleted ? previous.data : null);

/**
 * On the approve step the benefit is what the server computes from the decision and the step's
 * day (already clamped to the server's clock), whatever the laptop sent: it is stored and pulled
 * back like a derived field.
 */
export function settleApplication(previous: HeldVersion | null, doc: Doc): Doc {
  const approval = appendedApproval(liveData(previous), doc);
  if (!approval) return doc;
  const { benefit: _sent, ...rest } = doc;
  const benefit = benefitOnApproval(doc as unknown as Application, chinaDateOf(approval.at));
  return benefit ? { ...rest, benefit } : rest;
}

export interface BenefitRefusal {
  status: 403 | 422;
  problems: BenefitProblem[];
}

const same = (a: unknown, b: unknown) => sameJson(a, b);

/**
 * A change to a benefit after approval: the changes and reviews held are kept as they are (lists
 * are append-only); 增发/减发/渐退/停发 are the county's (B1 art. 31-33), each signed by the caller
 * and meeting `benefitChangeProblems` on the day it was recorded; the benefit's state, amount
 * and months must be what its changes make of it.
 */
export function benefitRefusal(previous: Doc | null, next: Doc, caller: Caller, today: string): BenefitRefusal | null {
  if (appendedApproval(previous, next)) return null;
  const before = previous?.['benefit'] as Benefit | undefined;
  const after = next['benefit'] as Benefit | undefined;
  if (same(before, after)) return null;
  const unprocessable = (field: string, message: string): BenefitRefusal => ({ status: 422, problems: [{ field, message }] });
  if (!before || !after) return unprocessable('benefit', '保障金发放只能由审核确认设定，之后只能调整，不能删除');
  if (after.fromMonth !== before.fromMonth) return unprocessable('benefit.fromMonth', '开始发放月份由审核确认决定，不能修改');
  const keptChanges = before.changes.every((change, i) => same(change, after.changes[i]));
  const keptReviews = before.reviews.every((review, i) => same(review, after.reviews[i]));
  if (!keptChanges || after.changes.length < before.changes.length) return unprocessable('benefit.changes', '已保存的调整记录不能修改或删除');
  if (!keptReviews || after.reviews.length < before.reviews.length) return unprocessable('benefit.reviews', '已保存的复核记录不能修改或删除');
  const appended = after.changes.slice(before.changes.length);
  if (appended.length > 0 && caller.role !== 'county') {
    return { status: 403, problems: [{ field: 'benefit.changes', message: '增发、减发、渐退和停发由县级民政部门决定' }] };
  }
  if (appended.some((change) => change.byUserId !== caller.userId)) {
    return { status: 403, problems: [{ field: 'benefit.changes', message: '调整记录中的办理人与当前用户不符' }] };
  }
  let current: Benefit = { ...before };
  for (const change of appended) {
    const recordedOn = chinaDateOf(change.at) < today ? chinaDateOf(change.at) : today;
    const phaseOutUntil = change.kind === 'phaseOut' ? after.phaseOutUntil : undefined;
    const problems = benefitChangeProblems(current, { ...change, phaseOutUntil }, recordedOn);
    if (problems.length > 0) return { status: 422, problems };
    current = withChange(current, change, phaseOutUntil);
  }
  const reviewedLater = after.reviews.slice(before.reviews.length).find((review) => review.on > today);
  if (reviewedLater) return unprocessable('benefit.reviews', '复核日期不能晚于今天');
  const summary = (b: Benefit) => [b.state, b.monthlyAmount, b.phaseOutUntil ?? null, b.stoppedFrom ?? null];
  if (!same(summary(current), summary(after))) {
    return unprocessable('benefit', '保障金的状态、金额和月份应与调整记录一致');
  }
  return null;
}

/** Does this write decide something about the household's group: an approval, or a benefit stopped or resumed? */
function decidesGroup(write: StoredWrite): boolean {
  const previous = liveData(write.previous);
  if (appendedApproval(previous, write.doc)) return true;
  const stateOf = (doc: Doc | null) => (doc?.['benefit'] as { state?: string } | undefined)?.state;
  return (stateOf(previous) === 'stopped') !== (stateOf(write.doc) === 'stopped');
}

/**
 * After a batch of applications is checked: each household a decision in it concerns gets its
 * programme groups set from all its applications (the batch's versions included), stored in the
 * same transaction and audited as the caller's change.
 */
export function householdGroupsFollow(caller: Caller, now: () => number) {
  return async (tx: Parameters<typeof updateHeldDocuments>[0], writes: StoredWrite[]): Promise<readonly string[]> => {
    const deciding = writes.filter((write) => !write.deleted && groupOfProgramme(String(write.doc['type'])) && decidesGroup(write));
    if (deciding.length === 0) return [];
    const householdIds = [...new Set(deciding.map((write) => String(write.doc['householdId'])))];
    const batch = new Map(writes.map((write) => [String(write.doc['id']), write.doc]));
    const held = await documentsOfHouseholds(tx, 'applications', householdIds);
    const applications = [...held.filter((doc) => !batch.has(String(doc['id']))), ...writes.map((write) => write.doc)] as unknown as Application[];
    const stored = await updateHeldDocuments(
      tx,
      'households',
      householdIds,
      (household) => {
        const id = String(household['id']);
        const decided = deciding.filter((write) => write.doc['householdId'] === id).map((write) => String(write.doc['type']));
        const before = (household['categories'] as HouseholdCategory[] | undefined) ?? [];
        const categories = groupsAfterDecisions(before, decided, applications.filter((app) => app.householdId === id));
        if (categories.length === 0 && household['categories'] === undefined) return household;
        return { ...household, categories };
      },
      caller,
      now(),
    );
    if (stored.length === 0) return [];
    await recordAudit(tx, pushAuditEntries(caller, 'households', stored));
    return ['households'];
  };
}

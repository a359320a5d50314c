import { chinaToday } from '../../../shared/domain/chinaTime';
import { benefitChangeProblems, withChange, type BenefitChangeInput, type BenefitReview } from '../../../shared/rules/benefit';
import { applicationSchema, type Application } from '../../../shared/schemas/application';
import { newDocumentId, plainJson } from '../core/documents';
import { ActionRefusedError } from '../core/refusals';
import type { Workspace } from '../core/workspace';
import { nextUpdatedAt, writeDocument } from '../core/writeDocument';

async function approvedWithBenefit(workspace: Workspace, id: string): Promise<Application & { benefit: NonNullable<Application['benefit']> }> {
  const doc = await workspace.db.applications.findOne(id).exec();
  const application = doc?.toMutableJSON() as Application | undefined;
  if (!application?.benefit || application.status !== 'approved') throw new ActionRefusedError(['这份申请没有正在发放的保障金']);
  return application as Application & { benefit: NonNullable<Application['benefit']> };
}

function save(workspace: Workspace, previous: Application, benefit: Application['benefit']): Promise<Application> {
  const doc = applicationSchema.parse(
    plainJson({ ...previous, benefit, updatedAt: nextUpdatedAt(previous.updatedAt), updatedBy: workspace.session.user.id }),
  );
  return writeDocument(workspace, 'applications', doc);
}

/**
 * 增发 / 减发 / 渐退期 / 停发 from a month, with the reason: checked here as the server will
 * (shared/rules/benefit.ts), appended to the benefit's changes, its state and amount following.
 */
export async function changeBenefit(workspace: Workspace, id: string, input: BenefitChangeInput): Promise<Application> {
  const previous = await approvedWithBenefit(workspace, id);
  const problems = benefitChangeProblems(previous.benefit, input, chinaToday());
  if (problems.length > 0) throw new ActionRefusedError(problems.map((problem) => problem.message));
  const { user } = workspace.session;
  const change = {
    id: newDocumentId('bc'),
    kind: input.kind,
    month: input.month,
    ...(input.monthlyAmount !== undefined ? { monthlyAmount: input.monthlyAmount } : {}),
    reason: input.reason.trim(),
    at: Date.now(),
    byUserId: user.id,
    byName: user.displayName,
  };
  return save(workspace, previous, withChange(previous.benefit, change, input.kind === 'phaseOut' ? input.phaseOutUntil : undefined));
}

/** A review's outcome (复核: 继续保障 / 调整金额 / 停止保障), appended to the benefit's reviews. */
export async function recordReview(workspace: Workspace, id: string, review: Omit<BenefitReview, 'id'>): Promise<Application> {
  const previous = await approvedWithBenefit(workspace, id);
  if (review.on > chinaToday()) throw new ActionRefusedError(['复核日期不能晚于今天']);
  const entry = {
    id: newDocumentId('rv'),
    ...(review.visitId ? { visitId: review.visitId } : {}),
    on: review.on,
    outcome: review.outcome,
    ...(review.note?.trim() ? { note: review.note.trim() } : {}),
  };
  return save(workspace, previous, { ...previous.benefit, reviews: [...previous.benefit.reviews, entry] });
}

/**
 * The programmes' records written without a status step: the county's 信息核对 while it holds the
 * file, and the township's 急难先行救助. The write policy says who may write them when; the
 * server checks both again (server/sync/writeGuards.ts).
 */
import { chinaToday } from '../../../shared/domain/chinaTime';
import { compareDates } from '../../../shared/rules/dates';
import { emergencyFileDueBy, emergencyGrantProblems, type EmergencyFigures } from '../../../shared/rules/programmes/emergencyGrant';
import { applicationSchema, type Application } from '../../../shared/schemas/application';
import { mayChangeGroup } from '../../../shared/sync/writeCheck';
import type { VerificationResult } from '../../../shared/vocabulary/caseLife';
import { plainJson } from '../core/documents';
import { ActionRefusedError } from '../core/refusals';
import type { Workspace } from '../core/workspace';
import { nextUpdatedAt, writeDocument } from '../core/writeDocument';

export interface VerificationInput {
  result: VerificationResult;
  checkedOn: string;
  note?: string;
}

export interface EmergencyGrantInput {
  amount: number;
  grantedOn: string;
  /** Where the county has not set its figures yet, the township enters the due date itself. */
  fileDueBy?: string;
}

async function load(workspace: Workspace, id: string): Promise<Application> {
  const doc = await workspace.db.applications.findOne(id).exec();
  if (!doc) throw new Error(`application ${id} not found`);
  return doc.toMutableJSON() as Application;
}

function mayWrite(workspace: Workspace, application: Application, group: string): void {
  const { user } = workspace.session;
  if (!mayChangeGroup('applications', group, application, { role: user.role, userId: user.id })) {
    throw new ActionRefusedError(['当前账号此时不能记录这一项']);
  }
}

async function save(workspace: Workspace, previous: Application, changes: Partial<Application>): Promise<Application> {
  const doc = applicationSchema.parse(
    plainJson({ ...previous, ...changes, updatedAt: nextUpdatedAt(previous.updatedAt), updatedBy: workspace.session.user.id }),
  );
  return writeDocument(workspace, 'applications', doc);
}

/** 信息核对: the county records what the economic check found. */
export async function recordVerification(workspace: Workspace, id: string, input: VerificationInput): Promise<Application> {
  const previous = await load(workspace, id);
  mayWrite(workspace, previous, 'verification');
  if (compareDates(input.checkedOn, chinaToday()) > 0) throw new ActionRefusedError(['信息核对日期不能晚于今天']);
  const note = input.note?.trim();
  return save(workspace, previous, { verification: { result: input.result, checkedOn: input.checkedOn, ...(note ? { note } : {}) } });
}

/**
 * 急难先行救助: with the county's figures the file's due date follows from them and the amount is
 * held to the delegated limit; without them (not set yet) the township's own due date is taken.
 */
export async function grantEmergency(
  workspace: Workspace,
  id: string,
  input: EmergencyGrantInput,
  figures: EmergencyFigures | null,
): Promise<Application> {
  const previous = await load(workspace, id);
  mayWrite(workspace, previous, 'emergencyGrant');
  const fileDueBy = figures ? emergencyFileDueBy(input.grantedOn, figures.fileDays) : input.fileDueBy;
  if (fileDueBy === undefined) throw new ActionRefusedError(['请填写补齐材料的期限']);
  const grant = { amount: input.amount, grantedOn: input.grantedOn, fileDueBy };
  const problems = emergencyGrantProblems(previous, previous.emergencyGrant, grant, chinaToday(), figures);
  if (problems.length > 0) throw new ActionRefusedError(problems.map((problem) => problem.message));
  return save(workspace, previous, { emergencyGrant: grant });
}

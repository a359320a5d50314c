/**
 * The programmes' records written without a status step: the county's 信息核对 while it holds the
 * file, and the township's 急难先行救助. The write policy says who may write them when; the
 * server checks both again (server/sync/writeGuards.ts).
 */
import { chinaToday } from '../../../shared/domain/chinaTime';
import { compareDates } from '../../../shared/rules/dates';
import { emergencyFileDueBy, emergencyGrantProblems, NO_EMERGENCY_DELEGATION, type EmergencyFigures } from '../../../shared/rules/programmes/emergencyGrant';
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
 * 急难先行救助: the file's due date follows from the county's figures and the amount is held to
 * the delegated limit; without them (not set yet) the township may not grant on its own.
 */
export async function grantEmergency(
  workspace: Workspace,
  id: string,
  input: EmergencyGrantInput,
  figures: EmergencyFigures | null,
): Promise<Application> {
  const previous = await load(workspace, id);
  mayWrite(workspace, previous, 'emergencyGrant');
  // The server refuses a grant the county has not delegated; say so before anything is written.
  if (figures === null) throw new ActionRefusedError([NO_EMERGENCY_DELEGATION]);
  const grant = { amount: input.amount, grantedOn: input.grantedOn, fileDueBy: emergencyFileDueBy(input.grantedOn, figures.fileDays) };
  const problems = emergencyGrantProblems(previous, previous.emergencyGrant, grant, chinaToday(), figures);
  if (problems.length > 0) throw new ActionRefusedError(problems.map((problem) => problem.message));
  return save(workspace, previous, { emergencyGrant: grant });
}

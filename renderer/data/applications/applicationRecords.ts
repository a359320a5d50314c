import { actionRequirements, requirementInputOf } from '../../../shared/rules/actionRequirements';
import { benefitOnApproval } from '../../../shared/rules/benefit';
import { transition, type ApplicationAction } from '../../../shared/rules/applicationStatus';
import { programmePathOf } from '../../../shared/rules/programmes';
import {
  applicationFormSchema,
  applicationSchema,
  type Application,
  type ApplicationForm,
  type documentKinds,
} from '../../../shared/schemas/application';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { newTrackingCode } from '../../../shared/domain/trackingCode';
import { newDocumentId, plainJson } from '../core/documents';
import type { Workspace } from '../core/workspace';
import { ActionRefusedError } from '../core/refusals';
import { nextUpdatedAt, writeDocument } from '../core/writeDocument';

/** What a step of the path needs besides the note (二人调查, 公示开始日期, 核定金额 …). */
export interface ActionInput {
  note?: string;
  /** return (退回补正): what the one-time notice lists. */
  missingDocuments?: (typeof documentKinds)[number][];
  /** startInvestigation: at least two investigators. */
  investigators?: string[];
  investigationStartedOn?: string;
  /** preliminaryReview: what the investigation found, and the township's opinion (a negative one says why). */
  findings?: string;
  preliminaryOutcome?: 'pass' | 'negative';
  preliminaryOpinion?: string;
  /** preliminaryReview: what the investigation established beyond income (absent: not checked). */
  facts?: NonNullable<Application['facts']>;
  /** startPublicNotice: the day the notice went up (it may be entered later than that). */
  publicNoticeStart?: string;
  /** objection: what was objected. */
  objections?: string;
  /** approve: monthly amount and how it was set (差额 or 分档) — or the sum paid once, or a recognition's last day, as the path says. */
  approvedMonthlyAmount?: number;
  method?: 'gap' | 'band';
  oneOffAmount?: number;
  validUntil?: string;
  /** refuse: the written reasons. */
  refusalReason?: string;
}

export { ActionRefusedError };

async function load(workspace: Workspace, id: string): Promise<Application> {
  const doc = await workspace.db.applications.findOne(id).exec();
  if (!doc) throw new Error(`application ${id} not found`);
  return doc.toMutableJSON() as Application;
}

/** A new application (草稿) for a household; it goes to the township with the `submit` action. */
export async function createApplication(workspace: Workspace, householdId: string, form: ApplicationForm): Promise<Application> {
  const household = await workspace.db.households.findOne(householdId).exec();
  if (!household) throw new Error(`household ${householdId} not found`);
  const entry = applicationFormSchema.parse(form);
  const now = Date.now();
  const { user } = workspace.session;
  const doc = applicationSchema.parse(
    plainJson({
      ...entry,
      id: newDocumentId('app'),
      areaCode: household.areaCode,
      householdId,
      status: 'draft',
      history: [],
      createdAt: now,
      createdBy: user.id,
      updatedAt: now,
      updatedBy: user.id,
    }),
  );
  return writeDocument(workspace, 'applications', doc);
}

/** Edits what the applicant declared; only while the application is with the village. */
export async function updateApplication(workspace: Workspace, id: string, form: ApplicationForm): Promise<Application> {
  const previous = await load(workspace, id);
  if (previous.status !== 'draft' && previous.status !== 'returned') {
    throw new ActionRefusedError(['申请已提交，不能再修改申报内容']);
  }
  const entry = applicationFormSchema.parse(form);
  const doc = applicationSchema.parse(
    plainJson({ ...previous, ...entry, updatedAt: nextUpdatedAt(previous.updatedAt), updatedBy: workspace.session.user.id }),
  );
  return writeDocument(workspace, 'applications', doc);
}

/**
 * 码上查 停用: the township or the county stops an application's code (a lost receipt, a code seen
 * by others); the server then answers for it as for an unknown code. Never undone.
 */
export async function revokeTrackingCode(workspace: Workspace, id: string): Promise<Application> {
  const previous = await load(workspace, id);
  if (!previous.trackingCode) throw new ActionRefusedError(['这份申请没有查询码']);
  const doc = applicationSchema.parse(
    plainJson({ ...previous, trackingRevoked: true, updatedAt: nextUpdatedAt(previous.updatedAt), updatedBy: workspace.session.user.id }),
  );
  return writeDocument(workspace, 'applications', doc);
}

/** The fields an action sets besides status and history. */
function applyInput(app: Application, action: ApplicationAction, input: ActionInput): Application {
  switch (action) {
    case 'return':
      return { ...app, returnNotice: { missingDocuments: input.missingDocuments ?? [], ...(input.note ? { note: input.note } : {}) } };
    case 'startInvestigation':
      return {
        ...app,
        investigation: {
          ...app.investigation,
          investigators: input.investigators ?? [],
          ...(input.investigationStartedOn ? { startedOn: input.investigationStartedOn } : {}),
        },
      };
    case 'preliminaryReview':
      return {
        ...app,
        investigation: { investigators: [], ...app.investigation, ...(input.findings ? { findings: input.findings } : {}) },
        preliminaryReview: {
          outcome: input.preliminaryOutcome ?? 'pass',
          ...(input.preliminaryOpinion ?? input.findings ? { opinion: input.preliminaryOpinion ?? input.findings } : {}),
        },
        ...(input.facts && Object.keys(input.facts).length > 0 ? { facts: { ...app.facts, ...input.facts } } : {}),
      };
    case 'startPublicNotice':
      return { ...app, publicNotice: { start: input.publicNoticeStart ?? '' } };
    case 'objection':
      return app.publicNotice ? { ...app, publicNotice: { ...app.publicNotice, objections: input.objections ?? input.note ?? '' } } : app;
    case 'approve': {
      const decided: Application = { ...app, decision: decisionOf(app, input) };
      // The benefit starts the month after approval (the server computes it again by its own day).
      const benefit = benefitOnApproval(decided, chinaToday());
      return benefit ? { ...decided, benefit } : decided;
    }
    case 'refuse':
      return { ...app, decision: { refusalReason: input.refusalReason } };
    // 受理 draws the 码上查 code here, offline too (WebCrypto); the server registers it on push.
    case 'accept':
      return app.trackingCode ? app : { ...app, trackingCode: newTrackingCode() };
    default:
      return app;
  }
}

/** What the county's approval records, in its programme's form (programmes/*.ts `decision`). */
function decisionOf(app: Application, input: ActionInput): NonNullable<Application['decision']> {
  switch (programmePathOf(app).decision) {
    case 'oneOffAmount':
      return input.oneOffAmount !== undefined ? { oneOffAmount: input.oneOffAmount } : {};
    case 'recognition':
      return input.validUntil !== undefined ? { validUntil: input.validUntil } : {};
    case 'monthlyAmount':
      return {
        ...(input.approvedMonthlyAmount !== undefined ? { approvedMonthlyAmount: input.approvedMonthlyAmount } : {}),
        method: input.method ?? 'gap',
      };
  }
}

/**
 * Moves an application one step (受理, 调查, 初审, 公示 …) if the status machine allows it for the
 * signed-in role, and appends the step to its history. The server checks the same again.
 */
export async function applyAction(
  workspace: Workspace,
  id: string,
  action: ApplicationAction,
  input: ActionInput = {},
): Promise<Application> {
  const previous = await load(workspace, id);
  const { user } = workspace.session;
  const updated = applyInput(previous, action, input);
  // The path reads the application as the step leaves it: a negative 初审 opens the township's closing.
  const step = transition(previous.status, action, user.role, updated);
  if (!step.ok) throw new ActionRefusedError([step.message]);
  const missing = actionRequirements(action, requirementInputOf(updated, input.note), chinaToday());
  if (missing.length > 0) throw new ActionRefusedError(missing);
  const now = Date.now();
  const doc = applicationSchema.parse(
    plainJson({
      ...updated,
      status: step.to,
      history: [
        ...previous.history,
        {
          id: newDocumentId('h'),
          action,
          from: previous.status,
          to: step.to,
          at: now,
          byUserId: user.id,
          byName: user.displayName,
          role: user.role,
          ...(input.note ? { note: input.note } : {}),
        },
      ],
      updatedAt: nextUpdatedAt(previous.updatedAt, now),
      updatedBy: user.id,
    }),
  );
  return writeDocument(workspace, 'applications', doc);
}

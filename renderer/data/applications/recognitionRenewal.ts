/**
 * 重新认定: a 低保边缘 or 刚性支出 recognition holds until its valid-until day (B3: 刚性支出 at most
 * 12 months) and is then assessed afresh — a new application of the same type for the household,
 * its declaration (members, income, property, spending) carried over for the village to check and
 * bring up to date, every document to be shown again and the pledge signed again, and then the
 * same path as the first time.
 */
import { isRenewableRecognition } from '../../../shared/rules/recognitionRenewal';
import type { Application, ApplicationForm } from '../../../shared/schemas/application';
import type { Workspace } from '../core/workspace';
import { ActionRefusedError } from '../core/refusals';
import { createApplication } from './applicationRecords';

const REASON_MAX = 2000;

/** The renewal's form: what the household declared last time, the documents and pledge not yet given. */
export function renewalForm(previous: Application): ApplicationForm {
  const validUntil = previous.decision?.validUntil ?? '';
  const reason = `重新认定（原认定有效期至${validUntil}）${previous.reason ? `：${previous.reason}` : ''}`;
  return {
    type: previous.type,
    mode: previous.mode,
    assistance: previous.assistance,
    applicantMemberId: previous.applicantMemberId,
    coveredMemberIds: [...previous.coveredMemberIds],
    singlePersonUnit: previous.singlePersonUnit,
    incomeItems: previous.incomeItems.map((item) => ({ ...item })),
    propertyItems: previous.propertyItems.map((item) => ({ ...item })),
    ...(previous.essentialSpending ? { essentialSpending: { ...previous.essentialSpending } } : {}),
    documents: previous.documents.map((document) => ({ kind: document.kind, state: 'missing' as const })),
    pledgeSigned: false,
    reason: reason.slice(0, REASON_MAX),
  };
}

/** Starts the re-assessment as a draft (草稿) the village completes and submits. */
export async function renewRecognition(workspace: Workspace, id: string): Promise<Application> {
  const previous = (await workspace.db.applications.findOne(id).exec())?.toMutableJSON() as Application | undefined;
  if (!previous || !isRenewableRecognition(previous)) throw new ActionRefusedError(['只有已认定的低保边缘和刚性支出困难可以重新认定']);
  return createApplication(workspace, previous.householdId, renewalForm(previous));
}

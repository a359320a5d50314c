import type { ApplicationStatus } from '../../../shared/rules/applicationStatus';
import type { Role } from '../../../shared/auth/roles';

/** The printed forms of one application, each with its route under /print/applications/:id/ and its i18n key. */
export const applicationForms = [
  { key: 'summary', label: 'applicationSummary' },
  { key: 'missing-items', label: 'missingItemsNotice' },
  { key: 'pledge', label: 'pledge' },
  { key: 'approval-form', label: 'approvalForm' },
  { key: 'refusal-notice', label: 'refusalNotice' },
  { key: 'receipt', label: 'acceptanceReceipt' },
] as const;
export type ApplicationFormKey = (typeof applicationForms)[number]['key'];

/** The 审批表 exists once the township has given its 初审 opinion: it carries the file to the county and its decision. */
const APPROVAL_FORM_STATUSES: readonly ApplicationStatus[] = ['preliminaryReviewed', 'publicNotice', 'pendingConfirmation', 'approved', 'refused'];

/** Before 受理 (or never accepted) there is no 受理回执. */
const NOT_ACCEPTED: readonly ApplicationStatus[] = ['draft', 'submitted', 'returned'];

/** Who files and signs them: the township prepares the file, the county decides and notifies. */
const CASE_OFFICES: readonly Role[] = ['township', 'county'];

/**
 * Which forms an application offers to whom: the intake forms to anyone who prints, the 审批表 to
 * the township and the county once there is an 初审, the 不予批准通知书 to them on a refusal.
 */
export function applicationFormsFor(status: ApplicationStatus, role: Role | undefined): (typeof applicationForms)[number][] {
  return applicationForms.filter((form) => {
    if (form.key === 'approval-form') return role !== undefined && CASE_OFFICES.includes(role) && APPROVAL_FORM_STATUSES.includes(status);
    if (form.key === 'refusal-notice') return role !== undefined && CASE_OFFICES.includes(role) && status === 'refused';
    if (form.key === 'receipt') return !NOT_ACCEPTED.includes(status);
    return true;
  });
}

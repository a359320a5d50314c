import { chinaDateOf } from '../../shared/domain/chinaTime';
import { deadlineInputOf } from '../../shared/rules/deadlineInput';
import { applicationDeadlines } from '../../shared/rules/deadlines';
import type { Application } from '../../shared/schemas/application';
import { applicationStatusTerms } from '../../shared/vocabulary/applicationStatuses';
import { applicationTypeTerms } from '../../shared/vocabulary/applicationTypes';
import { documentKindTerms } from '../../shared/vocabulary/documentKinds';

/**
 * What 码上查 shows a resident, and nothing more: the programme, the step and its day, the next
 * deadline, the documents still missing and, after a decision, the decision with a monthly
 * benefit's amount and first month. Built field by field from the application, so no name,
 * address, member, note, reason or ID number can reach the page by accident.
 */
export interface StatusSummary {
  programme: string;
  step: string;
  stepDate: string;
  nextDeadline: { what: string; due: string } | null;
  missingDocuments: { name: string; promisedBy: string | null }[];
  decision: { outcome: string; monthlyAmount: string | null; fromMonth: string | null } | null;
}

const decided: readonly Application['status'][] = ['approved', 'refused'];

/** 2026-12 → 2026年12月 */
const monthInWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

export function statusSummary(application: Application, today: string): StatusSummary {
  const last = application.history[application.history.length - 1];
  const open = applicationDeadlines(deadlineInputOf(application), today)
    .filter((deadline) => deadline.state !== 'done')
    .sort((a, b) => a.due.localeCompare(b.due));
  const next = open[0];
  // Returned for documents: the one-time notice lists them; otherwise what the checklist still lacks.
  const missing =
    application.status === 'returned' && application.returnNotice
      ? application.returnNotice.missingDocuments.map((kind) => ({ name: documentKindTerms[kind].zh, promisedBy: null }))
      : application.documents
          .filter((doc) => doc.state === 'missing' || doc.state === 'promised')
          .map((doc) => ({ name: documentKindTerms[doc.kind].zh, promisedBy: doc.state === 'promised' ? (doc.promisedBy ?? null) : null }));
  const benefit = application.status === 'approved' ? application.benefit : undefined;
  return {
    programme: applicationTypeTerms[application.type].zh,
    step: applicationStatusTerms[application.status].zh,
    stepDate: last ? chinaDateOf(last.at) : '',
    nextDeadline: next && !decided.includes(application.status) ? { what: next.label, due: next.due } : null,
    missingDocuments: decided.includes(application.status) ? [] : missing,
    decision: decided.includes(application.status)
      ? {
          outcome: applicationStatusTerms[application.status].zh,
          monthlyAmount: benefit ? benefit.monthlyAmount.toFixed(2) : null,
          fromMonth: benefit ? monthInWords(benefit.fromMonth) : null,
        }
      : null,
  };
}

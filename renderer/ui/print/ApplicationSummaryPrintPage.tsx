import { areaLabel } from '../../../shared/areas';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { nextOpenDeadline } from '../../../shared/exports/applicationSheet';
import { applicationSummaryText, formLabels, labelled, nameWithRole } from '../../../shared/exports/formText';
import {
  actionWords,
  applicationModeWords,
  applicationTypeWords,
  assistanceWords,
  deadlineStateWords,
  documentStateWords,
  documentWords,
  LIST_SEPARATOR,
  statusWords,
} from '../../../shared/exports/labels';
import { applicationDeadlines } from '../../../shared/rules/deadlines';
import { deadlineInputOf } from '../../../shared/rules/deadlineInput';
import { formatDateTime } from '../format';
import { PageState } from '../PageState';
import { PrintPage } from './PrintPage';
import { SignatureLines } from './SignatureLines';
import { useApplicationToPrint } from './useApplicationToPrint';

/** /print/applications/:id/summary — 申请情况表: the application, its materials, deadlines and its whole history. */
export function ApplicationSummaryPrintPage() {
  const found = useApplicationToPrint();
  if (found.state !== 'ready') return <PageState kind={found.state} />;
  const { application, household, applicant } = found;
  const today = chinaToday();
  const covered = application.coveredMemberIds
    .map((id) => household.members.find((member) => member.id === id)?.name)
    .filter((name): name is string => Boolean(name));
  const deadlines = applicationDeadlines(deadlineInputOf(application), today);
  const counted = application.incomeItems.filter((item) => item.treatment === 'counted').reduce((sum, item) => sum + item.monthlyAmount, 0);
  const next = nextOpenDeadline(application, today);
  return (
    <PrintPage
      kind="applicationSummary"
      documentId={application.id}
      areaCode={application.areaCode}
      fileTitle={`${applicationSummaryText.title}-${today}`}
    >
      <h1>{applicationSummaryText.title}</h1>
      <table className="print-block">
        <tbody>
          <tr>
            <th>{formLabels.applicant}</th>
            <td data-testid="print-applicant">{applicant?.name ?? ''}</td>
            <th>{formLabels.program}</th>
            <td>{applicationTypeWords[application.type]}</td>
          </tr>
          <tr>
            <th>{formLabels.area}</th>
            <td colSpan={3}>{areaLabel(application.areaCode)}</td>
          </tr>
          <tr>
            <th>{formLabels.address}</th>
            <td colSpan={3}>{household.address}</td>
          </tr>
          <tr>
            <th>{formLabels.mode}</th>
            <td>{applicationModeWords[application.mode]}</td>
            <th>{formLabels.assistance}</th>
            <td>{assistanceWords[application.assistance]}</td>
          </tr>
          <tr>
            <th>{formLabels.status}</th>
            <td data-testid="print-status">{statusWords[application.status]}</td>
            <th>{formLabels.deadlines}</th>
            <td>{next ? `${next.label} ${next.due} ${deadlineStateWords[next.state]}` : formLabels.none}</td>
          </tr>
          <tr>
            <th>{formLabels.covered}</th>
            <td colSpan={3}>{covered.join(LIST_SEPARATOR)}</td>
          </tr>
          <tr>
            <th>{formLabels.incomeTotal}</th>
            <td colSpan={3}>{counted.toFixed(2)}</td>
          </tr>
          <tr>
            <th>{formLabels.reason}</th>
            <td colSpan={3} className="print-text">
              {application.reason ?? ''}
            </td>
          </tr>
        </tbody>
      </table>

      <h2>{formLabels.documents}</h2>
      <table className="print-block">
        <tbody>
          {application.documents.map((doc) => (
            <tr key={doc.kind}>
              <th>{documentWords[doc.kind]}</th>
              <td>
                {documentStateWords[doc.state]}
                {doc.promisedBy ? ` ${doc.promisedBy}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {deadlines.length > 0 && (
        <>
          <h2>{formLabels.deadlines}</h2>
          <table className="print-block">
            <tbody>
              {deadlines.map((deadline) => (
                <tr key={deadline.key}>
                  <th>{deadline.label}</th>
                  <td>
                    {deadline.due} {deadlineStateWords[deadline.state]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2>{formLabels.history}</h2>
      <table data-testid="print-history">
        <thead>
          <tr>
            <th>{formLabels.historyTime}</th>
            <th>{formLabels.historyAction}</th>
            <th>{formLabels.historyStatus}</th>
            <th>{formLabels.historyBy}</th>
            <th>{formLabels.historyNote}</th>
          </tr>
        </thead>
        <tbody>
          {application.history.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.at)}</td>
              <td>{actionWords[entry.action]}</td>
              <td>{statusWords[entry.to]}</td>
              <td>{nameWithRole(entry.byName, entry.role)}</td>
              <td>{entry.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <SignatureLines labels={applicationSummaryText.signatures} />
      <p className="print-meta">{labelled(formLabels.printedOn, today)}</p>
    </PrintPage>
  );
}

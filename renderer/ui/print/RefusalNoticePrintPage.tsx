import { chinaToday } from '../../../shared/domain/chinaTime';
import { formLabels, labelled } from '../../../shared/exports/formText';
import { refusalNoticeOf, refusalNoticeText } from '../../../shared/exports/refusalNotice';
import { PageState } from '../PageState';
import { PrintPage } from './PrintPage';
import { SignatureLines } from './SignatureLines';
import { useApplicationToPrint } from './useApplicationToPrint';

const text = refusalNoticeText;

/**
 * /print/applications/:id/refusal-notice — 不予批准通知书: to the applicant, with the county's
 * reasons, the rules, the route to contest the decision, and the day it must be served by.
 */
export function RefusalNoticePrintPage() {
  const found = useApplicationToPrint();
  if (found.state !== 'ready') return <PageState kind={found.state} />;
  const { application, household } = found;
  const notice = refusalNoticeOf(application, household);
  // Only a refused application has a refusal to notify.
  if (!notice) return <PageState kind="notFound" />;
  return (
    <PrintPage kind="refusalNotice" documentId={application.id} areaCode={application.areaCode} fileTitle={`${text.title}-${notice.decidedOn}`}>
      <h1>{text.title}</h1>
      <p data-testid="print-refusal-opening">{text.opening(notice)}</p>
      {notice.reasons.length > 0 ? (
        <ol data-testid="print-refusal-reasons">
          {notice.reasons.map((reason, index) => (
            <li key={`${index}-${reason}`}>{reason}</li>
          ))}
        </ol>
      ) : (
        <p data-testid="print-refusal-reasons">{text.noReason}</p>
      )}
      <p data-testid="print-refusal-appeal">{text.appeal(notice.county)}</p>
      <p>{text.reapply}</p>
      <p className="print-issuer">{text.issuer(notice.county)}</p>
      <p className="print-issuer">{formLabels.yearMonthDay}</p>
      <SignatureLines labels={text.signatures} />
      <p className="print-meta" data-testid="print-refusal-due">
        {text.dueBy(notice.decidedOn, notice.dueBy, notice.dueByEstimated)}
      </p>
      <p className="print-meta">{labelled(formLabels.printedOn, chinaToday())}</p>
    </PrintPage>
  );
}

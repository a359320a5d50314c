import { chinaToday } from '../../../shared/domain/chinaTime';
import { pledgedItemsOf, pledgeText } from '../../../shared/exports/formText';
import { applicationTypeWords } from '../../../shared/exports/labels';
import { PageState } from '../PageState';
import { PrintPage } from './PrintPage';
import { SignatureLines } from './SignatureLines';
import { useApplicationToPrint } from './useApplicationToPrint';

/** /print/applications/:id/pledge — 告知承诺书: truthful information, consent to checks, the pledged materials. */
export function PledgePrintPage() {
  const found = useApplicationToPrint();
  if (found.state !== 'ready') return <PageState kind={found.state} />;
  const { application, household, applicant } = found;
  const pledged = pledgedItemsOf(application);
  const coveredOthers = application.coveredMemberIds.filter((id) => id !== application.applicantMemberId).length;
  return (
    <PrintPage kind="pledge" documentId={application.id} areaCode={application.areaCode} fileTitle={`${pledgeText.title}-${chinaToday()}`}>
      <h1>{pledgeText.title}</h1>
      <p>
        {pledgeText.opening(applicant?.name ?? '', applicant?.idNumber ?? '', household.address, applicationTypeWords[application.type])}
      </p>
      <ol data-testid="print-pledge-clauses">
        {pledgeText.clauses.map((clause) => (
          <li key={clause}>{clause}</li>
        ))}
      </ol>
      {pledged.length > 0 && (
        <>
          <p>{pledgeText.pledgedItemsIntro}</p>
          <ol>
            {pledged.map((item) => (
              <li key={item.kind}>
                {item.word}
                {item.promisedBy ? pledgeText.promisedBy(item.promisedBy) : ''}
              </li>
            ))}
          </ol>
        </>
      )}
      <SignatureLines labels={pledgeText.signatures} repeat={{ [pledgeText.signatures[1]]: Math.max(1, coveredOthers) }} />
    </PrintPage>
  );
}

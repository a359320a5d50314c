import { chinaDateOf, chinaToday } from '../../../shared/domain/chinaTime';
import { formLabels, labelled, missingItemsNoticeText, missingItemsOf } from '../../../shared/exports/formText';
import { applicationTypeWords, documentWords } from '../../../shared/exports/labels';
import { PageState } from '../PageState';
import { PrintPage } from './PrintPage';
import { SignatureLines } from './SignatureLines';
import { useApplicationToPrint } from './useApplicationToPrint';

/** /print/applications/:id/missing-items — 一次性告知书: every missing material, listed once. */
export function MissingItemsNoticePrintPage() {
  const found = useApplicationToPrint();
  if (found.state !== 'ready') return <PageState kind={found.state} />;
  const { application, applicant } = found;
  const missing = missingItemsOf(application);
  const submitted = application.history.find((entry) => entry.action === 'submit');
  const note = application.status === 'returned' ? application.returnNotice?.note : undefined;
  return (
    <PrintPage
      kind="missingItemsNotice"
      documentId={application.id}
      areaCode={application.areaCode}
      fileTitle={`${missingItemsNoticeText.title}-${chinaToday()}`}
    >
      <h1>{missingItemsNoticeText.title}</h1>
      <p>
        {missingItemsNoticeText.opening(
          applicant?.name ?? '',
          chinaDateOf(submitted?.at ?? application.createdAt),
          applicationTypeWords[application.type],
        )}
      </p>
      {missing.length > 0 ? (
        <ol data-testid="print-missing-items">
          {missing.map((kind) => (
            <li key={kind}>{documentWords[kind]}</li>
          ))}
        </ol>
      ) : (
        <p data-testid="print-missing-items">{missingItemsNoticeText.noneMissing}</p>
      )}
      {note && <p>{labelled(missingItemsNoticeText.note, note)}</p>}
      {missingItemsNoticeText.closing.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      <SignatureLines labels={missingItemsNoticeText.signatures} />
      <p className="print-meta">{labelled(formLabels.printedOn, chinaToday())}</p>
    </PrintPage>
  );
}

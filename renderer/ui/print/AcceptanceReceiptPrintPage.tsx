import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { chinaDateOf, chinaToday } from '../../../shared/domain/chinaTime';
import { formatTrackingCode } from '../../../shared/domain/trackingCode';
import { acceptanceReceiptText, formLabels, labelled } from '../../../shared/exports/formText';
import { applicationTypeWords } from '../../../shared/exports/labels';
import { useStatusCheckAddress } from '../../data';
import { PageState } from '../PageState';
import { PrintPage } from './PrintPage';
import { SignatureLines } from './SignatureLines';
import { useApplicationToPrint } from './useApplicationToPrint';

/** The QR code of the page's address, as a PNG data URL (the CSP allows data: images; nothing leaves the laptop). */
function useQrCode(text: string | null): string | null {
  const [image, setImage] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    if (!text) return;
    let live = true;
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 320 }).then((url) => live && setImage({ text, url }));
    return () => {
      live = false;
    };
  }, [text]);
  return image && image.text === text ? image.url : null;
}

/**
 * /print/applications/:id/receipt — 受理回执: the application was accepted on this day, and how to
 * follow it with 码上查 — the QR code of `<public address>/q/<code>` and the code itself in large
 * print, in four groups of four, for a phone without a camera.
 */
export function AcceptanceReceiptPrintPage() {
  const found = useApplicationToPrint();
  const code = found.state === 'ready' ? found.application.trackingCode : undefined;
  const address = useStatusCheckAddress(code);
  const qr = useQrCode(address);
  if (found.state !== 'ready') return <PageState kind={found.state} />;
  const { application, applicant } = found;
  const accepted = [...application.history].reverse().find((entry) => entry.action === 'accept');
  const acceptedOn = accepted ? chinaDateOf(accepted.at) : '';
  return (
    <PrintPage kind="acceptanceReceipt" documentId={application.id} areaCode={application.areaCode} fileTitle={`${acceptanceReceiptText.title}-${chinaToday()}`}>
      <h1>{acceptanceReceiptText.title}</h1>
      <p>{acceptanceReceiptText.statement(applicant?.name ?? '', applicationTypeWords[application.type], acceptedOn)}</p>
      {accepted && <p>{labelled(formLabels.historyBy, accepted.byName)}</p>}
      <section className="print-block receipt-lookup" data-testid="receipt-lookup">
        <h2>{acceptanceReceiptText.lookupTitle}</h2>
        {code ? (
          <div style={{ display: 'flex', gap: '12pt', alignItems: 'center' }}>
            {qr ? (
              <img src={qr} alt={acceptanceReceiptText.lookupTitle} width={160} height={160} data-testid="receipt-qr" />
            ) : (
              <div style={{ width: 160, height: 160 }} />
            )}
            <div>
              <p>{acceptanceReceiptText.codeLabel}</p>
              <p style={{ fontSize: '24pt', fontWeight: 'bold', letterSpacing: '2pt', fontFamily: 'monospace' }} data-testid="receipt-code">
                {formatTrackingCode(code)}
              </p>
              {address && <p className="print-note">{acceptanceReceiptText.lookupHow(address)}</p>}
            </div>
          </div>
        ) : (
          <p>{acceptanceReceiptText.noCode}</p>
        )}
        <p className="print-note">{acceptanceReceiptText.keepSafe}</p>
      </section>
      <SignatureLines labels={acceptanceReceiptText.signatures} />
    </PrintPage>
  );
}

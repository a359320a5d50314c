import { formLabels, labelled } from '../../../shared/exports/formText';

/** Lines to sign on, each with a date line: one per label, and `repeat` lines for a label that needs several people. */
export function SignatureLines({ labels, repeat = {} }: { labels: readonly string[]; repeat?: Record<string, number> }) {
  const lines = labels.flatMap((label) => Array.from({ length: repeat[label] ?? 1 }, (_, index) => ({ label, index })));
  return (
    <div className="print-signatures" data-testid="print-signatures">
      {lines.map(({ label, index }) => (
        <div className="print-signature" key={`${label}-${index}`}>
          <span>{label}</span>
          <span className="print-signature-line" />
          <span className="print-signature-date">{labelled(formLabels.date, formLabels.yearMonthDay)}</span>
        </div>
      ))}
    </div>
  );
}

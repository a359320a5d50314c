/**
 * A4 print CSS for the printed forms. Fonts: 宋体 as on paper forms, then the CJK fonts of
 * Windows (SimSun, Microsoft YaHei), domestic Linux desktops (UOS/Kylin ship Noto CJK or
 * WenQuanYi) and macOS, so Chinese never falls back to boxes.
 */
export const PRINT_FONT_STACK =
  "'SimSun', 'Songti SC', 'Noto Serif CJK SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'WenQuanYi Zen Hei', 'WenQuanYi Micro Hei', 'PingFang SC', sans-serif";

export const printStyles = `
@page { size: A4; margin: 16mm 15mm 18mm; }
.print-root { background: #e9e9e9; min-height: 100vh; padding: 24px 0 48px; }
.print-toolbar { width: 210mm; max-width: 100%; margin: 0 auto 16px; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
.print-toolbar p { flex-basis: 100%; margin: 0; font-size: 16px; }
.print-sheet {
  width: 210mm; max-width: 100%; min-height: 297mm; margin: 0 auto; padding: 16mm 15mm 18mm; box-sizing: border-box;
  background: #fff; color: #000; box-shadow: 0 2px 12px rgba(0, 0, 0, 0.2);
  font-family: ${PRINT_FONT_STACK}; font-size: 11pt; line-height: 1.5;
}
.print-sheet h1 { text-align: center; font-size: 20pt; font-weight: bold; letter-spacing: 2pt; margin: 0 0 14pt; }
.print-sheet h2 { font-size: 13pt; font-weight: bold; margin: 12pt 0 4pt; }
.print-sheet p { margin: 0 0 6pt; white-space: pre-wrap; }
.print-sheet table { width: 100%; border-collapse: collapse; margin-bottom: 6pt; }
.print-sheet th, .print-sheet td { border: 1px solid #000; padding: 4pt 6pt; vertical-align: top; text-align: left; font-weight: normal; }
.print-sheet th { width: 20%; white-space: nowrap; }
.print-sheet thead th { width: auto; text-align: center; }
.print-sheet ol { margin: 0 0 6pt; padding-left: 2em; }
.print-sheet .print-issuer { text-align: right; margin: 12pt 0 0; }
.print-sheet .print-note { font-size: 10pt; }
.print-sheet .print-meta { text-align: right; font-size: 10pt; margin-bottom: 6pt; }
.print-block { break-inside: avoid; }
/* On the sheet while it is checked on screen (which list, what is missing), never on paper. */
.print-screen-only { margin-bottom: 12pt; }
.print-text { min-height: 2.2em; white-space: pre-wrap; }
p.print-text { min-height: 4.5em; }
.print-signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 14pt 28pt; margin-top: 16pt; }
.print-signature { display: flex; flex-direction: column; gap: 4pt; break-inside: avoid; }
.print-signature-line { border-bottom: 1px solid #000; min-height: 26pt; }
.print-signature-date { text-align: right; }
@media print {
  html, body { background: #fff !important; }
  .print-toolbar, .print-screen-only { display: none !important; }
  /* A toast still showing from the page before must not land on paper. */
  .ant-message, .ant-notification { display: none !important; }
  .print-root { background: none; padding: 0; min-height: 0; }
  .print-sheet { width: auto; max-width: none; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
`;

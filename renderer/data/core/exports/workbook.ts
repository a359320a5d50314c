import type { ExportSheet } from '../../../../shared/exports/sheet';

/**
 * Writes one export as an .xlsx file with exceljs. exceljs is loaded on first use: it is large,
 * and most sessions never export. Headers are bold, frozen and filterable, as people expect of
 * a 台账 they will sort and print in Excel or WPS.
 */
export async function buildWorkbook(sheet: ExportSheet, meta: { creator: string; created: Date }): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.created = meta.created;
  const worksheet = workbook.addWorksheet(sheet.title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  worksheet.columns = sheet.columns.map((column) => ({ key: column.key, header: column.header, width: column.width }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.addRows(sheet.rows);
  if (sheet.columns.length > 0) {
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** exceljs is loaded no sooner than this after a page with an export opens (its first rows come first)… */
const PRELOAD_AFTER_MS = 1_500;
/** …and then at the first idle moment, or this much later at the latest. */
const PRELOAD_AT_LATEST_MS = 5_000;

/**
 * Loads exceljs ahead of the click, while a network is likely there: in a browser the service
 * worker keeps the loaded file, so a later export works offline too. Not at once: evaluating its
 * 1 MB took ~100 ms from drawing the household list's first page. Returns the cancel (a page left
 * before then loads nothing).
 */
export function preloadWorkbookWriter(): () => void {
  const load = () => void import('exceljs').catch(() => undefined);
  let idle: number | null = null;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(load, { timeout: PRELOAD_AT_LATEST_MS });
    else load();
  }, PRELOAD_AFTER_MS);
  return () => {
    clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
  };
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

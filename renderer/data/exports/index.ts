/** 导出Excel and 打印: workbook writing, saving, and the audit record of each. */
export { useExportSheet, useRecordPrint, type AuditScope } from './useExports';
export { SaveFailedError } from './offerFile';
export { useVisit } from './printRecords';

/** 导出Excel and 打印: workbook writing, saving, and the audit record of each. */
export { useExportSheet, useRecordPrint, type AuditScope } from '../hooks/exports';
export { SaveFailedError } from '../core/exports/offerFile';
export { useVisit } from '../hooks/visits';

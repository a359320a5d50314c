import type { LocaleTree } from './types';
import type { exportsZhCN } from './exports.zh-CN';

export const exportsEn: LocaleTree<typeof exportsZhCN> = {
  button: 'Export to Excel',
  buttonHint: 'Export the records shown in this list as an Excel sheet',
  working: 'Exporting…',
  done: 'Exported {{count}} rows',
  doneFile: 'Exported {{count}} rows as {{file}}',
  nothing: 'The list is empty: nothing to export',
  failed: 'The export did not work. Please try again; if it keeps failing, call the township administrator.',
  print: {
    button: 'Print',
    visitRecord: 'Print visit record',
    missingItemsNotice: 'Print missing-materials notice',
    pledge: 'Print pledge',
    applicationSummary: 'Print application summary',
    publicNoticeList: 'Print village public-notice list',
    approvalForm: 'Print approval form',
    refusalNotice: 'Print refusal notice',
    publicNoticeVillage: '{{village}} ({{count}} in public notice)',
    publicNoticeNone: 'No application is in public notice',
    approvedList: 'Approved in {{month}}',
    householdsMissing: '{{count}} households have not reached this computer yet: the list is incomplete. Sync, then print.',
    printNow: 'Print',
    savePdf: 'Save as PDF',
    back: 'Back',
    hint: 'Check the form below. "Print" sends it to a printer; choose "Save as PDF" in the print window to keep a file.',
    hintDesktop: 'Check the form below. "Save as PDF" keeps a file you can print or archive.',
    saved: 'Saved as {{file}}',
    failed: 'The file was not saved. Please try again.',
    notFound: 'The record to print was not found; it may not have reached this computer yet.',
  },
};

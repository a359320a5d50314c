import type { LocaleTree } from './types';
import type { shellZhCN } from './shell.zh-CN';

export const shellEn: LocaleTree<typeof shellZhCN> = {
  error: {
    pageTitle: 'Something went wrong: this page could not be shown',
    appTitle: 'Something went wrong: Jiuzhu could not be shown',
    dataSafe: 'Everything saved is kept on this computer and is not lost; it uploads as usual once online.',
    pageHint: 'Use the menu on the left to go on working on another page, or press “Reload” to try again. If it keeps happening, press “Export diagnostics” and send the saved file to technical support.',
    appHint: 'Press “Reload” to try again. If it keeps happening, press “Export diagnostics” and send the saved file to technical support.',
    technical: 'What went wrong, for technical support',
    reload: 'Reload',
    exportDiagnostics: 'Export diagnostics',
    exported: 'Diagnostics saved. The file holds only the program’s record of events: no one’s name, ID number, phone or address.',
    exportFailed: 'The diagnostics could not be saved. Please press “Export diagnostics” again.',
  },
  textSize: {
    button: 'Text size: {{size}}',
    standard: 'Standard',
    large: 'Large',
    extraLarge: 'Extra large',
  },
};

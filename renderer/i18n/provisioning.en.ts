import type { LocaleTree } from './types';
import type { provisioningZhCN } from './provisioning.zh-CN';

export const provisioningEn: LocaleTree<typeof provisioningZhCN> = {
  server: 'Server: {{name}} ({{url}})',
  changeServer: 'Change server',
  importFile: 'Import settings file',
  pasteCode: 'Paste settings code',
  pasteLabel: 'Settings code (the text of the county’s QR code)',
  pasteUse: 'Use these settings',
  pasteCancel: 'Cancel',
  pasteRequired: 'Paste the settings code first',
  hint: 'If the county gave you a settings file or QR code, import it: then only your username and password are asked.',
  imported: 'Settings of {{county}} imported',
  problemsTitle: 'The settings file cannot be used',
  shippedProblemsTitle: 'The settings file that came with this laptop is wrong; call the county',
  unreadableFile: 'This file cannot be read; choose jiuzhu-provisioning.json',
};

import { roleTerms } from '../../shared/vocabulary';

import type { LocaleTree } from './types';
import type { provisioningZhCN } from './provisioning.zh-CN';

export const provisioningEn: LocaleTree<typeof provisioningZhCN> = {
  server: 'Server: {{name}} ({{url}})',
  chooseTitle: 'Which server to connect to',
  chooseHint: 'Usually the county server. When the county cannot be reached, choose your township’s relay: you can still sign in and sync.',
  kind: { county: 'County server', relay: roleTerms.relay.en },
  kindHint: {
    county: 'Connects straight to the county civil affairs bureau.',
    relay: 'At the township service station. Works when the county cannot be reached; it carries your work up to the county later.',
  },
  reach: { checking: 'Checking…', reachable: 'Reachable', unreachable: 'Cannot connect' },
  tryOther: 'You can also choose another server above and try again.',
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

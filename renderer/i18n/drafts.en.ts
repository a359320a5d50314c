import type { LocaleTree } from './types';
import type { draftsZhCN } from './drafts.zh-CN';

export const draftsEn: LocaleTree<typeof draftsZhCN> = {
  restored: 'What you had not saved last time is back',
  restoredDetail: 'This form was left half filled in ({{time}}); its contents are back in the form and you can go on. If you do not need them, click “Discard draft” to start again.',
  continue: 'Go on filling in',
  discard: 'Discard draft',
  discarded: 'Draft discarded, the form is empty',
  autosaveHint: 'What you type is kept on this computer at once: a reload, the lock or closing the window loses nothing.',
  autosaveHintNoPassword: 'What you type is kept on this computer at once, except the password (for safety it is never kept: type it again).',
  leave: {
    title: 'This form is not saved yet. Leave it?',
    content: 'What you typed stays on this computer as a draft; open this form again to go on.',
    signOutTitle: 'A form is not saved yet. Sign out?',
    signOutContent: 'What you typed stays on this computer as an encrypted draft; sign in and open the form again to go on.',
    ok: 'Leave',
    signOutOk: 'Sign out',
    stay: 'Stay and go on',
  },
};

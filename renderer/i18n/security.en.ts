import type { LocaleTree } from './types';
import type { lockZhCN, securityZhCN } from './security.zh-CN';

export const lockEn: LocaleTree<typeof lockZhCN> = {
  title: 'Locked',
  explain: 'Locked after a while without use, to protect people’s information. Enter your password to go on.',
  user: 'Signed in: {{name}}',
  password: 'Password',
  unlock: 'Unlock',
  lockNow: 'Lock',
  signOut: 'Sign in as someone else',
  failure: {
    invalid_credentials: 'Wrong password.',
    rate_limited: 'Several wrong passwords: please wait a moment and try again.',
    profile_locked: 'Too many wrong passwords: this account is locked on this computer. Sign in again when online.',
    no_offline_profile: 'This computer has no record of this account; please sign in again.',
    network: 'Cannot unlock; please sign in again.',
    server_error: 'Cannot unlock; please sign in again.',
    no_keys_from_relay: 'Cannot unlock; please sign in again once the county is reachable.',
    invalid_credentials_at_relay: 'The password is not correct.',
  },
  required: 'Enter your password',
};

export const securityEn: LocaleTree<typeof securityZhCN> = {
  wipe: {
    button: 'Clear this computer',
    title: 'Clear this computer',
    explain: 'This deletes your households, visits and drafts from this computer. Your next sign-in needs a network; the records come back from the server.',
    pending: '{{count}} record(s) have not reached the server yet. Clearing now loses them for good.',
    pendingHint: 'Upload them first, or export them to a USB drive for the township.',
    syncNow: 'Sync now',
    exportUsb: 'Export to USB',
    anyway: 'Clear anyway',
    clear: 'Clear',
    cancel: 'Cancel',
    confirmTitle: 'Really clear?',
    confirmPending: 'The {{count}} record(s) not uploaded will be lost for good.',
    confirm: 'Yes, clear',
    failed: 'Clearing did not finish. Please try again.',
  },
  revoked: 'This computer has been stopped. Export the records not yet uploaded to a USB drive, then clear this computer.',
};

import type { LocaleTree } from './types';
import type { lockZhCN } from './security.zh-CN';

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
  },
  required: 'Enter your password',
};

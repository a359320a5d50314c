import type { SessionUser } from '../../../shared/auth/roles';

/** What the header's sync indicator and the sync centre show. */
export interface SyncStatus {
  /** The browser believes it has a network and the server answered lately. */
  online: boolean;
  /** Local changes not yet accepted by the server (待同步). */
  pending: number;
  /** Epoch millis of the last pull or push that completed, or null if never. */
  lastSyncAt: number | null;
  /** An i18n key under `sync.error.*`, or null. */
  lastError: string | null;
  syncing: boolean;
  /** While the server refuses this app as too old (`sync.error.tooOld`): the version to update to. */
  requiredAppVersion?: string | null;
}

/** One collection's part of the sync, as the sync centre (同步中心) shows it. */
export interface CollectionSyncStatus {
  name: string;
  syncing: boolean;
  pending: number;
  lastSyncAt: number | null;
  /** An i18n key under `sync.error.*`, or null. */
  lastError: string | null;
  lastErrorAt: number | null;
}

export interface AppSession {
  user: SessionUser;
  serverUrl: string;
  /** Signed in against the local profile because the server could not be reached. */
  offline: boolean;
}

export type SignInFailure =
  | 'invalid_credentials'
  | 'network'
  | 'no_offline_profile'
  | 'rate_limited'
  | 'profile_locked'
  | 'server_error'
  /** A township relay signed in a laptop that has never met the county: it has no keys yet (issue 17). */
  | 'no_keys_from_relay'
  /** A township relay refused it while the county is away: only accounts and laptops that signed in there before may. */
  | 'invalid_credentials_at_relay';

export type SignInResult = { ok: true } | { ok: false; reason: SignInFailure };

export interface SignInInput {
  serverUrl: string;
  username: string;
  password: string;
}

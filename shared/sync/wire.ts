import type { SessionUser } from '../auth/roles';

/**
 * Types of the HTTP sync contract (../shared/design/sync-protocol.md, v1). The server and the
 * app both speak these; changing one here means a new protocol version. The error body and the
 * answers beside the protocol (admin users, dashboard, end of day, audit) are in shared/wire/.
 */
export const API_PREFIX = '/api/v1';

/** The server's position in a collection's change log: the sequence number of the last change seen. */
export interface SyncCheckpoint {
  seq: number;
}

export type WireDocument<T> = T & { _deleted: boolean };

export interface PullResponse<T> {
  documents: WireDocument<T>[];
  checkpoint: SyncCheckpoint | null;
  /**
   * On a pull without a checkpoint only: how many documents of the caller's scope the pages from
   * the start will carry (deleted ones included), for a first sync's progress. An extension of
   * v1: older clients ignore it, and the app does without it (it then shows only what arrived).
   */
  total?: number;
}

export interface PushRow<T> {
  assumedMasterState: WireDocument<T> | null;
  newDocumentState: WireDocument<T>;
}

export interface PushResponse<T> {
  conflicts: WireDocument<T>[];
  /** Only from a township relay: it kept the batch and will carry it up (issue 17). */
  relay?: { batchId: string; state: 'pending' };
}

export type StreamEvent<T> = PullResponse<T> | 'RESYNC';

export interface LoginRequest {
  username: string;
  password: string;
  deviceId: string;
  deviceName?: string;
}

export interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
  /**
   * Keys of the ID-number search hashes, one per township (9-digit code) in the user's scope: a
   * village's or township's own, a county's every township, the city's all 92, an admin's none
   * (an extension of v1: older clients ignore it). A key changes when the township's is rotated.
   */
  searchKeys: Record<string, string>;
  /** This device's key for signing USB bundles (and its pushes), and the server's public key to seal them for. */
  bundleKey: string;
  bundlePublicKey: JsonWebKey;
  /**
   * This device's key for wrapping its local data key (derived by the server, stored nowhere):
   * an online sign-in after a password reset still opens the laptop's data.
   */
  deviceDataKey?: string;
  /** Minutes until an idle laptop locks, set per county (shared/wire/countySettings.ts; v1 extension). */
  idleMinutes?: number;
}

type TokenKeys = 'searchKeys' | 'bundleKey' | 'bundlePublicKey';
/**
 * A sign-in or refresh answer as the app takes it: a township relay that signs a person in on its
 * own while the county is away sends no keys (issue 17), and the laptop keeps those it has.
 */
export type TokenAnswer = Omit<TokenResponse, TokenKeys> & Partial<Pick<TokenResponse, TokenKeys>>;

export interface HealthResponse {
  status: 'ok';
  db: 'pglite' | 'postgres';
  version: string;
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenKeys } from '../../auth/tokenKeys';
import type { Database } from '../../db/database';
import type { UpstreamLink } from '../upstreamLink';
import { CentralTokenKey } from './centralTokenKey';
import { replaceAccounts, type RelayAccount } from './relayAccounts';
import { authenticateAtRelay, type RelayCaller } from './relayCaller';
import { registerRelaySignInRoutes } from './relaySignInRoutes';
import { RelayTokens } from './relayTokens';

export type { RelayAccount } from './relayAccounts';
export type { RelayCaller } from './relayCaller';

/** Sign-in at a township relay (issue 17, relay-contract §B): what the relay app uses of it. */
export interface RelayAuth {
  /** Routes POST /api/v1/auth/login, /api/v1/auth/refresh, /api/v1/auth/logout on the relay. */
  register(app: FastifyInstance): void;
  /**
   * Who is asking: verifies the bearer token with the central server's public key or the relay's
   * own, then the relay's copy of the accounts. Throws HttpError 401 like server/auth/caller.ts
   * (device_revoked / unauthorized).
   */
  authenticate(request: FastifyRequest): Promise<RelayCaller>;
  /**
   * Replaces the township's accounts and devices with the central server's list
   * (GET /api/v1/relay/accounts), one transaction; ends relay sessions of revoked devices and
   * inactive users.
   */
  storeAccounts(accounts: readonly RelayAccount[], listedAt?: number): Promise<void>;
  /**
   * Fetches and keeps the central server's public token key (GET /api/v1/auth/token-key) in
   * relay_state 'central_token_key'. Throws UpstreamUnreachable when the county cannot be reached
   * (the relay then goes on with the key it kept). Also done by itself, at most once a minute, when
   * a token does not verify.
   */
  refreshCentralKey(): Promise<void>;
}

export function createRelayAuth(deps: {
  db: Database;
  upstream: UpstreamLink;
  /** The township's 9-digit code: the relay's accounts are this township's. */
  township: string;
  /** `loadTokenKeys(db)` on the relay's own database: signs the relay's tokens while the county is away. */
  tokenKeys: TokenKeys;
}): RelayAuth {
  const { db, upstream, township } = deps;
  if (!/^\d{9}$/.test(township)) throw new Error(`township must be a 9-digit code, got ${township}`);
  const centralKey = new CentralTokenKey(db, upstream);
  const tokens = new RelayTokens(deps.tokenKeys, centralKey);
  const authenticate = (request: FastifyRequest) => authenticateAtRelay(request, db, tokens);
  return {
    register: (app) => registerRelaySignInRoutes(app, { db, upstream, township, tokens, authenticate }),
    authenticate,
    storeAccounts: (accounts, listedAt) => replaceAccounts(db, township, accounts, listedAt),
    refreshCentralKey: () => centralKey.refresh(),
  };
}

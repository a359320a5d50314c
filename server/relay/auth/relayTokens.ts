import { ACCESS_TOKEN_SECONDS, signAccessToken, verifyAccessToken, type AccessClaims } from '../../auth/accessTokens';
import type { TokenKeys } from '../../auth/tokenKeys';
import type { CentralTokenKey } from './centralTokenKey';
import type { KnownAccount } from './relayAccounts';

/** The answer to a sign-in or refresh the relay made itself: no keys (the laptop keeps those it has). */
export interface RelayTokenAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; username: string; displayName: string; role: KnownAccount['role']; areaCode: string };
}

/**
 * The two kinds of access token a relay accepts: the central server's (checked with its public
 * key) and its own, signed with the relay's key (`iss: 'relay'`) while the county was away. The
 * central server never accepts the relay's: a laptop that reaches the county again refreshes there.
 */
export class RelayTokens {
  constructor(
    private readonly own: TokenKeys,
    private readonly central: CentralTokenKey,
  ) {}

  /** The claims of a genuine, unexpired token of either signer, or null. */
  async verify(token: string): Promise<{ claims: AccessClaims; signer: 'central' | 'relay' } | null> {
    const ours = verifyAccessToken(token, this.own.publicKey);
    if (ours) return { claims: ours, signer: 'relay' };
    const claims = await this.verifyCentral(token);
    return claims ? { claims, signer: 'central' } : null;
  }

  /** A token of the central server's, verified with its key (asked for again if it does not verify: the county may have a new one). */
  async verifyCentral(token: string): Promise<AccessClaims | null> {
    const key = await this.central.current();
    const claims = key ? verifyAccessToken(token, key) : null;
    if (claims) return claims;
    if (!(await this.central.refreshIfStale())) return null;
    const fresh = await this.central.current();
    return fresh ? verifyAccessToken(token, fresh) : null;
  }

  /** A sign-in answer made by the relay for an account of its copy, with the device's session epoch there. */
  answer(account: KnownAccount, deviceId: string, sessionEpoch: number, refreshToken: string): RelayTokenAnswer {
    const claims = { sub: account.userId, dev: deviceId, role: account.role, area: account.areaCode, ses: sessionEpoch, iss: 'relay' as const };
    return {
      accessToken: signAccessToken(claims, this.own.privateKey),
      refreshToken,
      expiresIn: ACCESS_TOKEN_SECONDS,
      user: { id: account.userId, username: account.username, displayName: account.displayName, role: account.role, areaCode: account.areaCode },
    };
  }
}

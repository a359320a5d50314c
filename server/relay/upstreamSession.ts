import { roleTerms } from '../../shared/vocabulary/roles';
import { UpstreamUnreachable, type UpstreamLink } from './upstreamLink';

/** The relay account the county created for this station (role `relay`, one township). */
export interface RelayCredentials {
  username: string;
  password: string;
  /** The relay's own device id at the central server, kept in relay_state so it stays the same across restarts. */
  deviceId: string;
  /** The township this station serves (9 digits): the account must be this township's relay. */
  township: string;
}

/** The central server refused the relay's account: a person has to fix the settings; retrying will not help. */
export class RelayAccountRefused extends Error {
  constructor(readonly status: number, readonly code: string) {
    super(`the central server refused the relay account (${status} ${code})`);
  }
}

/**
 * The relay's own signed-in session at the central server, for its pulls, the accounts list and
 * forwarding. Signs in with the relay account's password the first time, renews with the refresh
 * token after that, and signs in again when the refresh token is refused. Never used for a
 * laptop's request: laptops' batches go up under their own device's signature.
 */
export class UpstreamSession {
  private accessToken: string | null = null;
  private refreshToken: string | null = null;

  constructor(
    private readonly link: UpstreamLink,
    private readonly credentials: RelayCredentials,
  ) {}

  /** Sends an authenticated request; a refused token is renewed once and the request sent again. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    if (!this.accessToken) await this.signIn();
    let response = await this.send(path, init);
    if (response.status === 401) {
      await response.body?.cancel().catch(() => undefined);
      this.accessToken = null;
      await this.signIn();
      response = await this.send(path, init);
    }
    return response;
  }

  /** GET with JSON back; anything but 200 is an error naming the status and code. */
  async getJson(path: string): Promise<unknown> {
    const response = await this.fetch(path);
    if (response.status !== 200) throw new RelayAccountRefused(response.status, await errorCodeOf(response));
    return response.json();
  }

  private send(path: string, init: RequestInit): Promise<Response> {
    return this.link.fetch(path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${this.accessToken}` } });
  }

  private async signIn(): Promise<void> {
    if (this.refreshToken) {
      const renewed = await this.post('/api/v1/auth/refresh', { refreshToken: this.refreshToken });
      if (renewed) return;
    }
    const { username, password, deviceId } = this.credentials;
    const signedIn = await this.post('/api/v1/auth/login', { username, password, deviceId, deviceName: roleTerms.relay.zh });
    if (!signedIn) throw new UpstreamUnreachable(new Error('relay sign-in failed'));
  }

  private async post(path: string, body: unknown): Promise<boolean> {
    const response = await this.link.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status === 200) {
      const answer = (await response.json()) as { accessToken: string; refreshToken: string; user?: { role?: string; areaCode?: string } };
      // Another account, or another township's relay: the station would forward nothing it could stand behind.
      if (answer.user?.role !== 'relay') throw new RelayAccountRefused(403, 'not_a_relay_account');
      if (!answer.user.areaCode?.startsWith(this.credentials.township)) throw new RelayAccountRefused(403, 'another_townships_relay');
      this.accessToken = answer.accessToken;
      this.refreshToken = answer.refreshToken;
      return true;
    }
    const code = await errorCodeOf(response);
    this.refreshToken = null;
    // A refused refresh token: sign in with the password instead. A refused password: stop and say so.
    if (path.endsWith('/refresh') && response.status === 401) return false;
    throw new RelayAccountRefused(response.status, code);
  }
}

async function errorCodeOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : 'unknown';
  } catch {
    return 'unknown';
  }
}

import type { TokenAnswer } from '../../../../shared/sync/wire';
import { tokenAnswerSchema } from '../../../../shared/sync/wireSchemas';
import { errorFromResponse, readAnswer, SyncHttpError } from '../httpErrors';
import { appVersionHeaders } from '../appVersion';

/**
 * Holds the access token in memory and renews it with the refresh token when it is missing,
 * about to expire, or refused. Concurrent callers share one refresh, because each refresh
 * token works only once.
 */
export class TokenKeeper {
  private accessToken: string | null = null;
  private expiresAt = 0;
  private refreshing: Promise<string> | null = null;

  constructor(
    private readonly serverUrl: string,
    private refreshToken: string | null,
    /** Called with each new refresh token so the offline profile can keep it. */
    private readonly onRotated: (tokens: TokenAnswer) => void,
    /** Sent with the refresh and sign-out requests, as with every other. */
    private readonly appVersion?: string,
  ) {}

  accept(tokens: TokenAnswer, now = Date.now()): void {
    this.accessToken = tokens.accessToken;
    this.refreshToken = tokens.refreshToken;
    this.expiresAt = now + tokens.expiresIn * 1000;
  }

  async token(): Promise<string> {
    if (this.accessToken && Date.now() < this.expiresAt - 30_000) return this.accessToken;
    return this.renew();
  }

  /** After a 401: the token was revoked or expired early. */
  invalidate(): void {
    this.accessToken = null;
  }

  /**
   * Signing out online: asks the server to end this device's session (`POST /auth/logout`: its
   * refresh and access tokens stop working), then forgets the tokens. Best effort: settles within
   * `timeoutMs` and never throws; offline, the tokens simply stay unused until they expire.
   */
  async signOut(timeoutMs = 5_000): Promise<void> {
    const attempt = async () => {
      const token = await this.token();
      await fetch(`${this.serverUrl}/api/v1/auth/logout`, {
        method: 'POST',
        headers: { ...appVersionHeaders(this.appVersion), authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([attempt(), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    } catch {
      // Offline, refused or already ended: nothing more to do.
    } finally {
      clearTimeout(timer);
      this.accessToken = null;
      this.refreshToken = null;
    }
  }

  private renew(): Promise<string> {
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<string> {
    if (!this.refreshToken) throw new SyncHttpError('unauthorized', 401, 'no_refresh_token');
    const response = await fetch(`${this.serverUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { ...appVersionHeaders(this.appVersion), 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: this.refreshToken }),
    });
    if (!response.ok) throw await errorFromResponse(response);
    const tokens = (await readAnswer(response, tokenAnswerSchema)) as TokenAnswer;
    this.accept(tokens);
    this.onRotated(tokens);
    return tokens.accessToken;
  }
}

import { blobUrlFor } from '../../../../shared/files/limits';
import type { TokenKeeper } from '../auth/tokenKeeper';
import { errorFromResponse, SyncHttpError } from '../httpErrors';
import { AppVersionGate } from '../appVersion';

/**
 * The app's side of the file endpoints other than tus itself: "does the server have these
 * bytes?" and "give me these bytes". Tokens in the Authorization header, never in URLs.
 */
export class FileClient {
  constructor(
    readonly serverUrl: string,
    readonly tokens: TokenKeeper,
    /** Shared with the sync client: the app's version on each request, none sent once the server refused it. */
    readonly version: AppVersionGate = new AppVersionGate(),
  ) {}

  /** True when the server holds the file for an area this user can read. */
  async has(sha256: string): Promise<boolean> {
    const response = await this.send(blobUrlFor(sha256), 'HEAD');
    if (response.status === 404) return false;
    if (!response.ok) throw await errorFromResponse(response);
    return true;
  }

  /** The bytes, or null when the server does not have them (yet). */
  async download(sha256: string): Promise<Uint8Array | null> {
    const response = await this.send(blobUrlFor(sha256), 'GET');
    if (response.status === 404) return null;
    if (!response.ok) throw await errorFromResponse(response);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Sends with the access token; on 401 renews it once and tries again. */
  private async send(path: string, method: 'HEAD' | 'GET', retried = false): Promise<Response> {
    this.version.check();
    let response: Response;
    try {
      const token = await this.tokens.token();
      response = await fetch(`${this.serverUrl}${path}`, { method, headers: { ...this.version.headers(), authorization: `Bearer ${token}` } });
    } catch (error) {
      if (error instanceof SyncHttpError) throw error;
      throw new SyncHttpError('network', 0, 'network');
    }
    if (response.status === 426) {
      const error = await errorFromResponse(response);
      this.version.noteFailure(error);
      throw error;
    }
    if (response.status === 401 && !retried) {
      this.tokens.invalidate();
      return this.send(path, method, true);
    }
    return response;
  }
}

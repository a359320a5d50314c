/**
 * The relay's line to the central server (its "upstream"): every request the relay makes goes
 * through here, so one place knows whether the county is reachable now and says so to the laptops'
 * sync indicator and to the relay's own health answer. A request that cannot reach the central
 * server (refused connection, a timeout, a gateway's 502–504 or the server's 503) throws
 * `UpstreamUnreachable`; any other answer, 4xx included, is returned for the caller to read.
 */
export class UpstreamUnreachable extends Error {
  constructor(override readonly cause: unknown) {
    super('upstream unreachable');
  }
}

export interface UpstreamStatus {
  reachable: boolean;
  /** When the central server last answered anything (ms since epoch), null before it ever did. */
  lastContactAt: number | null;
}

const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

export class UpstreamLink {
  private status: UpstreamStatus = { reachable: false, lastContactAt: null };

  constructor(
    /** The central server's address, e.g. `https://jiuzhu.county.example` (no trailing slash). */
    readonly url: string,
    private readonly timeoutMs = 15_000,
  ) {}

  current(): UpstreamStatus {
    return { ...this.status };
  }

  /** Sends one request to the central server; `path` starts with `/api/`. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, { ...init, signal: init.signal ?? AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      this.status = { ...this.status, reachable: false };
      throw new UpstreamUnreachable(error);
    }
    if (UNREACHABLE_STATUSES.has(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      this.status = { ...this.status, reachable: false };
      throw new UpstreamUnreachable(new Error(`status ${response.status}`));
    }
    this.status = { reachable: true, lastContactAt: Date.now() };
    return response;
  }
}

import type { CollectionName, SyncedCollection } from '../../../../shared/sync/collections';
import type { PullResponse, PushResponse, PushRow, SyncCheckpoint } from '../../../../shared/sync/wire';
import type { TokenKeeper } from '../auth/tokenKeeper';
import { jsonBody } from './gzip';
import type { z } from 'zod';
import { pullAnswerSchema, pushAnswerSchema } from '../../../../shared/sync/wireSchemas';
import { errorFromResponse, readAnswer, SyncHttpError } from '../httpErrors';
import { AppVersionGate } from '../appVersion';
import { PUSH_SIGNATURE_HEADER, signPush, type PushSigner } from '../../../../shared/sync/pushSignature';

/** Who signs this laptop's pushes: the device's bundle key, with the user and device it names. */
export interface PushSigning extends PushSigner {
  signingKey: string;
}

/** The app's side of the HTTP sync contract (sync-protocol.md); every call carries a fresh token. */
export class SyncClient {
  constructor(
    readonly serverUrl: string,
    private readonly tokens: TokenKeeper,
    /** Told whether each request reached the server, for the online indicator. */
    private readonly onReachability: (reached: boolean) => void,
    /** The app's version on every request, and the server's refusal of it (then nothing is sent). */
    readonly version: AppVersionGate = new AppVersionGate(),
    /**
     * Signs every push (x-jiuzhu-push-signature) so a township relay can carry it up as this
     * device's own batch (issue 17); the central server ignores it. Null for a profile saved
     * before the server sent bundle keys: its pushes go unsigned and a relay cannot forward them.
     */
    private readonly signing: PushSigning | null = null,
  ) {}

  async pull<T>(collection: CollectionName, checkpoint: SyncCheckpoint | null, limit: number): Promise<PullResponse<T>> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    // Each document is checked by RxDB against its collection's schema as it is stored.
    return (await this.request(`/api/v1/sync/${collection}/pull?${query}`, { method: 'GET' }, pullAnswerSchema)) as PullResponse<T>;
  }

  async push<T>(collection: SyncedCollection, rows: PushRow<T>[]): Promise<PushResponse<T>> {
    const { body, headers } = await jsonBody(rows);
    // Signed over the rows as the server will parse them (canonical JSON of the sent JSON), not the
    // bytes: gzip or not, and whatever the key order, the same signature.
    const signature: Record<string, string> = this.signing
      ? { [PUSH_SIGNATURE_HEADER]: await signPush(this.signing.signingKey, this.signing, collection, JSON.parse(JSON.stringify(rows)) as unknown) }
      : {};
    return (await this.request(
      `/api/v1/sync/${collection}/push`,
      { method: 'POST', headers: { ...headers, ...signature }, body },
      pushAnswerSchema,
    )) as PushResponse<T>;
  }

  /** Opens the live stream; the caller reads and closes it. */
  async openStream(collection: SyncedCollection, signal: AbortSignal): Promise<Response> {
    return this.send(`/api/v1/sync/${collection}/stream`, { method: 'GET', signal });
  }

  /** An online-only call (administration, reports): JSON in, an answer checked against its schema out, with the same token handling. */
  async call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    return this.request(
      path,
      { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) },
      schema,
    );
  }

  private async request<S extends z.ZodType>(path: string, init: RequestInit, schema: S): Promise<z.output<S>> {
    return readAnswer(await this.send(path, init), schema);
  }

  /** Sends with the access token; on 401 renews the token once and tries again. */
  private async send(path: string, init: RequestInit, retried = false): Promise<Response> {
    this.version.check();
    let response: Response;
    try {
      const token = await this.tokens.token();
      response = await fetch(`${this.serverUrl}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), ...this.version.headers(), authorization: `Bearer ${token}` },
      });
    } catch (error) {
      if (error instanceof SyncHttpError) {
        // The token's renewal met the refusal of this version.
        this.version.noteFailure(error);
        throw error;
      }
      if ((error as { name?: string }).name === 'AbortError') throw error;
      this.onReachability(false);
      throw new SyncHttpError('network', 0, 'network');
    }
    this.onReachability(true);
    if (!response.ok) {
      const error = await errorFromResponse(response);
      this.version.noteFailure(error);
      if (error.kind === 'unauthorized' && !retried) {
        this.tokens.invalidate();
        return this.send(path, init, true);
      }
      throw error;
    }
    return response;
  }
}

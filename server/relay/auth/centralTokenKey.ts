import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { publicTokenKey } from '../../auth/tokenKeys';
import type { Database } from '../../db/database';
import type { UpstreamLink } from '../upstreamLink';

const STATE_NAME = 'central_token_key';

/** `GET /api/v1/auth/token-key`, kept as is in relay_state. */
const tokenKeyAnswer = z.object({ algorithm: z.literal('Ed25519'), publicKey: z.string().min(1) });

/** A token that does not verify asks the county for its key again, at most this often. */
const REFETCH_AFTER_MS = 60_000;

/**
 * The central server's public token key: what lets the relay check the county's access tokens
 * without holding anything that could make one. Fetched at start and kept in relay_state, so the
 * relay checks them while the county is away too; fetched again when a token does not verify (the
 * county's key was replaced), at most once a minute so a stream of bad tokens does not become a
 * stream of requests to the county.
 */
export class CentralTokenKey {
  private key: KeyObject | null = null;
  private loaded = false;
  private lastFetchAt = -Infinity;

  constructor(
    private readonly db: Database,
    private readonly upstream: UpstreamLink,
  ) {}

  /** The key the relay has (null before it ever reached the county). */
  async current(): Promise<KeyObject | null> {
    if (!this.loaded) {
      const rows = await this.db.query<{ value: unknown }>('SELECT value FROM relay_state WHERE name = $1', [STATE_NAME]);
      const kept = tokenKeyAnswer.safeParse(rows[0]?.value);
      this.key = kept.success ? publicTokenKey(kept.data.publicKey) : null;
      this.loaded = true;
    }
    return this.key;
  }

  /** Fetches the key from the county and keeps it. Throws UpstreamUnreachable when the county cannot be reached. */
  async refresh(): Promise<void> {
    this.lastFetchAt = Date.now();
    const response = await this.upstream.fetch('/api/v1/auth/token-key');
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`central token key: status ${response.status}`);
    }
    const answer = tokenKeyAnswer.parse(await response.json());
    const key = publicTokenKey(answer.publicKey);
    if (!key) throw new Error('central token key: not an Ed25519 public key');
    await this.db.query(
      'INSERT INTO relay_state (name, value) VALUES ($1, $2::jsonb) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value',
      [STATE_NAME, JSON.stringify(answer)],
    );
    this.key = key;
    this.loaded = true;
  }

  /** Fetches again unless it did so within the last minute; never throws. Returns whether the key may have changed. */
  async refreshIfStale(): Promise<boolean> {
    if (Date.now() - this.lastFetchAt < REFETCH_AFTER_MS) return false;
    try {
      await this.refresh();
      return true;
    } catch {
      return false;
    }
  }
}

import type { FastifyRequest } from 'fastify';
import { verifyAccessToken } from '../auth/accessTokens';
import type { TokenKeys } from '../auth/tokenKeys';
import type { Caller } from '../auth/caller';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http/errors';

const CHANNEL = 'jiuzhu_session_ends';
/** How often every open stream's caller is checked again, in case a notification was missed. */
export const RECHECK_MS = 2_000;

/** Whose sessions end: a deactivated user's (every device) or one revoked device's. */
export interface SessionEnd {
  userId: string;
  deviceId?: string;
}

export interface SessionHolder {
  userId: string;
  deviceId: string;
  /**
   * The device's session epoch its access token carries: signing out or a replayed refresh token
   * moves the device's epoch on and ends the session too. Absent: any epoch (a bundle's author).
   */
  sessionEpoch?: number;
}

interface OpenSession extends SessionHolder {
  end: () => void;
}

interface PendingCheck {
  holder: SessionHolder;
  waiters: { resolve: (active: boolean) => void; reject: (error: unknown) => void }[];
}

const keyOf = (holder: SessionHolder) => JSON.stringify([holder.userId, holder.deviceId, holder.sessionEpoch ?? null]);

/** The session an authenticated request's bearer token belongs to. */
export function sessionOf(request: FastifyRequest, caller: Caller, tokenKeys: TokenKeys): SessionHolder {
  const token = request.headers.authorization?.replace(/^Bearer /, '').trim() ?? '';
  // `authenticate` has just accepted this token; were it somehow unreadable, no epoch matches.
  const epoch = verifyAccessToken(token, tokenKeys.publicKey)?.ses ?? -1;
  return { userId: caller.userId, deviceId: caller.deviceId, sessionEpoch: epoch };
}

/**
 * Which of these sessions may still use the server: the user is active, the device not revoked
 * and its session not ended since (the conditions `authenticate` in `server/auth/caller.ts`
 * checks on every request). Returns their keys.
 */
async function activeHolders(db: Queryable, holders: SessionHolder[]): Promise<Set<string>> {
  if (holders.length === 0) return new Set();
  const rows = await db.query<{ user_id: string; device_id: string; session_epoch: number | null }>(
    `SELECT c.user_id, c.device_id, c.session_epoch
       FROM unnest($1::text[], $2::text[], $3::int[]) AS c(user_id, device_id, session_epoch)
       JOIN users u ON u.id = c.user_id
       JOIN devices d ON d.user_id = c.user_id AND d.device_id = c.device_id
      WHERE u.active AND d.revoked_at IS NULL AND (c.session_epoch IS NULL OR d.session_epoch = c.session_epoch)`,
    [holders.map((h) => h.userId), holders.map((h) => h.deviceId), holders.map((h) => h.sessionEpoch ?? null)],
  );
  return new Set(rows.map((row) => keyOf({ userId: row.user_id, deviceId: row.device_id, sessionEpoch: row.session_epoch ?? undefined })));
}

/** The answer every later request of a revoked device or deactivated user gets (as `authenticate`'s). */
export const sessionEndedError = () =>
  new HttpError(401, 'device_revoked', '此电脑或账号已被停用，请联系乡镇或县民政管理员');

/**
 * The long-lived answers (live streams) of this server process, per user and device, and the
 * way a revocation reaches them. An administrator's revoke or deactivate, after its transaction
 * committed, `announce`s on a PostgreSQL channel of its own, so every process ends the streams
 * of that user (or that device) at once. As a second line, each open stream's caller is checked
 * against the database every `RECHECK_MS` (one query for all of them) and before each page goes
 * out, so a lost notification still ends a stream within a few seconds.
 */
export class LiveSessions {
  private readonly open = new Set<OpenSession>();
  private pending = new Map<string, PendingCheck>();
  private flushScheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private stopListening: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Database,
    private readonly recheckMs = RECHECK_MS,
  ) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(CHANNEL, (payload) => this.onAnnounced(payload));
    this.timer = setInterval(() => void this.recheck(), this.recheckMs);
    this.timer.unref();
  }

  /** Tells every server process to end these sessions' streams. Call after the transaction committed. */
  async announce(end: SessionEnd): Promise<void> {
    const payload: SessionEnd = end.deviceId === undefined ? { userId: end.userId } : { userId: end.userId, deviceId: end.deviceId };
    await this.db.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(payload)]);
  }

  /** Keeps `end` to be called when the holder's session ends; returns the way to forget it. */
  register(holder: SessionHolder, end: () => void): () => void {
    const session: OpenSession = { ...holder, end };
    this.open.add(session);
    return () => this.open.delete(session);
  }

  /**
   * Whether the holder may still be served. Checks asked for in the same turn of the event loop
   * (a change wakes every stream of the collection at once) go to the database as one query.
   */
  stillActive(holder: SessionHolder): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const key = keyOf(holder);
      const check = this.pending.get(key) ?? { holder, waiters: [] };
      check.waiters.push({ resolve, reject });
      this.pending.set(key, check);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Refuses (401 device_revoked) when any of the holders was stopped since it was let in. */
  async requireActive(...holders: SessionHolder[]): Promise<void> {
    const answers = await Promise.all(holders.map((holder) => this.stillActive(holder)));
    if (answers.includes(false)) throw sessionEndedError();
  }

  /** Ends every stream this process holds (the server is closing) and stops listening. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.stopListening?.();
    this.stopListening = null;
    for (const session of [...this.open]) this.endSession(session);
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      const active = await activeHolders(
        this.db,
        batch.map((check) => check.holder),
      );
      for (const check of batch) for (const waiter of check.waiters) waiter.resolve(active.has(keyOf(check.holder)));
    } catch (error) {
      for (const check of batch) for (const waiter of check.waiters) waiter.reject(error);
    }
  }

  private async recheck(): Promise<void> {
    const holders = new Map<string, SessionHolder>();
    for (const session of this.open) holders.set(keyOf(session), session);
    if (holders.size === 0) return;
    const results = await Promise.all(
      [...holders.entries()].map(async ([key, holder]) => [key, await this.stillActive(holder).catch(() => false)] as const),
    );
    // A check that failed counts as not active: a stream is never kept open on a guess.
    const ended = new Set(results.filter(([, active]) => !active).map(([key]) => key));
    for (const session of [...this.open]) if (ended.has(keyOf(session))) this.endSession(session);
  }

  private onAnnounced(payload: string): void {
    let end: SessionEnd;
    try {
      const parsed = JSON.parse(payload) as Partial<SessionEnd>;
      if (typeof parsed.userId !== 'string') return;
      end = { userId: parsed.userId, ...(typeof parsed.deviceId === 'string' ? { deviceId: parsed.deviceId } : {}) };
    } catch {
      return;
    }
    for (const session of [...this.open]) {
      if (session.userId === end.userId && (end.deviceId === undefined || session.deviceId === end.deviceId)) this.endSession(session);
    }
  }

  private endSession(session: OpenSession): void {
    this.open.delete(session);
    session.end();
  }
}

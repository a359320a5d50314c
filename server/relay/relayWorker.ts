import type { FastifyBaseLogger } from 'fastify';
import type { CollectionName } from '../../shared/sync/collections';
import type { Database } from '../db/database';
import type { ChangeNotifier } from '../storage/changeNotifier';
import { oldestWaiting, pruneAnswered, recordAnswer, type BatchOutcome } from './outbox';
import { keepCountyAnswers } from './countyAnswers';
import { announce, pullUpstream, settle } from './replica';
import { UpstreamUnreachable } from './upstreamLink';
import { RelayAccountRefused, type UpstreamSession } from './upstreamSession';

export interface RelayWorkerDeps {
  db: Database;
  session: UpstreamSession;
  notifier: ChangeNotifier;
  /** Takes the township's accounts as the central server lists them (the relay's sign-in keeps them). */
  takeAccounts(answer: unknown, listedAt: number): Promise<void>;
  /** The county's address as the relay reaches it (for answers that name it). */
  countyUrl: string;
  /** How often a round runs when nothing asks for one (a push asks at once). */
  everyMs: number;
  log: FastifyBaseLogger;
}

/**
 * The relay's one line of work with the central server, a round at a time and never two at once:
 * pull what changed upstream, take the accounts (revocations reach the relay here), forward the
 * waiting batches oldest first — each answer kept before the next batch goes — and, when answers
 * came, pull again and settle the served documents to what the central server holds. One round
 * after another keeps every batch in arrival order and no pull racing a settle. A round that cannot
 * reach the central server stops where it is; the next one carries on from the outbox.
 */
export class RelayWorker {
  private round: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly waiters = new Map<string, ((outcome: BatchOutcome | null) => void)[]>();
  private lastProblem: string | null = null;

  constructor(private readonly deps: RelayWorkerDeps) {}

  /** Runs a round now and then every `everyMs`. */
  async start(): Promise<void> {
    this.kick();
    this.timer = setInterval(() => this.kick(), this.deps.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.round?.catch(() => undefined);
  }

  /** Asks for a round now (a laptop pushed); one running already is followed by one more. */
  kick(): void {
    if (this.stopped) return;
    if (this.round) {
      this.again = true;
      return;
    }
    this.round = this.runRounds().finally(() => {
      this.round = null;
    });
  }

  /** Resolves with the batch's outcome once the central server answered, or null after `ms`. */
  waitFor(batchId: string, ms: number): Promise<BatchOutcome | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.set(batchId, (this.waiters.get(batchId) ?? []).filter((w) => w !== done));
        resolve(null);
      }, ms);
      const done = (outcome: BatchOutcome | null) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      this.waiters.set(batchId, [...(this.waiters.get(batchId) ?? []), done]);
    });
  }

  /** Runs one round and waits for it (tests, and the relay's "sync now"). */
  async runOnce(): Promise<void> {
    while (this.round) await this.round;
    this.kick();
    while (this.round) await this.round;
  }

  private async pullAndSettle(): Promise<void> {
    const { db, session, notifier } = this.deps;
    const changed: CollectionName[] = await pullUpstream(db, session);
    const settled = await settle(db);
    await announce(notifier, [...new Set([...changed, ...settled])]);
  }

  private releaseWaiters(): void {
    const waiting = [...this.waiters.values()].flat();
    this.waiters.clear();
    for (const resolve of waiting) resolve(null);
  }

  private async runRounds(): Promise<void> {
    do {
      this.again = false;
      await this.oneRound();
    } while (this.again && !this.stopped);
  }

  private async oneRound(): Promise<void> {
    const { db, session } = this.deps;
    try {
      // Settled only right after a pull that worked: the served documents then become what the county
      // holds as of now. Never without one (a relay started while the county is away would otherwise
      // withdraw, as never stored, a record the county took just before the relay stopped).
      await this.pullAndSettle();
      const listedAt = Date.now();
      await this.deps.takeAccounts(await session.getJson('/api/v1/relay/accounts'), listedAt);
      await keepCountyAnswers(db, session, this.deps.countyUrl);
      let answered = false;
      for (let batch = await oldestWaiting(db); batch && !this.stopped; batch = await oldestWaiting(db)) {
        const response = await session.fetch('/api/v1/relay/forward', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            batchId: batch.batch_id,
            collection: batch.collection,
            userId: batch.user_id,
            deviceId: batch.device_id,
            rows: batch.rows,
            signature: batch.signature,
          }),
        });
        const outcome = await outcomeOf(batch.batch_id, response);
        await recordAnswer(db, Number(batch.seq), outcome);
        answered = true;
        for (const resolve of this.waiters.get(batch.batch_id) ?? []) resolve(outcome);
        this.waiters.delete(batch.batch_id);
      }
      if (answered) await this.pullAndSettle();
      await pruneAnswered(db);
      this.lastProblem = null;
    } catch (error) {
      // Unreachable: the health answer says so, and the next round tries again. Anything else is
      // logged once per kind (never a document or an account name).
      // The laptops waiting on this round hear "pending" at once rather than after their wait.
      this.releaseWaiters();
      const problem = error instanceof UpstreamUnreachable ? null : error instanceof RelayAccountRefused ? `relay account refused: ${error.status} ${error.code}` : error instanceof Error ? error.name : 'unknown';
      if (problem && problem !== this.lastProblem) this.deps.log.error({ problem }, 'relay round failed');
      this.lastProblem = problem;
    }
  }
}

/** The error code of an answer, read from a copy so the answer's body stays readable. */
async function peekCode(response: Response): Promise<string | null> {
  const body = (await response.clone().json().catch(() => null)) as { error?: { code?: unknown } } | null;
  return typeof body?.error?.code === 'string' ? body.error.code : null;
}

/** The central server's answer to a forward as the laptop's outcome; a server's own trouble is retried, not kept. */
async function outcomeOf(batchId: string, response: Response): Promise<BatchOutcome> {
  if (response.status === 200) {
    const body = (await response.json()) as { conflicts?: BatchOutcome['conflicts'] };
    const conflicts = Array.isArray(body.conflicts) ? body.conflicts : [];
    return { batchId, state: conflicts.length > 0 ? 'conflict' : 'stored', conflicts, error: null };
  }
  // The relay's own account refused (its role changed at the county): no laptop's batch is at fault;
  // they wait while a person puts the account right.
  if (response.status === 403 && (await peekCode(response)) === 'forbidden') throw new RelayAccountRefused(403, 'forbidden');
  if (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 429) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string; details?: unknown } };
    return {
      batchId,
      state: 'refused',
      conflicts: [],
      error: { status: response.status, code: body.error?.code ?? 'refused', message: body.error?.message ?? '县级服务器拒收了这批数据', details: body.error?.details },
    };
  }
  await response.body?.cancel().catch(() => undefined);
  throw new UpstreamUnreachable(new Error(`forward answered ${response.status}`));
}

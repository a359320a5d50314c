import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isSyncedCollection } from '../../shared/sync/collections';
import { PUSH_SIGNATURE_HEADER } from '../../shared/sync/pushSignature';
import { pullAreas } from '../areas/areaDocuments';
import { actor } from '../audit/auditLog';
import type { Database } from '../db/database';
import { BODY_LIMITS } from '../http/bodyLimits';
import { HttpError } from '../http/errors';
import type { ChangeNotifier } from '../storage/changeNotifier';
import { pullChanges, pulledPageJson, pullFiltered } from '../storage/documentStore';
import { referenceVisibility } from '../sync/referenceVisibility';
import { serveStream } from '../sync/stream';
import { validatePushBody } from '../sync/validateDocuments';
import { collectionParam, parseCheckpoint, pullQuery, syncedParam } from '../sync/syncParams';
import type { RelayOutcomesAnswer, RelayPendingAnswer } from '../../shared/wire/relayStatus';
import type { RelayCaller } from './auth/relayCaller';
import { outcomesOf, takeBatch, waitingInScope } from './outbox';
import { announce } from './replica';
import type { RelayStreamSessions } from './relayStreamSessions';
import type { RelayWorker } from './relayWorker';

const outcomesQuery = z.object({ batch: z.union([z.string().max(80), z.array(z.string().max(80)).max(200)]) });

export interface RelayRouteDeps {
  db: Database;
  /** Who is asking, from the relay's copy of the township's accounts (server/relay/auth/). */
  authenticate(request: FastifyRequest): Promise<RelayCaller>;
  notifier: ChangeNotifier;
  sessions: RelayStreamSessions;
  worker: RelayWorker;
  /** How long a push waits for the central server's answer before it is answered "pending". */
  answerWaitMs: number;
}

/**
 * The sync contract (sync-protocol.md) served from the relay's replica, so a village laptop syncs
 * with the station exactly as with the central server: pull and stream within the caller's scope;
 * push into the outbox. A push is answered with the central server's own answer when it comes
 * within `answerWaitMs`, otherwise `{"conflicts":[],"relay":{"batchId","state":"pending"}}` and the
 * laptop asks `GET /api/v1/relay/outcomes` later. Plus what waits at the relay, per village.
 */
export function registerRelayRoutes(app: FastifyInstance, deps: RelayRouteDeps): void {
  const { db, authenticate, notifier, sessions, worker } = deps;

  app.get('/api/v1/sync/:collection/pull', async (request, reply) => {
    const caller = await authenticate(request);
    const name = collectionParam(request.params);
    const query = pullQuery.safeParse(request.query);
    if (!query.success) throw new HttpError(400, 'bad_request', 'limit 参数无效', { field: 'limit' });
    const checkpoint = parseCheckpoint(query.data.checkpoint);
    if (isSyncedCollection(name)) {
      const page = await pullChanges(db, name, caller.scope, checkpoint, query.data.limit, { actor: actor(caller), via: 'pull' }, { withTotal: checkpoint === null });
      return reply.type('application/json; charset=utf-8').send(pulledPageJson(page, page.total));
    }
    if (name === 'areas') return pullAreas(caller.scope, checkpoint, query.data.limit);
    return pullFiltered(db, name, referenceVisibility(name, caller.scope), checkpoint, query.data.limit);
  });

  app.post('/api/v1/sync/:collection/push', { bodyLimit: BODY_LIMITS.push }, async (request) => {
    const caller = await authenticate(request);
    const collection = syncedParam(request.params);
    if (caller.role === 'relay') throw new HttpError(403, 'forbidden', '乡镇中转站只能转交村里上报的数据，不能自己修改');
    const signature = request.headers[PUSH_SIGNATURE_HEADER];
    if (typeof signature !== 'string' || signature.length === 0 || signature.length > 200) {
      throw new HttpError(400, 'signature_missing', '这台电脑上的救助通版本太旧，不能经乡镇中转站同步，请先更新', { field: PUSH_SIGNATURE_HEADER });
    }
    // The shape and the scope are checked here too, so the station never serves a malformed or
    // foreign version as pending; what the caller may change is for the central server to say.
    const incoming = validatePushBody(collection, request.body, caller.scope);
    const { batchId } = await takeBatch(db, { collection, author: caller, rows: request.body as unknown[], incoming, signature });
    await announce(notifier, [collection]);
    const answered = worker.waitFor(batchId, deps.answerWaitMs);
    worker.kick();
    const outcome = (await answered) ?? (await outcomesOf(db, caller, [batchId]))[0];
    // A refusal goes back through the batch's outcome, never as this answer's error: a refused push
    // answered with an error would be sent again and again, each time a new batch (the laptop keeps
    // the refused rows in a record to check when it reads the outcome).
    if (!outcome || outcome.state === 'pending' || outcome.state === 'refused') return { conflicts: [], relay: { batchId, state: 'pending' } };
    return { conflicts: outcome.conflicts };
  });

  app.get('/api/v1/sync/:collection/stream', async (request, reply) => {
    const caller = await authenticate(request);
    const collection = syncedParam(request.params);
    await serveStream(request, reply, {
      db,
      notifier,
      sessions,
      holder: { userId: caller.userId, deviceId: caller.deviceId, sessionEpoch: caller.sessionEpoch },
      collection,
      scope: caller.scope,
      viewer: { actor: actor(caller), via: 'stream' },
    });
  });

  app.get('/api/v1/relay/pending', async (request): Promise<RelayPendingAnswer> => {
    const caller = await authenticate(request);
    return waitingInScope(db, caller.scope);
  });

  app.get('/api/v1/relay/outcomes', async (request): Promise<RelayOutcomesAnswer> => {
    const caller = await authenticate(request);
    const query = outcomesQuery.safeParse(request.query);
    if (!query.success) throw new HttpError(400, 'bad_request', 'batch 参数无效', { field: 'batch' });
    const ids = Array.isArray(query.data.batch) ? query.data.batch : [query.data.batch];
    return { outcomes: await outcomesOf(db, caller, ids) };
  });
}

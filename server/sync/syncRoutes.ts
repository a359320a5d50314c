import type { FastifyInstance } from 'fastify';
import { isSyncedCollection } from '../../shared/sync/collections';
import { roleTerms } from '../../shared/vocabulary/roles';
import { pullAreas } from '../areas/areaDocuments';
import { actor, recordAudit } from '../audit/auditLog';
import { viewAuditEntry, viewedDocumentIds, type ViewChannel } from '../audit/viewAudit';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate, requirePerson, type Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { BODY_LIMITS } from '../http/bodyLimits';
import { HttpError } from '../http/errors';
import type { ChangeNotifier } from '../storage/changeNotifier';
import { sessionOf, type LiveSessions } from './liveSessions';
import { pullChanges, pulledPageJson, pullFiltered } from '../storage/documentStore';
import { referenceVisibility } from './referenceVisibility';
import { serveStream } from './stream';
import { collectionParam, parseCheckpoint, pullQuery, syncedParam } from './syncParams';
import { storePush } from './storePush';

export function registerSyncRoutes(
  app: FastifyInstance,
  deps: { db: Database; tokenKeys: TokenKeys; notifier: ChangeNotifier; sessions: LiveSessions; searchKeyRoot: string },
) {
  const { db, tokenKeys, notifier, sessions, searchKeyRoot } = deps;

  // One 'view' entry per answer that carries documents (a pull page here; a stream event and a
  // push's conflicts have theirs), naming the documents by id so an audit query by id finds who saw it.
  const auditView = async (caller: Caller, collection: string, documentIds: string[], via: ViewChannel) => {
    if (documentIds.length > 0) await recordAudit(db, [viewAuditEntry(caller, collection, documentIds, via)]);
  };

  app.get('/api/v1/sync/:collection/pull', async (request, reply) => {
    const caller = await authenticate(request, db, tokenKeys);
    const name = collectionParam(request.params);
    const query = pullQuery.safeParse(request.query);
    if (!query.success) throw new HttpError(400, 'bad_request', 'limit 参数无效', { field: 'limit' });
    const checkpoint = parseCheckpoint(query.data.checkpoint);
    if (isSyncedCollection(name)) {
      // Records go out as the database's own JSON text: no parse and re-serialise per document.
      // A pull from the start says how much there is in all, so a first sync can show what is left.
      const page = await pullChanges(db, name, caller.scope, checkpoint, query.data.limit, { actor: actor(caller), via: 'pull' }, { withTotal: checkpoint === null });
      app.metrics.sent(name, 'pull', page.ids.length);
      return reply.type('application/json; charset=utf-8').send(pulledPageJson(page, page.total));
    }
    const page =
      name === 'areas'
        ? pullAreas(caller.scope, checkpoint, query.data.limit)
        : await pullFiltered(db, name, referenceVisibility(name, caller.scope), checkpoint, query.data.limit);
    await auditView(caller, name, viewedDocumentIds(page.documents), 'pull');
    app.metrics.sent(name, 'pull', page.documents.length);
    return page;
  });

  app.post('/api/v1/sync/:collection/push', { bodyLimit: BODY_LIMITS.push }, async (request) => {
    const caller = await authenticate(request, db, tokenKeys);
    // A relay carries its villages' own signed batches (POST /relay/forward); it writes nothing itself.
    requirePerson(caller, `${roleTerms.relay.zh}只能转交村里上报的数据，不能自己修改`);
    const collection = syncedParam(request.params);
    return storePush({ db, notifier, searchKeyRoot, metrics: app.metrics }, collection, request.body, { author: caller, receiver: caller });
  });

  app.get('/api/v1/sync/:collection/stream', async (request, reply) => {
    const caller = await authenticate(request, db, tokenKeys);
    const collection = syncedParam(request.params);
    await serveStream(request, reply, {
      db,
      notifier,
      sessions,
      holder: sessionOf(request, caller, tokenKeys),
      collection,
      scope: caller.scope,
      viewer: { actor: actor(caller), via: 'stream' },
      metrics: app.metrics,
    });
  });
}

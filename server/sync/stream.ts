import type { ServerMetrics } from '../metrics/serverMetrics';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SyncedCollection } from '../../shared/sync/collections';
import type { SyncCheckpoint } from '../../shared/sync/wire';
import type { Database } from '../db/database';
import type { ChangeNotifier } from '../storage/changeNotifier';
import { latestSeq, pullChanges, pulledPageJson, type PageViewer } from '../storage/documentStore';
import type { LiveSessions, SessionHolder } from './liveSessions';

const HEARTBEAT_MS = 20_000;
const PAGE = 200;

/**
 * Serves `GET /sync/C/stream` as server-sent events: "RESYNC" at once (the client pulls what it
 * missed), then the in-scope changes that commit while the stream is open. The stream ends (a
 * clean end of the answer: the app reconnects and is told it was stopped) as soon as its device
 * is revoked or its user deactivated, on whichever process that was done (`LiveSessions`), and
 * no page goes out without its caller checked again first.
 */
export async function serveStream(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: {
    db: Database;
    notifier: ChangeNotifier;
    /** The server's open sessions (`LiveSessions`; a relay's own, from its copy of the accounts). */
    sessions: Pick<LiveSessions, 'register' | 'stillActive'>;
    /** Whose stream this is: it ends when that user or device is stopped. */
    holder: SessionHolder;
    collection: SyncedCollection;
    scope: string;
    /** Who is shown each page: its audit entry is written with the read, before it goes out. */
    viewer?: PageViewer;
    /** Open streams and the documents they send (`/metrics`). */
    metrics?: Pick<ServerMetrics, 'streamOpened' | 'streamClosed' | 'sent'>;
  },
): Promise<void> {
  const { db, notifier, sessions, holder, collection, scope, viewer, metrics } = deps;
  let checkpoint: SyncCheckpoint = { seq: await latestSeq(db, collection) };
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  // One line per event: JSON text (PostgreSQL's included) escapes every newline inside strings.
  const send = (json: string) => raw.write(`data: ${json}\n\n`);
  send(JSON.stringify('RESYNC'));

  let running: Promise<void> = Promise.resolve();
  let closed = false;
  let forget = () => {};
  let unsubscribe = () => {};
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  metrics?.streamOpened();
  const cleanUp = () => {
    if (closed) return;
    closed = true;
    metrics?.streamClosed();
    clearInterval(heartbeat);
    unsubscribe();
    forget();
  };
  const end = () => {
    const wasOpen = !closed;
    cleanUp();
    if (wasOpen) raw.end();
  };
  forget = sessions.register(holder, end);

  const forward = async () => {
    for (;;) {
      // A revocation whose notification has not arrived (or never will) must not let a page through.
      if (!(await sessions.stillActive(holder))) return end();
      if (closed) return;
      const page = await pullChanges(db, collection, scope, checkpoint, PAGE, viewer);
      if (closed || page.ids.length === 0 || !page.checkpoint) return;
      checkpoint = page.checkpoint;
      send(pulledPageJson(page));
      metrics?.sent(collection, 'stream', page.ids.length);
      if (page.ids.length < PAGE) return;
    }
  };
  unsubscribe = notifier.subscribe((changed) => {
    if (changed !== collection || closed) return;
    // One forward at a time per connection keeps events in checkpoint order.
    running = running.then(forward).catch(() => {
      if (!closed) {
        cleanUp();
        raw.destroy();
      }
    });
  });
  request.raw.on('close', cleanUp);
  raw.on('close', cleanUp);
}

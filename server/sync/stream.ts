import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SyncedCollection } from '../../shared/sync/collections';
import type { SyncCheckpoint } from '../../shared/sync/wire';
import { viewedDocumentIds } from '../audit/viewAudit';
import type { Database } from '../db/database';
import type { ChangeNotifier } from './changeNotifier';
import { latestSeq, pullChanges } from './documentStore';

const HEARTBEAT_MS = 20_000;
const PAGE = 200;

/**
 * Serves `GET /sync/C/stream` as server-sent events: "RESYNC" at once (the client pulls what it
 * missed), then the in-scope changes that commit while the stream is open.
 */
export async function serveStream(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: {
    db: Database;
    notifier: ChangeNotifier;
    collection: SyncedCollection;
    scope: string;
    /** Called before each page of documents goes out (the audit, with the page's ids); a failure ends the stream. */
    onDelivered?: (count: number, documentIds: string[]) => Promise<void>;
  },
): Promise<void> {
  const { db, notifier, collection, scope, onDelivered } = deps;
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
  const send = (data: unknown) => raw.write(`data: ${JSON.stringify(data)}\n\n`);
  send('RESYNC');

  let running: Promise<void> = Promise.resolve();
  let closed = false;
  const forward = async () => {
    for (;;) {
      const page = await pullChanges(db, collection, scope, checkpoint, PAGE);
      if (closed || page.documents.length === 0 || !page.checkpoint) return;
      checkpoint = page.checkpoint;
      await onDelivered?.(page.documents.length, viewedDocumentIds(page.documents));
      if (closed) return;
      send(page);
      if (page.documents.length < PAGE) return;
    }
  };
  const unsubscribe = notifier.subscribe((changed) => {
    if (changed !== collection || closed) return;
    // One forward at a time per connection keeps events in checkpoint order.
    running = running.then(forward).catch(() => {
      if (!closed) raw.destroy();
    });
  });
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  request.raw.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  });
}

import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import type { RelayOutcome, RelayPendingAnswer } from '../../shared/wire/relayStatus';

/**
 * A TEST DOUBLE of the township relay (issue 17), answering the app per the relay contract
 * (/tmp/s10/relay-contract.md, part C) — only until the lead's real relay (server/relay/) and its
 * integration test replace it. Everything but the relay's own answers is passed through to a real
 * central server: sign-in, pull, stream. A push is kept (`pending`) with its rows and signature;
 * `forward` carries it up the way the relay will — here as a plain push with the author's token,
 * the central server's forward route not being on this branch — and keeps the county's answer as
 * the batch's outcome (stored, conflict with the masters, or refused with the error body).
 */
export interface KeptBatch {
  collection: string;
  rows: unknown[];
  signature: string | undefined;
  authorization: string;
  outcome: RelayOutcome;
}

export interface RelayDouble {
  url: string;
  name: string;
  /** What /health says of the uplink. */
  upstreamReachable: boolean;
  /** What /relay/pending answers. */
  pending: RelayPendingAnswer;
  /** A sign-in made while the county is away: the central answer without its keys. */
  withoutKeys: boolean;
  batches: Map<string, KeptBatch>;
  forward(batchId: string): Promise<RelayOutcome>;
  close(): Promise<void>;
}

const PASSED_HEADERS = ['authorization', 'content-type', 'accept', 'last-event-id'];
const KEYS = ['searchKeys', 'bundleKey', 'bundlePublicKey', 'deviceDataKey', 'idleMinutes'];

export async function startRelayDouble(upstream: string): Promise<RelayDouble> {
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  let next = 1;
  const double: RelayDouble = {
    url: '',
    name: '碣石山镇中转站',
    upstreamReachable: false,
    pending: { documents: [], villages: [] },
    withoutKeys: false,
    batches: new Map(),
    async forward(batchId) {
      const batch = double.batches.get(batchId)!;
      const response = await fetch(`${upstream}/api/v1/sync/${batch.collection}/push`, {
        method: 'POST',
        headers: { authorization: batch.authorization, 'content-type': 'application/json' },
        body: JSON.stringify(batch.rows),
      });
      const body = (await response.json()) as { conflicts?: unknown[]; error?: RelayOutcome['error'] };
      batch.outcome = response.ok
        ? { batchId, state: body.conflicts!.length > 0 ? 'conflict' : 'stored', conflicts: body.conflicts as never, error: null }
        : { batchId, state: 'refused', conflicts: [], error: body.error ?? null };
      return batch.outcome;
    },
    close: async () => {
      app.server.closeAllConnections();
      await app.close();
    },
  };

  app.get('/api/v1/health', async () => ({
    status: 'ok',
    mode: 'relay',
    name: double.name,
    upstream: { reachable: double.upstreamReachable, lastContactAt: double.upstreamReachable ? Date.now() : null },
  }));
  app.get('/api/v1/relay/pending', async () => double.pending);
  app.get('/api/v1/relay/outcomes', async (request) => {
    const asked = (request.query as { batch?: string | string[] }).batch ?? [];
    const ids = Array.isArray(asked) ? asked : [asked];
    return { outcomes: ids.flatMap((id) => (double.batches.has(id) ? [double.batches.get(id)!.outcome] : [])) };
  });
  app.post('/api/v1/sync/:collection/push', async (request) => {
    const raw = request.body as Buffer;
    const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    const batchId = `batch-${next++}`;
    double.batches.set(batchId, {
      collection: (request.params as { collection: string }).collection,
      rows: JSON.parse(text) as unknown[],
      signature: request.headers['x-jiuzhu-push-signature'] as string | undefined,
      authorization: request.headers.authorization ?? '',
      outcome: { batchId, state: 'pending', conflicts: [], error: null },
    });
    return { conflicts: [], relay: { batchId, state: 'pending' } };
  });

  // Everything else: the central server's own answer.
  app.all('/*', async (request, reply) => {
    const headers: Record<string, string> = {};
    for (const name of PASSED_HEADERS) if (typeof request.headers[name] === 'string') headers[name] = request.headers[name] as string;
    for (const [name, value] of Object.entries(request.headers)) if (name.startsWith('x-jiuzhu') && typeof value === 'string') headers[name] = value;
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && Buffer.isBuffer(request.body);
    const response = await fetch(`${upstream}${request.url}`, { method: request.method, headers, ...(hasBody ? { body: new Uint8Array(request.body as Buffer) } : {}) });
    reply.code(response.status);
    const type = response.headers.get('content-type');
    if (type) reply.header('content-type', type);
    if (type?.includes('text/event-stream') && response.body) return reply.send(Readable.fromWeb(response.body as never));
    if (double.withoutKeys && request.url === '/api/v1/auth/login' && response.ok) {
      const answer = (await response.json()) as Record<string, unknown>;
      for (const key of KEYS) delete answer[key];
      return answer;
    }
    return reply.send(Buffer.from(await response.arrayBuffer()));
  });

  double.url = await app.listen({ port: 0, host: '127.0.0.1' });
  return double;
}

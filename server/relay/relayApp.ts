import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findArea } from '../../shared/areas';
import { ensureAuditMonths, keepAuditMonthsAhead } from '../audit/auditMonths';
import type { Database } from '../db/database';
import { createWebServer, registerBrowserAccess, serveWebApp } from '../webServer';
import type { LoggerSetting } from '../http/logging';
import { registerReadiness } from '../http/readiness';
import { ChangeNotifier } from '../storage/changeNotifier';
import { SERVER_VERSION } from '../version';
import type { RelayCaller } from './auth/relayCaller';
import { registerCountyAnswers } from './countyAnswers';
import { registerCountyPassThrough } from './countyPassThrough';
import { registerRelayRoutes } from './relayRoutes';
import { RelayStreamSessions } from './relayStreamSessions';
import { RelayWorker } from './relayWorker';
import type { UpstreamLink } from './upstreamLink';
import type { UpstreamSession } from './upstreamSession';

/** The relay's sign-in (server/relay/auth/): its routes, who is asking, and the accounts it keeps. */
export interface RelaySignIn {
  register(app: FastifyInstance): void;
  authenticate(request: FastifyRequest): Promise<RelayCaller>;
  /** Takes the central server's accounts answer (GET /api/v1/relay/accounts), checked; `listedAt`: when it was asked for. */
  takeAccounts(answer: unknown, listedAt: number): Promise<void>;
}

export interface RelayOptions {
  db: Database;
  /** The township this station serves, 9 digits. */
  township: string;
  link: UpstreamLink;
  session: UpstreamSession;
  signIn: RelaySignIn;
  staticDir?: string | null;
  corsOrigins?: string[];
  logger?: LoggerSetting;
  /** How often the relay pulls from the central server when no laptop pushes (default 10 s). */
  roundEveryMs?: number;
  /** How long a laptop's push waits for the central server's answer before "pending" (default 8 s). */
  answerWaitMs?: number;
}

export interface Relay {
  app: FastifyInstance;
  worker: RelayWorker;
}

/**
 * A township station's server (`npm run server -- relay …`, issue 17): the same program as the
 * central server, serving the sync contract to its villages' laptops from a replica of the township
 * and carrying their device-signed batches up. It decides nothing: no write policy runs here to
 * store anything as accepted, no token it issues is accepted by the central server.
 */
export async function buildRelay(options: RelayOptions): Promise<Relay> {
  const { db, link } = options;
  const area = findArea(options.township);
  if (area?.level !== 'township') throw new Error(`--area ${options.township}: 不是滨州市的乡镇区划代码 (not a township of Binzhou)`);
  const app = createWebServer({ logger: options.logger, hsts: false });
  await ensureAuditMonths(db);
  const stopAuditMonths = keepAuditMonthsAhead(db, (error) => app.log.error({ name: error instanceof Error ? error.name : 'unknown' }, 'audit log months ahead not made'));
  app.addHook('onClose', async () => stopAuditMonths());
  const notifier = new ChangeNotifier(db);
  await notifier.start();
  app.addHook('onClose', async () => notifier.stop());
  const sessions = new RelayStreamSessions(db);
  const worker = new RelayWorker({
    db,
    session: options.session,
    notifier,
    takeAccounts: async (answer, listedAt) => {
      await options.signIn.takeAccounts(answer, listedAt);
      await sessions.recheck();
    },
    countyUrl: link.url,
    everyMs: options.roundEveryMs ?? 10_000,
    log: app.log,
  });
  app.addHook('preClose', async () => worker.stop());

  await registerBrowserAccess(app, options.corsOrigins);

  const name = `${area.name}中转站`;
  app.get('/api/v1/health', async () => {
    const waiting = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM relay_outbox WHERE state = 'waiting'");
    return { status: 'ok', db: db.kind, version: SERVER_VERSION, mode: 'relay', area: options.township, name, upstream: link.current(), waitingBatches: waiting[0]?.n ?? 0 };
  });
  registerReadiness(app, db);
  options.signIn.register(app);
  registerRelayRoutes(app, {
    db,
    authenticate: (request) => options.signIn.authenticate(request),
    notifier,
    sessions,
    worker,
    answerWaitMs: options.answerWaitMs ?? 8_000,
  });
  registerCountyAnswers(app, { db, authenticate: (request) => options.signIn.authenticate(request) });
  registerCountyPassThrough(app, link);

  await serveWebApp(app, options.staticDir, ['/api/']);
  return { app, worker };
}

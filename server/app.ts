import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './admin/adminRoutes';
import { registerAccountImportRoutes } from './admin/accountImportRoutes';
import { loadBundleKeys } from './bundles/bundleKeys';
import { registerBundleRoutes } from './bundles/bundleRoutes';
import { registerFileRoutes } from './files/fileRoutes';
import type { FileStorage } from './files/fileStorage';
import { diskStorage } from './files/diskStorage';
import { registerAuditRoutes } from './audit/auditRoutes';
import { ensureAuditMonths, keepAuditMonthsAhead } from './audit/auditMonths';
import { registerAuthRoutes } from './signin/authRoutes';
import { loadRefreshChildSecret, loadSearchKeyRoot, loadTokenSecret } from './auth/secrets';
import { loadTokenKeys } from './auth/tokenKeys';
import { readTrustProxy, type TrustProxySetting } from './config';
import type { Database } from './db/database';
import { createWebServer, registerBrowserAccess, serveWebApp } from './webServer';
import type { LoggerSetting } from './http/logging';
import { registerReadiness } from './http/readiness';
import { registerMetricsRoute } from './metrics/metricsRoute';
import { ensureReferenceData } from './reference/seedReference';
import { registerPolicyRoutes } from './reference/policyRoutes';
import { registerCalendarRoutes } from './reference/calendarRoutes';
import { applyStoredReference, followReferenceImports } from './reference/referenceStore';
import { rehashRetiredKeys } from './search/searchKeys';
import { ChangeNotifier } from './storage/changeNotifier';
import { LiveSessions } from './sync/liveSessions';
import { registerSyncRoutes } from './sync/syncRoutes';
import { registerStatsRoutes } from './stats/statsRoutes';
import { registerReportRoutes } from './reports/endOfDayRoutes';
import { registerCountySettingsRoutes } from './settings/countySettingsRoutes';
import { readStatusCheckSettings, type StatusCheckSettings } from './statusCheck/statusCheckSettings';
import { registerStatusCheckRoutes } from './statusCheck/statusCheckRoutes';
import { registerRelayAccountsRoute } from './relayService/accountsRoute';
import { registerRelayForwardRoute } from './relayService/forwardRoute';
import { SERVER_VERSION } from './version';
import { readMinAppVersion, registerAppVersionGate } from './http/appVersionGate';
import { readUpdatesDir, registerUpdateRoutes } from './updates/updateRoutes';

export interface ServerOptions {
  db: Database;
  /** Built renderer to serve at `/`, so a browser pointed at the server gets the app. */
  staticDir?: string | null;
  /** Extra origins allowed to call the API (the app's own `app://jiuzhu` is always allowed). */
  corsOrigins?: string[];
  /** Whether to send Strict-Transport-Security (`JIUZHU_HSTS=1`). */
  hsts?: boolean;
  /** Fastify logger settings; whatever is given, the serializers that keep personal data out are imposed. */
  logger?: LoggerSetting;
  /** Where attachments are kept (`openFileStorage`); absent, a temporary folder removed on close (tests). */
  files?: FileStorage;
  /**
   * Reverse proxies whose `X-Forwarded-For` gives the client's address (for the sign-in limits);
   * absent, read from `JIUZHU_TRUST_PROXY` (`readTrustProxy`), and without that none is trusted.
   */
  trustProxy?: TrustProxySetting;
  /** How often open streams' callers are checked again (`LiveSessions`); tests lengthen it to see the notice alone at work. */
  sessionRecheckMs?: number;
  /** Bearer token a Prometheus scraper sends to `/metrics`; absent, read from `JIUZHU_METRICS_TOKEN`, and without that only loopback may scrape. */
  metricsToken?: string;
  /** 码上查's public address, expiry, lock and limits; absent, read from the environment (`readStatusCheckSettings`). */
  statusCheck?: StatusCheckSettings;
  /** The oldest app version accepted (`426 app_too_old` below it); absent, read from `JIUZHU_MIN_APP_VERSION`, and without that any. */
  minAppVersion?: string | null;
  /** electron-builder's output served at `/updates/`; absent, read from `JIUZHU_UPDATES_DIR`, and without that none. */
  updatesDir?: string | null;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const app = createWebServer({ logger: options.logger, hsts: options.hsts ?? false, trustProxy: options.trustProxy ?? readTrustProxy(process.env) });
  const tokenKeys = await loadTokenKeys(db);
  // No longer signs tokens (Ed25519 does, tokenKeys.ts): kept to hash 码上查's client addresses.
  const addressSecret = await loadTokenSecret(db);
  const searchKeyRoot = await loadSearchKeyRoot(db);
  const refreshChild = await loadRefreshChildSecret(db);
  const bundleKeys = await loadBundleKeys(db);
  await ensureReferenceData(db);
  // The audit log's current and coming months exist before the first write, and keep existing while it runs.
  await ensureAuditMonths(db);
  const stopAuditMonths = keepAuditMonthsAhead(db, (error) => app.log.error({ name: error instanceof Error ? error.name : 'unknown' }, 'audit log months ahead not made'));
  app.addHook('onClose', async () => stopAuditMonths());
  await applyStoredReference(db);
  // Once, after migration 7: hashes made with the retired deployment-wide key are made again per township.
  const rehashed = await rehashRetiredKeys(db, searchKeyRoot);
  if (rehashed.length > 0) app.log.info({ townships: rehashed.length, households: rehashed.reduce((n, r) => n + r.households, 0) }, 'ID-number hashes re-computed under per-township keys');
  const notifier = new ChangeNotifier(db);
  await notifier.start();
  app.addHook('onClose', async () => notifier.stop());
  followReferenceImports(notifier, db, (error) => app.log.error({ name: error instanceof Error ? error.name : 'unknown' }, 'imported reference data not taken'));
  // Open streams end when their device is revoked or their user deactivated, on every process;
  // all of them end before the server closes (it would otherwise wait for them).
  const sessions = new LiveSessions(db, options.sessionRecheckMs);
  await sessions.start();
  app.addHook('preClose', async () => sessions.stop());

  const originAllowed = await registerBrowserAccess(app, options.corsOrigins);

  // After CORS, so that the app can read the refusal of an old version.
  const minAppVersion = options.minAppVersion !== undefined ? options.minAppVersion : readMinAppVersion(process.env);
  registerAppVersionGate(app, minAppVersion);
  // The public half of the token key: a township relay checks the central server's tokens with it.
  app.get('/api/v1/auth/token-key', async () => ({ algorithm: 'Ed25519', publicKey: tokenKeys.publicKeyPem }));
  app.get('/api/v1/health', async () => ({ status: 'ok', db: db.kind, version: SERVER_VERSION, minAppVersion }));
  await registerUpdateRoutes(app, options.updatesDir !== undefined ? options.updatesDir : readUpdatesDir(process.env));
  registerReadiness(app, db);
  registerMetricsRoute(app, options.metricsToken ?? (process.env['JIUZHU_METRICS_TOKEN'] || undefined));
  registerAuthRoutes(
    app,
    db,
    { tokenKeys, deviceKey: bundleKeys.deviceSecret, refreshChild, searchKeyRoot, bundlePublicKey: bundleKeys.publicKey },
    // Sign-out and a replayed refresh token end the device's open streams at once, on every process.
    { sessionEnded: (end) => sessions.announce(end) },
  );
  registerSyncRoutes(app, { db, tokenKeys, notifier, sessions, searchKeyRoot });
  registerAuditRoutes(app, { db, tokenKeys });
  registerAdminRoutes(app, { db, tokenKeys, sessions });
  registerAccountImportRoutes(app, { db, tokenKeys });
  registerPolicyRoutes(app, { db, tokenKeys });
  registerCalendarRoutes(app, { db, tokenKeys });
  registerStatsRoutes(app, { db, tokenKeys });
  registerReportRoutes(app, { db, tokenKeys });
  registerCountySettingsRoutes(app, { db, tokenKeys });
  registerStatusCheckRoutes(app, { db, tokenKeys, addressSecret, settings: options.statusCheck ?? readStatusCheckSettings() });
  registerBundleRoutes(app, { db, tokenKeys, searchKeyRoot, bundleKeys, notifier, sessions });
  registerRelayForwardRoute(app, { db, tokenKeys, notifier, searchKeyRoot, deviceSecret: bundleKeys.deviceSecret });
  registerRelayAccountsRoute(app, { db, tokenKeys });
  let files = options.files;
  if (!files) {
    const directory = mkdtempSync(path.join(tmpdir(), 'jiuzhu-files-'));
    app.addHook('onClose', async () => rmSync(directory, { recursive: true, force: true }));
    files = diskStorage(directory);
  }
  await registerFileRoutes(app, { db, tokenKeys, storage: files, allowedOrigin: originAllowed });

  await serveWebApp(app, options.staticDir, ['/api/', '/updates/']);
  return app;
}

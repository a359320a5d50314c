/**
 * The CouchDB-protocol peer, in the same run as our figures so the ratio is same-day, same-load:
 * express-pouchdb 4.2 with PouchDB 9 (LevelDB) on Node, seeded with the very documents our
 * first sync pulls (the bench township), and PouchDB 9 on its `idb` adapter in a fresh Chromium
 * profile pulling them one-shot in batches of 1,000 over loopback. The peer's page
 * (bench/browser/couchPeer.ts) is served from the same origin (express-pouchdb under /db), so
 * no CORS is involved.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { syncedCollections } from '../shared/sync/collections';
import { describeMemory, settledChromiumMemory, type ChromiumMemory } from './chromiumMemory';
import { freshChromium } from './chromiumLaunch';
import { datasetSize, type Dataset } from './dataset';
import type { Figure, Log } from './stats';
// `window.couchPeer`: declared by the peer's page; type-only, so Node never loads the page's code.
import type {} from './browser/couchPeer';

const WEB_DIR = path.resolve('.tmp/bench-couch-web');
const PAGE_DIR = path.resolve('bench/browser');
const BATCH_SIZE = 1000;
const WHERE = 'Chromium, IndexedDB on disk';

// The peer's packages have no types of their own: the few calls made here, typed.
interface PouchDb {
  bulkDocs(docs: object[]): Promise<{ error?: string }[]>;
  info(): Promise<{ doc_count: number }>;
  close(): Promise<void>;
}
type PouchStatic = (new (name: string) => PouchDb) & { defaults(options: { prefix: string }): PouchStatic };
type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/** The built page's files (a handful), read from WEB_DIR; anything else 404. */
function servePage(req: IncomingMessage, res: ServerResponse): void {
  const pathname = new URL(req.url ?? '/', 'http://peer').pathname;
  const file = path.join(WEB_DIR, pathname === '/' ? 'couchPeer.html' : pathname);
  if (!file.startsWith(`${WEB_DIR}${path.sep}`)) return void res.writeHead(404).end();
  try {
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}

const require = createRequire(import.meta.url);

/** The peer's first pull, its Chromium's memory afterwards, and our time ÷ its time. */
export async function couchPeerFigures(township: Dataset, ours: readonly Figure[], options: { log: Log }): Promise<Figure[]> {
  const { log } = options;
  const total = datasetSize(township);
  let started = performance.now();
  await build({
    configFile: false,
    root: PAGE_DIR,
    base: './',
    logLevel: 'warn',
    build: { outDir: WEB_DIR, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 10_000, rollupOptions: { input: path.join(PAGE_DIR, 'couchPeer.html') } },
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-bench-couch-'));
  const PouchDB = (require('pouchdb') as PouchStatic).defaults({ prefix: `${dataDir}/` });
  const expressPouchDB = require('express-pouchdb') as (pouch: PouchStatic, options: object) => RequestHandler;
  const db = new PouchDB('township');
  let server: Server | null = null;
  try {
    for (const c of syncedCollections) {
      const docs = township[c];
      for (let i = 0; i < docs.length; i += BATCH_SIZE) {
        const results = await db.bulkDocs(docs.slice(i, i + BATCH_SIZE).map((doc) => ({ ...doc, _id: doc.id })));
        const failed = results.find((r) => r.error);
        if (failed) throw new Error(`couch peer: seeding ${c} failed: ${failed.error}`);
      }
    }
    const seeded = (await db.info()).doc_count;
    if (seeded !== total) throw new Error(`couch peer: ${seeded} documents seeded, ${total} expected`);
    log(`CouchDB-protocol peer: express-pouchdb (PouchDB 9, LevelDB) seeded with the same ${total} documents (${((performance.now() - started) / 1000).toFixed(1)} s)`);

    const couch = expressPouchDB(PouchDB, { mode: 'minimumForPouchDB', inMemoryConfig: true });
    const listening = createServer((req, res) => {
      if (!req.url?.startsWith('/db/')) return servePage(req, res);
      req.url = req.url.slice('/db'.length);
      couch(req, res);
    });
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    server = listening;
    const address = listening.address();
    if (!address || typeof address === 'string') throw new Error('couch peer: no port');

    started = performance.now();
    const chromium = await freshChromium(`http://127.0.0.1:${address.port}/couchPeer.html`, log, /status of 404/);
    let result: { ms: number; docs: number; adapter: string };
    let memory: ChromiumMemory | null;
    try {
      log(`  fresh Chromium up (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      result = await chromium.page.evaluate(([remote, expected]) => window.couchPeer.firstSync(remote, expected), ['/db/township', total] as const);
      memory = await settledChromiumMemory(chromium.page, chromium.profile);
    } finally {
      await chromium.close();
    }
    const seconds = result.ms / 1000;
    log(`  PouchDB (${result.adapter}) one-shot pull, batch_size ${BATCH_SIZE}: ${result.docs} documents in ${seconds.toFixed(2)} s (${(result.docs / seconds).toFixed(0)} docs/s)`);
    log(`  its Chromium afterwards: ${describeMemory(memory)}`);
    const figures: Figure[] = [
      {
        name: 'couchdb_protocol_first_sync_s',
        value: seconds,
        unit: 's',
        target: Number.NaN,
        better: 'lower',
        note: `reference: PouchDB 9 (${result.adapter}) in a fresh Chromium profile ⇄ express-pouchdb 4.2 (PouchDB 9, LevelDB) on loopback, one-shot pull, batch_size ${BATCH_SIZE}, the same ${total} documents`,
      },
      {
        name: 'couchdb_protocol_browser_memory_mb',
        value: memory?.rssMb ?? Number.NaN,
        unit: 'MB',
        target: Number.NaN,
        better: 'lower',
        note: `reference: the peer's Chromium after its first sync, RSS summed over its processes (PSS ${memory?.pssMb.toFixed(0) ?? '?'} MB)`,
      },
    ];
    const ourSync = ours.find((f) => f.name === 'initial_sync_30k_s');
    if (ourSync && Number.isFinite(ourSync.value)) {
      figures.push({
        name: 'initial_sync_vs_couchdb_protocol',
        value: seconds / ourSync.value,
        unit: 'ratio',
        target: 3,
        better: 'higher',
        note: `${WHERE}, same run: the peer's ${seconds.toFixed(1)} s ÷ our initial_sync_30k_s ${ourSync.value.toFixed(1)} s, the same ${total} documents`,
      });
    } else {
      log('  initial_sync_vs_couchdb_protocol: not computed (no initial_sync_30k_s in this run)');
    }
    return figures;
  } finally {
    server?.closeAllConnections();
    server?.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

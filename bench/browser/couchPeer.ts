/**
 * The CouchDB-protocol peer's page (bench/couchPeer.ts drives it through `window.couchPeer`):
 * PouchDB 9 in this Chromium, on its `idb` adapter (IndexedDB on disk), replicating from
 * express-pouchdb on the same origin as CouchDB's own clients do: a one-shot pull, batches of
 * 1,000. The time is taken here, in the page, as ours is.
 */
import PouchDB from 'pouchdb-browser';

const couchPeer = {
  /** One-shot pull of `remotePath` (same origin) into a new local database until every document is in. */
  async firstSync(remotePath: string, expected: number): Promise<{ ms: number; docs: number; adapter: string }> {
    const remote = new PouchDB(`${location.origin}${remotePath}`);
    const local = new PouchDB(`couch-peer-${Date.now()}`, { adapter: 'idb' });
    const t0 = performance.now();
    await PouchDB.replicate(remote, local, { batch_size: 1000 });
    const ms = performance.now() - t0;
    const info = await local.info();
    if (info.doc_count < expected) throw new Error(`couch peer: ${info.doc_count} of ${expected} documents after the pull`);
    return { ms, docs: info.doc_count, adapter: local.adapter };
  },
};

declare global {
  interface Window {
    couchPeer: typeof couchPeer;
  }
}
window.couchPeer = couchPeer;
document.getElementById('state')!.textContent = 'ready';

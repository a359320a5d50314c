/** The part of pouchdb-browser 9 (no types of its own) that the peer's page uses. */
declare module 'pouchdb-browser' {
  interface PouchDatabase {
    readonly adapter: string;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
  }
  interface PouchDBStatic {
    new (name: string, options?: { adapter?: string }): PouchDatabase;
    replicate(source: PouchDatabase, target: PouchDatabase, options?: { batch_size?: number; batches_limit?: number }): Promise<unknown>;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}

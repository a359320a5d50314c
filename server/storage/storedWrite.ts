import type { Queryable } from '../db/database';

/**
 * The shapes of a write on its way into the `documents` table, shared by the store
 * (`documentStore.ts`), provenance stamping (`provenance.ts`) and every feature that hands the
 * store its rules (sync's write guards, search keys' derived fields, the audit of stored writes).
 */

/** A document's JSON, as stored. */
export type Doc = Record<string, unknown>;

/** A row of a push as validated (`server/sync/validateDocuments.ts`): the new version and the one the laptop assumed. */
export interface IncomingRow {
  assumed: Record<string, unknown> | null;
  assumedDeleted: boolean;
  doc: Record<string, unknown> & { id: string; areaCode: string };
  deleted: boolean;
}

/** The version the server holds of a document (its JSON and whether it is deleted). */
export interface HeldVersion {
  data: Doc;
  deleted: boolean;
}

/** Who the server knows is writing: from the verified token, never from the document. */
export interface Author {
  userId: string;
  /** Signs the history steps the write appends (absent: the steps keep the name they came with). */
  displayName?: string | undefined;
}

/** A write that is being stored, with the version it replaces (null: the server had none). */
export interface StoredWrite {
  doc: Doc;
  deleted: boolean;
  previous: HeldVersion | null;
}

/**
 * A collection's own rule on a write that is about to be stored (who may change which field,
 * an application's status machine). Throws an HttpError to refuse the whole batch.
 */
export type WriteGuard = (write: StoredWrite) => void | Promise<void>;

/** Runs inside the push's transaction after its writes, so what it records commits with them or not at all. */
export type AfterWrite = (tx: Queryable, writes: StoredWrite[]) => Promise<void>;

/**
 * Fields the server computes itself from the rest of a document (a household's `idHashes` and
 * `memberNames`). Called once per push, first in its transaction, with the batch's documents:
 * it may read and lock what the computation needs (the townships' key versions), and returns the
 * computation, applied to every version about to be compared and stored.
 */
export type DeriveFields = (tx: Queryable, docs: readonly Doc[]) => Promise<(doc: Doc) => Doc>;

/** How a push is turned into stored versions: the server's own fields, then the collection's rules. */
export interface PushRules {
  /** Who is writing: provenance (createdBy, updatedBy, updatedAt …) is set from them. Absent: stored as sent. */
  author?: Author;
  /** The collection's derived fields, computed by the server whatever the laptop sent. Absent: stored as sent. */
  derive?: DeriveFields;
  guard?: WriteGuard;
  /** Checks the writes against other records (a visit's household is in the visit's village). Throws to refuse the batch. */
  checkLinks?: (tx: Queryable, writes: StoredWrite[]) => Promise<void>;
  /**
   * What the server itself decides on a write, after derived fields and before any comparison
   * (an approval's benefit: its first month by the server's day). Absent: stored as sent.
   */
  settle?: (previous: HeldVersion | null, doc: Doc) => Doc;
  /**
   * Writes to other collections that follow from the batch (a decision moves the household into
   * or out of a group), in the same transaction, after the batch's own rules passed. Returns the
   * collections it stored to, so their streams are woken after commit.
   */
  followOn?: (tx: Queryable, writes: StoredWrite[]) => Promise<readonly string[]>;
  afterWrite?: AfterWrite;
  /** The server's clock, for provenance (tests pass their own). */
  now?: () => number;
}

import { sameJson } from '../../shared/sync/merge';
import type { SyncedCollection } from '../../shared/sync/collections';
import { writePolicy } from '../../shared/sync/writePolicy';
import type { Author, Doc, HeldVersion } from './storedWrite';

/**
 * The version to store from what a laptop sent: who created it and when come from what the
 * server held (or from the caller, for a new record), who changed it last is the caller, and
 * when is the server's clock. A deletion keeps the content the server held: only the flag moves.
 * An archive entry (归档) names the caller as the one who archived, unless it is the one held.
 */
export function stampProvenance(
  collection: SyncedCollection,
  previous: HeldVersion | null,
  sent: { doc: Doc; deleted: boolean },
  author: Author,
  now: number,
): Doc {
  const live = previous && !previous.deleted ? previous : null;
  // Deleting keeps what was held (a deleted record's content never changes); only the flag moves.
  const base = sent.deleted && previous ? previous.data : sent.doc;
  const doc: Doc = {
    ...base,
    createdAt: previous?.data['createdAt'] ?? now,
    createdBy: previous?.data['createdBy'] ?? author.userId,
    updatedAt: now,
    updatedBy: author.userId,
  };
  if (collection === 'households' && isObject(doc['archived'])) {
    const held = live?.data['archived'];
    const { by: _heldBy, ...heldRest } = isObject(held) ? held : {};
    const { by: _sentBy, ...sentRest } = doc['archived'];
    doc['archived'] = isObject(held) && sameJson(heldRest, sentRest) ? held : { ...doc['archived'], by: author.userId };
  }
  return doc;
}

/**
 * Whether two versions say the same thing, leaving out what the server sets itself: a laptop's
 * idea of who wrote last, or when, never makes a conflict or a new version, and neither do the
 * derived fields (a household's search entries), which follow from the rest and which the server
 * computes again on every write — a laptop whose key is out of date (or that sent none) still
 * matches the version it was given.
 */
export function sameContent(collection: SyncedCollection, a: Doc, b: Doc): boolean {
  const policy = writePolicy[collection];
  const skip = [...policy.provenance, ...policy.derived] as readonly string[];
  const strip = (doc: Doc) => Object.fromEntries(Object.entries(doc).filter(([key]) => !skip.includes(key)));
  return sameJson(strip(a), strip(b));
}

/** Whether two versions carry the same derived fields (the server's own, computed for both). */
export function sameDerived(collection: SyncedCollection, a: Doc, b: Doc): boolean {
  return writePolicy[collection].derived.every((field) => sameJson(a[field], b[field]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

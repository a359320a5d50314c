/**
 * The collections by the names the wire uses (`/api/v1/sync/{collection}/…`). Here, below sync/,
 * so that answers naming collections (a bundle import's counts) can be checked without the schemas.
 */
/** Collections written on laptops and pushed to the server. */
export const syncedCollections = ['households', 'visits', 'applications', 'careNeeds', 'attachments'] as const;
export type SyncedCollection = (typeof syncedCollections)[number];

/** Reference data the app only reads: the server answers 405 to a push. */
export const referenceCollections = ['areas', 'policies', 'programs', 'users'] as const;
export type ReferenceCollection = (typeof referenceCollections)[number];

/** Reference collections the app keeps a local copy of (areas ship with the app instead). */
export const pulledReferenceCollections = ['policies', 'programs', 'users'] as const;
export type PulledReferenceCollection = (typeof pulledReferenceCollections)[number];

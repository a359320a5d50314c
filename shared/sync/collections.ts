import { areaJsonSchema, areaSchema } from '../schemas/area';
import { householdJsonSchema, householdSchema } from '../schemas/household';
import type { DocumentJsonSchema } from '../schemas/rxSchema';
import { visitJsonSchema, visitSchema } from '../schemas/visit';
import type { z } from 'zod';

/** Collections written on laptops and pushed to the server. */
export const syncedCollections = ['households', 'visits'] as const;
export type SyncedCollection = (typeof syncedCollections)[number];

/** Reference data the app only reads: the server answers 405 to a push. */
export const referenceCollections = ['areas'] as const;
export type ReferenceCollection = (typeof referenceCollections)[number];

export type CollectionName = SyncedCollection | ReferenceCollection;

export interface CollectionDefinition {
  jsonSchema: DocumentJsonSchema;
  /** The full rule set, including what JSON schema cannot say (ID check characters, etc.). */
  schema: z.ZodType;
}

export const collectionDefinitions: Record<CollectionName, CollectionDefinition> = {
  households: { jsonSchema: householdJsonSchema, schema: householdSchema },
  visits: { jsonSchema: visitJsonSchema, schema: visitSchema },
  areas: { jsonSchema: areaJsonSchema, schema: areaSchema },
};

export function isSyncedCollection(name: string): name is SyncedCollection {
  return (syncedCollections as readonly string[]).includes(name);
}

export function isCollectionName(name: string): name is CollectionName {
  return name in collectionDefinitions;
}

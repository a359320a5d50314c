import { applicationJsonSchema, applicationSchema } from '../schemas/application';
import { areaJsonSchema, areaSchema } from '../schemas/area';
import { attachmentJsonSchema, attachmentSchema } from '../schemas/attachment';
import { careNeedJsonSchema, careNeedSchema } from '../schemas/careNeed';
import { householdJsonSchema, householdSchema } from '../schemas/household';
import {
  policyJsonSchema,
  policySchema,
  programJsonSchema,
  programSchema,
  userRefJsonSchema,
  userRefSchema,
} from '../schemas/reference';
import type { DocumentJsonSchema } from '../schemas/rxSchema';
import { visitJsonSchema, visitSchema } from '../schemas/visit';
import type { z } from 'zod';

export {
  pulledReferenceCollections,
  referenceCollections,
  syncedCollections,
  type PulledReferenceCollection,
  type ReferenceCollection,
  type SyncedCollection,
} from '../wire/collectionNames';
import { syncedCollections, type ReferenceCollection, type SyncedCollection } from '../wire/collectionNames';

export type CollectionName = SyncedCollection | ReferenceCollection;

export interface CollectionDefinition {
  jsonSchema: DocumentJsonSchema;
  /** The full rule set, including what JSON schema cannot say (ID check characters, etc.). */
  schema: z.ZodType;
}

export const collectionDefinitions: Record<CollectionName, CollectionDefinition> = {
  households: { jsonSchema: householdJsonSchema, schema: householdSchema },
  visits: { jsonSchema: visitJsonSchema, schema: visitSchema },
  applications: { jsonSchema: applicationJsonSchema, schema: applicationSchema },
  careNeeds: { jsonSchema: careNeedJsonSchema, schema: careNeedSchema },
  /** Descriptions of files only; the bytes go through /api/v1/files/ (tus). */
  attachments: { jsonSchema: attachmentJsonSchema, schema: attachmentSchema },
  areas: { jsonSchema: areaJsonSchema, schema: areaSchema },
  policies: { jsonSchema: policyJsonSchema, schema: policySchema },
  programs: { jsonSchema: programJsonSchema, schema: programSchema },
  users: { jsonSchema: userRefJsonSchema, schema: userRefSchema },
};

export function isSyncedCollection(name: string): name is SyncedCollection {
  return (syncedCollections as readonly string[]).includes(name);
}

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(collectionDefinitions, name);
}

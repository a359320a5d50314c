import {
  addRxPlugin,
  createRxDatabase,
  removeRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb/plugins/core';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { applicationJsonSchema, type Application } from '../../../shared/schemas/application';
import { attachmentJsonSchema, type Attachment } from '../../../shared/schemas/attachment';
import { careNeedJsonSchema, type CareNeed } from '../../../shared/schemas/careNeed';
import { householdJsonSchema, type Household } from '../../../shared/schemas/household';
import {
  policyJsonSchema,
  programJsonSchema,
  userRefJsonSchema,
  type Policy,
  type Program,
  type UserRef,
} from '../../../shared/schemas/reference';
import { visitJsonSchema, type Visit } from '../../../shared/schemas/visit';
import { attachmentFileJsonSchema, type AttachmentFileCollection } from './files/fileStore';
import {
  applicationMigrations,
  careNeedMigrations,
  attachmentMigrations,
  conflictMigrations,
  readsOldFormat,
  householdMigrations,
  visitMigrations,
  type MigrationContext,
  policyMigrations,
} from './migrations';
import { wrappedWebCryptoEncryptionStorage } from './keys/webCryptoEncryptionStorage';
import { withMasterCopyGuard } from './sync/masterCopyGuard';
import { conflictHandlerFor, conflictJsonSchema, type ConflictRecord } from './sync/conflicts';
import type { Writer } from '../../../shared/sync/writeCheck';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

export interface JiuzhuCollections {
  households: RxCollection<Household>;
  visits: RxCollection<Visit>;
  applications: RxCollection<Application>;
  careNeeds: RxCollection<CareNeed>;
  /** Descriptions of files (附件); the bytes are in `attachmentFiles`. */
  attachments: RxCollection<Attachment>;
  /** Local only: the bytes of attachments on this laptop, by SHA-256. */
  attachmentFiles: AttachmentFileCollection;
  policies: RxCollection<Policy>;
  programs: RxCollection<Program>;
  users: RxCollection<UserRef>;
  /** Local only: versions that lost a collision with the server, for a person to review. */
  conflicts: RxCollection<ConflictRecord>;
}

export type JiuzhuDatabase = RxDatabase<JiuzhuCollections>;

const asRx = <T>(schema: unknown) => schema as RxJsonSchema<T>;

export interface DatabaseOptions extends MigrationContext {
  /**
   * Encrypts the schemas' `encrypted` fields (and encrypted attachments) at rest. Derived from
   * the user's data key on this laptop (renderer/data/keys/): RxDB cannot change it later.
   */
  password: string;
  /** The signed-in user: conflicts are resolved within what the write policy lets them change. */
  writer?: Writer;
}

/** The storage with field encryption (WebCrypto AES-GCM) on top: what the app's databases are opened with. */
function encryptedStorage(storage: RxStorage<unknown, unknown>): RxStorage<unknown, unknown> {
  // The guard sees documents as RxDB does (in the clear): it records a first-pull copy before its first change.
  return withMasterCopyGuard(wrappedWebCryptoEncryptionStorage({ storage, readsOldFormat }));
}

/**
 * Opens (or creates) one user's local database and migrates what an older version wrote. The
 * storage is passed in so the same code runs on IndexedDB in the app and on fake-indexeddb in
 * Node tests. Ten collections: RxDB's open-core build allows 13 open at once per process.
 */
export async function openJiuzhuDatabase(
  name: string,
  storage: RxStorage<unknown, unknown>,
  options: DatabaseOptions,
): Promise<JiuzhuDatabase> {
  const context: MigrationContext = { searchKeys: options.searchKeys ?? null };
  const db = await createRxDatabase<JiuzhuCollections>({
    name,
    storage: encryptedStorage(storage),
    password: options.password,
    // One window per profile: no cross-tab coordination needed, and no leader election delays.
    multiInstance: false,
    closeDuplicates: true,
    // For the in-memory indexes' saved snapshots (indexSnapshot.ts).
    localDocuments: true,
  });
  try {
    await db.addCollections({
      households: {
        schema: asRx<Household>(householdJsonSchema),
        migrationStrategies: householdMigrations(context),
        conflictHandler: conflictHandlerFor('households', options.writer) as never,
      },
      visits: {
        schema: asRx<Visit>(visitJsonSchema),
        migrationStrategies: visitMigrations,
        conflictHandler: conflictHandlerFor('visits', options.writer) as never,
      },
      applications: {
        schema: asRx<Application>(applicationJsonSchema),
        migrationStrategies: applicationMigrations,
        conflictHandler: conflictHandlerFor('applications', options.writer) as never,
      },
      careNeeds: {
        schema: asRx<CareNeed>(careNeedJsonSchema),
        migrationStrategies: careNeedMigrations,
        conflictHandler: conflictHandlerFor('careNeeds', options.writer) as never,
      },
      attachments: {
        schema: asRx<Attachment>(attachmentJsonSchema),
        migrationStrategies: attachmentMigrations,
        conflictHandler: conflictHandlerFor('attachments', options.writer) as never,
      },
      attachmentFiles: { schema: attachmentFileJsonSchema },
      policies: { schema: asRx<Policy>(policyJsonSchema), migrationStrategies: policyMigrations },
      programs: { schema: asRx<Program>(programJsonSchema) },
      users: { schema: asRx<UserRef>(userRefJsonSchema) },
      conflicts: { schema: conflictJsonSchema, migrationStrategies: conflictMigrations },
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * Deletes a user's local database with everything in it, without opening it (its key may be
 * gone). Removing decrypts nothing, but the encrypting storage wants a password to set up the
 * collections it removes: any valid one does, e.g. the new key's.
 */
export async function removeJiuzhuDatabase(name: string, storage: RxStorage<unknown, unknown>, password: string): Promise<void> {
  await removeRxDatabase(name, encryptedStorage(storage), false, password);
}

import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb/plugins/core';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { applicationJsonSchema, type Application } from '../../shared/schemas/application';
import { careNeedJsonSchema, type CareNeed } from '../../shared/schemas/careNeed';
import { householdJsonSchema, type Household } from '../../shared/schemas/household';
import {
  policyJsonSchema,
  programJsonSchema,
  userRefJsonSchema,
  type Policy,
  type Program,
  type UserRef,
} from '../../shared/schemas/reference';
import { visitJsonSchema, type Visit } from '../../shared/schemas/visit';
import { householdMigrations, visitMigrations, type MigrationContext } from './migrations';
import { conflictHandlerFor, conflictJsonSchema, type ConflictRecord } from './sync/conflicts';

addRxPlugin(RxDBMigrationSchemaPlugin);

export interface JiuzhuCollections {
  households: RxCollection<Household>;
  visits: RxCollection<Visit>;
  applications: RxCollection<Application>;
  careNeeds: RxCollection<CareNeed>;
  policies: RxCollection<Policy>;
  programs: RxCollection<Program>;
  users: RxCollection<UserRef>;
  /** Local only: versions that lost a collision with the server, for a person to review. */
  conflicts: RxCollection<ConflictRecord>;
}

export type JiuzhuDatabase = RxDatabase<JiuzhuCollections>;

const asRx = <T>(schema: unknown) => schema as RxJsonSchema<T>;

/**
 * Opens (or creates) one user's local database and migrates what an older version wrote. The
 * storage is passed in so the same code runs on IndexedDB in the app and on fake-indexeddb in
 * Node tests. Eight collections: RxDB's open-core build allows 13 open at once per process.
 */
export async function openJiuzhuDatabase(
  name: string,
  storage: RxStorage<unknown, unknown>,
  context: MigrationContext = { searchKey: null },
): Promise<JiuzhuDatabase> {
  const db = await createRxDatabase<JiuzhuCollections>({
    name,
    storage,
    // One window per profile: no cross-tab coordination needed, and no leader election delays.
    multiInstance: false,
    closeDuplicates: true,
  });
  try {
    await db.addCollections({
      households: {
        schema: asRx<Household>(householdJsonSchema),
        migrationStrategies: householdMigrations(context),
        conflictHandler: conflictHandlerFor('households') as never,
      },
      visits: {
        schema: asRx<Visit>(visitJsonSchema),
        migrationStrategies: visitMigrations,
        conflictHandler: conflictHandlerFor('visits') as never,
      },
      applications: { schema: asRx<Application>(applicationJsonSchema), conflictHandler: conflictHandlerFor('applications') as never },
      careNeeds: { schema: asRx<CareNeed>(careNeedJsonSchema), conflictHandler: conflictHandlerFor('careNeeds') as never },
      policies: { schema: asRx<Policy>(policyJsonSchema) },
      programs: { schema: asRx<Program>(programJsonSchema) },
      users: { schema: asRx<UserRef>(userRefJsonSchema) },
      conflicts: { schema: conflictJsonSchema },
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

import {
  getComposedPrimaryKeyOfDocumentData,
  getRxReplicationMetaInstanceSchema,
  hasEncryption,
  now,
  type RxCollection,
  type RxDocumentData,
} from 'rxdb/plugins/core';

/**
 * Writes where RxDB's replication of a collection starts, into its own bookkeeping, in RxDB's
 * format (rxdb/replication-protocol/checkpoint.ts `setCheckpoint`), before it starts. RxDB's
 * `initialCheckpoint` options would do the same but await a read first, and a replication
 * cancelled during that read (the laptop signing out just after signing in) fails inside RxDB.
 * Nothing is written once RxDB keeps checkpoints of its own.
 */
export async function writeReplicationCheckpoints(
  collection: RxCollection,
  replicationIdentifier: string,
  checkpoints: { down: unknown; up: unknown },
): Promise<void> {
  const db = collection.database;
  // The name and schema RxDB gives its replication bookkeeping (rxdb/plugins/replication `metaInfoPromise`).
  const collectionName = `rx-replication-meta-${await db.hashFunction([collection.name, replicationIdentifier].join('-'))}`;
  const schema = getRxReplicationMetaInstanceSchema(collection.schema.jsonSchema, hasEncryption(collection.schema.jsonSchema));
  const instance = await db.storage.createStorageInstance<Record<string, unknown>>({
    databaseName: db.name,
    collectionName,
    databaseInstanceToken: db.token,
    multiInstance: db.multiInstance,
    options: {},
    schema: schema as never,
    password: db.password as string,
    devMode: false,
  });
  try {
    const idOf = (itemId: string) => getComposedPrimaryKeyOfDocumentData(schema, { isCheckpoint: '1', itemId });
    const held = await instance.findDocumentsById([idOf('down'), idOf('up')], false);
    if (held.length > 0) return;
    const rows = (['down', 'up'] as const).map((direction) => ({
      document: {
        id: idOf(direction),
        isCheckpoint: '1',
        itemId: direction,
        checkpointData: checkpoints[direction],
        _deleted: false,
        _attachments: {},
        _meta: { lwt: now() },
        _rev: `1-${collectionName}`,
      } as unknown as RxDocumentData<Record<string, unknown>>,
    }));
    const result = await instance.bulkWrite(rows, 'jiuzhu-first-pull-checkpoint');
    const failed = result.error.find((error) => error.status !== 409);
    if (failed) throw new Error(`first pull: the replication's checkpoint could not be stored (${failed.status})`);
  } finally {
    await instance.close();
  }
}

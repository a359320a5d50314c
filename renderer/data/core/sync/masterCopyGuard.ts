import {
  getMetaWriteRow,
  writeDocToDocState,
  type BulkWriteRow,
  type RxDocumentData,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb/plugins/core';
import { FIRST_PULL_LWT } from './firstPull';

/**
 * The other half of the first pull (firstPull.ts): a document it stored has no "assumed master
 * state" in RxDB's bookkeeping. Before the person's first change to such a copy, the copy — the
 * server's state, untouched since — is recorded there, so RxDB's push sends it as the assumed
 * state and the server sees an ordinary change, not a collision.
 *
 * It sits under RxDB, around the encrypting storage, and acts only on writes that change a copy
 * still marked with the first pull's write time (every other write stamps its own). RxDB's own
 * writes (its pull, conflict resolution) keep their bookkeeping themselves and pass untouched.
 */

/** Records documents as the server's state in RxDB's replication bookkeeping of one collection. */
export type MasterStateRecorder = (copies: RxDocumentData<{ id: string }>[]) => Promise<void>;

interface Registration {
  recorder: Promise<MasterStateRecorder | null>;
  settle: (recorder: MasterStateRecorder | null) => void;
}

// Per database and collection: the database's storage is created before its sync engine starts.
const registrations = new Map<string, Registration>();
const keyOf = (databaseName: string, collectionName: string) => `${databaseName}/${collectionName}`;

/**
 * Says that this collection's replication is starting: a change to a first-pull copy waits until
 * `settle` gives the recorder (once RxDB's replication has started), or null (it never will).
 */
export function expectMasterStateRecorder(databaseName: string, collectionName: string): (recorder: MasterStateRecorder | null) => void {
  let settle!: (recorder: MasterStateRecorder | null) => void;
  const recorder = new Promise<MasterStateRecorder | null>((resolve) => {
    settle = resolve;
  });
  const registration = { recorder, settle };
  registrations.get(keyOf(databaseName, collectionName))?.settle(null);
  registrations.set(keyOf(databaseName, collectionName), registration);
  return (value) => {
    settle(value);
    if (value === null && registrations.get(keyOf(databaseName, collectionName)) === registration) {
      registrations.delete(keyOf(databaseName, collectionName));
    }
  };
}

/** The recorder RxDB's started replication gives: meta rows written as new, never over RxDB's own. */
export function metaRecorderOf(internalState: unknown): MasterStateRecorder {
  const state = internalState as Parameters<typeof getMetaWriteRow>[0];
  return async (copies) => {
    const rows = await Promise.all(copies.map((copy) => getMetaWriteRow(state, writeDocToDocState(copy, false, false), undefined)));
    // A clash means RxDB's pull recorded a newer server state meanwhile: that one is right.
    await state.input.metaInstance.bulkWrite(rows, 'jiuzhu-first-pull-copy');
  };
}

/** Whether a write comes from RxDB's replication or the first pull, which keep their own bookkeeping. */
const isSyncWrite = (context: string) => context.startsWith('replication-') || context.startsWith('jiuzhu-first-pull');

function guardedInstance<T>(instance: RxStorageInstance<T, unknown, unknown>, key: string): RxStorageInstance<T, unknown, unknown> {
  const bulkWrite = async (rows: BulkWriteRow<T>[], context: string) => {
    const registration = registrations.get(key);
    if (registration && !isSyncWrite(context)) {
      const copies = rows.flatMap((row) => (row.previous && row.previous._meta.lwt === FIRST_PULL_LWT ? [row.previous] : []));
      if (copies.length > 0) {
        const recorder = await registration.recorder;
        if (recorder) await recorder(copies as unknown as RxDocumentData<{ id: string }>[]);
      }
    }
    return instance.bulkWrite(rows, context);
  };
  // Everything else is the instance's own (the encrypting storage's plain object: no private fields).
  return new Proxy(instance, {
    get: (target, property, receiver) => (property === 'bulkWrite' ? bulkWrite : Reflect.get(target, property, receiver)),
  });
}

/** The storage with the guard around every collection's instance. */
export function withMasterCopyGuard(storage: RxStorage<unknown, unknown>): RxStorage<unknown, unknown> {
  return {
    ...storage,
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      return guardedInstance(instance, keyOf(params.databaseName, params.collectionName));
    },
  };
}

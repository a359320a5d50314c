import {
  clone,
  ensureNotFalsy,
  flatClone,
  getChangedDocumentsSince,
  getPrimaryFieldOfPrimaryKey,
  getProperty,
  hasEncryption,
  newRxError,
  setProperty,
  wrapRxStorageInstance,
  type BulkWriteRow,
  type EventBulk,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
  type RxStorageWriteError,
} from 'rxdb/plugins/core';
import { BehaviorSubject, concatMap, defer, filter, finalize, firstValueFrom, map, tap, type Observable } from 'rxjs';
import { fromBase64, randomBytes, toBase64 } from './sealing';

/**
 * RxDB field encryption (the schemas' `encrypted` paths and `attachments.encrypted`) with
 * WebCrypto AES-GCM instead of the crypto-js plugin: about ten times faster per household, and a
 * changed or foreign value fails to open instead of decrypting to garbage. Mirrors
 * rxdb/plugins/encryption-crypto-js (same schema rewrite, same hooks); only the cipher and the
 * stored format differ.
 *
 * A field is stored as `g2:` + base64(iv ‖ ciphertext+tag), the IV fresh for every value; the
 * record's id and the field's path are the AES-GCM associated data, so a value moved to another
 * field, or to the same field of another record, does not open. An attachment is stored as the
 * bytes iv ‖ ciphertext+tag (content-addressed: the app checks its SHA-256 where it matters).
 *
 * `g1:` values (the path alone as associated data) were written by earlier versions; they are
 * read only while a collection is migrated from such a version (`readsOldFormat`), which rewrites
 * every value as `g2:`. Once a collection is at a newer version, a `g1:` value does not open.
 */

/** The prefix of this format's ciphertexts. */
export const FIELD_FORMAT = 'g2:';
/** The earlier format: readable only in collections of the versions that wrote it. */
export const OLD_FIELD_FORMAT = 'g1:';
const IV_BYTES = 12;
const MINIMUM_PASSWORD_LENGTH = 8;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ATTACHMENT_AAD = encoder.encode('attachment');

/** A stored value this storage cannot open: another key, another format, or changed on disk. */
export class UnreadableValueError extends Error {
  constructor(
    readonly collection: string,
    readonly field: string,
    reason: string,
  ) {
    // Names the place, never the value: the value may be personal data.
    super(`cannot decrypt ${collection}.${field}: ${reason}`);
    this.name = 'UnreadableValueError';
  }
}

/**
 * A database written by an older build (crypto-js ciphertexts) or without encryption. Carries
 * RxDB's DB1 code (password mismatch) on purpose: Workspace.open treats DB1 as "unreadable here"
 * and starts the database afresh, which is the right answer for both.
 */
export class ForeignFormatError extends Error {
  readonly code = 'DB1';
  constructor(readonly collection: string) {
    super(`the local ${collection} were not encrypted by this version`);
    this.name = 'ForeignFormatError';
  }
}

/**
 * The AES key for a database password: HKDF-SHA-256 of it (the password is itself a hash of a
 * random 256-bit key, so no slow stretching is needed), non-extractable.
 */
async function fieldKeyFor(password: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(password), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('jiuzhu-rxdb-fields:g1') },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

// One getRandomValues call per 4 KiB of IVs: called per value it was ~2 % of an initial sync's
// page time. Still a fresh random IV for every value, never reused (each slice is handed out once).
const IV_POOL_BYTES = 4096;
let ivPool: Uint8Array = new Uint8Array(0);
let ivPoolOffset = 0;
function freshIv(): Uint8Array {
  if (ivPoolOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivPoolOffset = 0;
  }
  const iv = ivPool.slice(ivPoolOffset, ivPoolOffset + IV_BYTES);
  ivPoolOffset += IV_BYTES;
  return iv;
}

async function encryptBytes(key: CryptoKey, plain: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const iv = freshIv();
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource },
    key,
    plain as BufferSource,
  );
  const out = new Uint8Array(IV_BYTES + cipher.byteLength);
  out.set(iv);
  out.set(new Uint8Array(cipher), IV_BYTES);
  return out;
}

/** Throws (WebCrypto's OperationError) on a wrong key or changed bytes. */
async function decryptBytes(key: CryptoKey, sealed: Uint8Array, aad: Uint8Array): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.subarray(0, IV_BYTES) as BufferSource, additionalData: aad as BufferSource },
    key,
    sealed.subarray(IV_BYTES) as BufferSource,
  );
}

function validatePassword(password: unknown): void {
  if (typeof password !== 'string') throw newRxError('EN1', { args: { passwordType: typeof password } });
  if (password.length < MINIMUM_PASSWORD_LENGTH) {
    throw newRxError('EN2', { minPassLength: MINIMUM_PASSWORD_LENGTH, args: { passwordLength: password.length } });
  }
}

type Schema = RxJsonSchema<RxDocumentData<unknown>>;
type SchemaLevel = { properties: Record<string, unknown> };

/** Encrypted fields are strings on disk: their definitions become plain `{type: 'string'}`. */
function schemaOnDisk(schema: Schema, encryptedPaths: readonly string[]): Schema {
  const onDisk = clone(schema) as Schema & { encrypted?: string[] };
  delete onDisk.encrypted;
  if (onDisk.attachments) onDisk.attachments.encrypted = false;
  for (const path of encryptedPaths) {
    const parts = path.split('.');
    let level = onDisk as unknown as SchemaLevel;
    for (const part of parts.slice(0, -1)) level = level.properties[part] as SchemaLevel;
    level.properties[parts[parts.length - 1]!] = { type: 'string' };
  }
  return onDisk;
}

/** Deep copy of the fields, the attachments' Blobs kept as they are. */
function cloneWithoutAttachments<T extends { _attachments?: unknown }>(data: T): T {
  const attachments = data._attachments;
  const copy = flatClone(data);
  delete copy._attachments;
  const deep = clone(copy);
  deep._attachments = attachments;
  return deep;
}

/**
 * Refuses a collection whose stored values are not in this format (a crypto-js build's, or
 * plain): otherwise it would open and fail only when a record is read. One document is checked.
 */
async function assertOwnFormat(instance: RxStorageInstance<unknown, unknown, unknown>, encryptedPaths: readonly string[], collection: string): Promise<void> {
  const doc = (await getChangedDocumentsSince(instance, 1)).documents[0];
  if (!doc) return;
  for (const path of encryptedPaths) {
    const value: unknown = getProperty(doc, path);
    if (typeof value === 'undefined') continue;
    if (typeof value !== 'string' || !(value.startsWith(FIELD_FORMAT) || value.startsWith(OLD_FIELD_FORMAT))) throw new ForeignFormatError(collection);
  }
}

/** Reads the named encrypted fields of records as the storage holds them, and nothing else (the in-memory indexes). */
export type StoredFieldReader = <T extends Record<string, unknown>>(docs: readonly T[], paths: readonly string[]) => Promise<T[]>;

const READER = Symbol('jiuzhu.storedFieldReader');

/** The reader of a storage instance this storage wrapped, found down its `originalStorageInstance` chain. */
export function storedFieldReaderOf(instance: unknown): StoredFieldReader | null {
  let current = instance as { originalStorageInstance?: unknown; [READER]?: StoredFieldReader } | undefined;
  while (current) {
    if (current[READER]) return current[READER];
    current = current.originalStorageInstance as typeof current;
  }
  return null;
}

export interface EncryptionStorageOptions<Internals, InstanceCreationOptions> {
  storage: RxStorage<Internals, InstanceCreationOptions>;
  /**
   * Whether a collection at this schema version may still hold `g1:` values (written before values
   * were bound to their record): true only for the versions a migration reads from.
   */
  readsOldFormat?: (collectionName: string, schemaVersion: number) => boolean;
  /** Writes `g1:` values, as versions before the change did: only for tests of the migration. */
  writesOldFormat?: boolean;
}

/** `storage` with the schemas' encrypted fields and attachments sealed by WebCrypto AES-GCM. */
export function wrappedWebCryptoEncryptionStorage<Internals, InstanceCreationOptions>(
  args: EncryptionStorageOptions<Internals, InstanceCreationOptions>,
): RxStorage<Internals, InstanceCreationOptions> {
  // Derived once per password for all the collections opened through this storage.
  const keys = new Map<string, Promise<CryptoKey>>();
  const keyFor = (password: string) => {
    let key = keys.get(password);
    if (!key) {
      key = fieldKeyFor(password);
      keys.set(password, key);
    }
    return key;
  };

  return Object.assign({}, args.storage, {
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, InstanceCreationOptions>,
    ): Promise<RxStorageInstance<RxDocType, Internals, InstanceCreationOptions>> {
      if (typeof params.password !== 'undefined') validatePassword(params.password);
      if (!hasEncryption(params.schema)) return args.storage.createStorageInstance(params);
      if (!params.password) {
        throw newRxError('EN3', { database: params.databaseName, collection: params.collectionName, schema: params.schema });
      }
      const key = await keyFor(params.password as string);
      const collection = params.collectionName;
      const encryptedPaths = ensureNotFalsy(params.schema.encrypted);
      const attachmentsEncrypted = params.schema.attachments?.encrypted === true;
      const primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      const oldFormatReadable = args.readsOldFormat?.(collection, params.schema.version) ?? false;
      const oldAadOf = new Map(encryptedPaths.map((path) => [path, encoder.encode(path)]));
      /** The associated data of a value: the record's id and the field's path. */
      const aadOf = (doc: Record<string, unknown>, path: string) => encoder.encode(`${String(doc[primaryPath])}\u0000${path}`);

      const instance = await args.storage.createStorageInstance({
        ...params,
        schema: schemaOnDisk(params.schema as Schema, encryptedPaths) as typeof params.schema,
      });
      try {
        await assertOwnFormat(instance as RxStorageInstance<unknown, unknown, unknown>, encryptedPaths, collection);
      } catch (error) {
        await instance.close();
        throw error;
      }

      async function modifyToStorage(docData: RxDocumentData<RxDocType>): Promise<RxDocumentData<unknown>> {
        const doc = cloneWithoutAttachments(docData);
        await Promise.all(
          encryptedPaths.map(async (path) => {
            const value: unknown = getProperty(doc, path);
            if (typeof value === 'undefined') return;
            const plain = encoder.encode(JSON.stringify(value));
            setProperty(
              doc,
              path,
              args.writesOldFormat
                ? OLD_FIELD_FORMAT + toBase64(await encryptBytes(key, plain, oldAadOf.get(path)!))
                : FIELD_FORMAT + toBase64(await encryptBytes(key, plain, aadOf(doc as Record<string, unknown>, path))),
            );
          }),
        );
        if (attachmentsEncrypted && doc._attachments) {
          const sealed: Record<string, unknown> = {};
          await Promise.all(
            Object.entries(doc._attachments as Record<string, { data?: Blob; type: string }>).map(async ([id, attachment]) => {
              const copy = flatClone(attachment);
              if (copy.data) {
                const bytes = new Uint8Array(await copy.data.arrayBuffer());
                copy.data = new Blob([(await encryptBytes(key, bytes, ATTACHMENT_AAD)) as BlobPart], { type: copy.type });
              }
              sealed[id] = copy;
            }),
          );
          (doc as { _attachments: unknown })._attachments = sealed;
        }
        return doc as RxDocumentData<unknown>;
      }

      async function openValue(doc: Record<string, unknown>, path: string, value: unknown): Promise<unknown> {
        const old = typeof value === 'string' && value.startsWith(OLD_FIELD_FORMAT);
        if (typeof value !== 'string' || !(value.startsWith(FIELD_FORMAT) || (old && oldFormatReadable))) {
          throw new UnreadableValueError(collection, path, 'not in this version’s format');
        }
        let plain: ArrayBuffer;
        try {
          const sealed = fromBase64(value.slice(FIELD_FORMAT.length));
          plain = await decryptBytes(key, sealed, old ? oldAadOf.get(path)! : aadOf(doc, path));
        } catch {
          throw new UnreadableValueError(collection, path, 'wrong key, another record’s value, or changed on disk');
        }
        return JSON.parse(decoder.decode(plain)) as unknown;
      }

      async function modifyFromStorage(docData: RxDocumentData<unknown>): Promise<RxDocumentData<RxDocType>> {
        const doc = cloneWithoutAttachments(docData);
        await Promise.all(
          encryptedPaths.map(async (path) => {
            const value: unknown = getProperty(doc, path);
            if (typeof value === 'undefined') return;
            setProperty(doc, path, await openValue(doc as Record<string, unknown>, path, value));
          }),
        );
        return doc as RxDocumentData<RxDocType>;
      }

      /** Only the named fields, opened on shallow copies: an index reads names and hashes, never members. */
      const readStoredFields: StoredFieldReader = (docs, paths) => {
        const wanted = paths.filter((path) => encryptedPaths.includes(path));
        return Promise.all(
          docs.map(async (stored) => {
            const copy: Record<string, unknown> = { ...stored };
            await Promise.all(
              wanted.map(async (path) => {
                const value = copy[path];
                if (value !== undefined) copy[path] = await openValue(copy, path, value);
              }),
            );
            return copy as typeof stored;
          }),
        );
      };

      async function modifyAttachmentFromStorage(data: Blob): Promise<Blob> {
        if (!attachmentsEncrypted) return data;
        let plain: ArrayBuffer;
        try {
          plain = await decryptBytes(key, new Uint8Array(await data.arrayBuffer()), ATTACHMENT_AAD);
        } catch {
          throw new UnreadableValueError(collection, '_attachments', 'wrong key or changed on disk');
        }
        return new Blob([plain], data.type ? { type: data.type } : undefined);
      }

      const wrapped = wrapRxStorageInstance(params.schema, instance, modifyToStorage, modifyFromStorage, modifyAttachmentFromStorage);
      Object.defineProperty(wrapped, READER, { value: readStoredFields });
      keepOrder(getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string, wrapped as unknown as AnyInstance, instance as unknown as AnyInstance, modifyToStorage as never, modifyFromStorage as never);
      return wrapped as unknown as RxStorageInstance<RxDocType, Internals, InstanceCreationOptions>;
    },
  });
}

type Doc = Record<string, unknown>;
type AnyDoc = RxDocumentData<Doc>;
type AnyInstance = RxStorageInstance<Record<string, unknown>, unknown, unknown>;
type ChangeBulk = EventBulk<RxStorageChangeEvent<Doc>, unknown>;

/**
 * Replaces the `bulkWrite` and `changeStream` of RxDB's wrapRxStorageInstance, which assume the
 * modifiers are effectively synchronous (as crypto-js is): with WebCrypto's real asynchrony its
 * change stream (mergeMap) lets a small later event bulk overtake a larger earlier one, so RxDB
 * would see a document's revisions out of order, and its bulkWrite passes the rows on in the
 * order their encryption finished. Here both keep RxDB's order while still encrypting and
 * decrypting in parallel. Everything else (queries, lookups, attachments) stays the helper's.
 */
function keepOrder(
  primaryPath: string,
  wrapped: AnyInstance,
  instance: AnyInstance,
  toStorage: (doc: AnyDoc) => Promise<AnyDoc>,
  fromStorage: (doc: AnyDoc) => Promise<AnyDoc>,
): void {
  // The plain documents of the writes in flight, by id and revision: the change events of a write
  // carry the very documents it was given, so they need not be decrypted again (one WebCrypto call
  // per encrypted field of every document written). Anything else in the stream is decrypted as before.
  const plainOfOwnWrites = new Map<string, AnyDoc>();
  const revisionKey = (doc: AnyDoc) => `${String(doc[primaryPath])}\u0000${doc._rev}`;
  const plainOf = <T extends AnyDoc | undefined>(doc: T): Promise<T> => {
    if (!doc) return Promise.resolve(doc);
    const plain = plainOfOwnWrites.get(revisionKey(doc));
    if (!plain) return fromStorage(doc) as Promise<T>;
    // The stored event keeps its own `_attachments` (stubs without data), as decrypting would.
    const copy = flatClone(plain);
    copy._attachments = doc._attachments;
    return Promise.resolve(copy as T);
  };
  // Change bulks read from the storage but not yet emitted: a write resolves only after its events are out.
  const processing$ = new BehaviorSubject(0);

  async function errorFromStorage(error: RxStorageWriteError<Doc>): Promise<RxStorageWriteError<Doc>> {
    const copy = flatClone(error) as RxStorageWriteError<Doc> & { documentInDb?: AnyDoc };
    copy.writeRow = flatClone(copy.writeRow);
    if (copy.documentInDb) copy.documentInDb = await fromStorage(copy.documentInDb);
    if (copy.writeRow.previous) copy.writeRow.previous = await fromStorage(copy.writeRow.previous);
    copy.writeRow.document = await fromStorage(copy.writeRow.document);
    return copy;
  }

  wrapped.bulkWrite = async (rows: BulkWriteRow<Doc>[], context: string): Promise<RxStorageBulkWriteResponse<Doc>> => {
    const ownKeys: string[] = [];
    for (const row of rows) {
      for (const doc of row.previous ? [row.document, row.previous] : [row.document]) {
        const key = revisionKey(doc);
        plainOfOwnWrites.set(key, doc);
        ownKeys.push(key);
      }
    }
    try {
      const storedRows = await Promise.all(
        rows.map(async (row) => {
          const [previous, document] = await Promise.all([row.previous ? toStorage(row.previous) : undefined, toStorage(row.document)]);
          return previous ? { previous, document } : { document };
        }),
      );
      const result = await instance.bulkWrite(storedRows, context);
      const error = await Promise.all(result.error.map(errorFromStorage));
      await firstValueFrom(processing$.pipe(filter((count) => count === 0)));
      return { error };
    } finally {
      for (const key of ownKeys) plainOfOwnWrites.delete(key);
    }
  };

  wrapped.changeStream = (): Observable<ChangeBulk> =>
    defer(() => {
      let outstanding = 0;
      const step = (by: number) => {
        outstanding += by;
        processing$.next(processing$.getValue() + by);
      };
      return (instance.changeStream() as Observable<ChangeBulk>).pipe(
        tap(() => step(1)),
        // Decrypting starts as a bulk arrives; concatMap emits the bulks in the order they came.
        map(async (bulk): Promise<ChangeBulk> => ({
          id: bulk.id,
          checkpoint: bulk.checkpoint,
          context: bulk.context,
          events: await Promise.all(
            bulk.events.map(async (event) => {
              const [documentData, previousDocumentData] = await Promise.all([plainOf(event.documentData), plainOf(event.previousDocumentData)]);
              return { operation: event.operation, documentId: event.documentId, documentData, previousDocumentData, isLocal: false } as RxStorageChangeEvent<Doc>;
            }),
          ),
        })),
        concatMap((decrypted) => decrypted),
        tap(() => step(-1)),
        // An error or an unsubscribe must not leave later writes waiting for events that never come.
        finalize(() => step(-outstanding)),
      );
    });
}

import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { createRxDatabase, type RxCollection, type RxDocumentData, type RxJsonSchema, type RxStorage, type RxStorageInstance } from 'rxdb/plugins/core';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BYTES_ID, readFileBytes, storeFileBytes } from '../../renderer/data/core/files/fileStore';
import { openJiuzhuDatabase, type JiuzhuDatabase } from '../../renderer/data/core/database';
import { wrappedWebCryptoEncryptionStorage } from '../../renderer/data/core/keys/webCryptoEncryptionStorage';
import { householdJsonSchema, type Household } from '../../shared/schemas/household';
import { makeHousehold } from '../support/documents';

const PASSWORD = 'test-database-password-0123456789';
const VILLAGE = '371623102202';
const PHONE = '13955507788';
const DIAGNOSIS = '慢性肾衰竭每周透析三次';

let opened: JiuzhuDatabase | null = null;
afterEach(async () => {
  await opened?.close();
  opened = null;
});

let serial = 0;
async function open(name = `webcrypto-${Date.now()}-${serial++}`): Promise<{ name: string; db: JiuzhuDatabase }> {
  opened = await openJiuzhuDatabase(name, getRxStorageDexie(), { password: PASSWORD });
  return { name, db: opened };
}

/** The storage beneath the encryption: what the Dexie storage (IndexedDB) really holds. */
function rawStorage(collection: RxCollection): RxStorageInstance<Record<string, unknown>, unknown, unknown> {
  const wrapped = collection.internalStorageInstance as unknown as { originalStorageInstance?: RxStorageInstance<Record<string, unknown>, unknown, unknown> };
  if (!wrapped.originalStorageInstance) throw new Error('the collection is not behind the encrypting storage');
  return wrapped.originalStorageInstance;
}

async function rawDoc(collection: RxCollection, id: string): Promise<RxDocumentData<Record<string, unknown>>> {
  const [doc] = await rawStorage(collection).findDocumentsById([id], false);
  if (!doc) throw new Error(`no stored document ${id}`);
  return doc;
}

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** Rewrites a stored household row in IndexedDB itself, as someone with the disk could; counts the rows changed. */
async function changeOnDisk(dbName: string, id: string, change: (row: Record<string, unknown>) => Record<string, unknown> | null): Promise<number> {
  let changed = 0;
  for (const info of await indexedDB.databases()) {
    if (!info.name?.includes(dbName) || !info.name.endsWith('households')) continue;
    const db = await request(indexedDB.open(info.name));
    for (const storeName of [...db.objectStoreNames]) {
      const tx = db.transaction(storeName, 'readwrite');
      const done = new Promise((resolve) => (tx.oncomplete = resolve));
      const cursorRequest = tx.objectStore(storeName).openCursor();
      cursorRequest.onsuccess = () => {
        const cursor = cursorRequest.result;
        if (!cursor) return;
        const row = cursor.value as Record<string, unknown>;
        const next = row.id === id ? change(row) : null;
        if (next) {
          cursor.update(next);
          changed++;
        }
        cursor.continue();
      };
      await done;
    }
    db.close();
  }
  return changed;
}

function householdWithSecrets(phone = PHONE): Household {
  const household = makeHousehold(VILLAGE, { phone, note: '家中无劳动力' });
  household.members[0] = { ...household.members[0]!, seriousIllness: true, illnessNote: DIAGNOSIS };
  return household;
}

describe('field encryption with WebCrypto AES-GCM', () => {
  it('gives back the household with its members as written, while the storage beneath holds only g2: ciphertexts', async () => {
    const { db } = await open();
    const household = householdWithSecrets();
    await db.households.insert(household);

    const back = (await db.households.findOne(household.id).exec())!.toMutableJSON();
    expect(back.members).toEqual(household.members);
    expect(back.phone).toBe(PHONE);
    expect(back.note).toBe(household.note);
    // A query (not only a lookup by id) decrypts too.
    const found = await db.households.find({ selector: { areaCode: VILLAGE } }).exec();
    expect(found.map((d) => d.toJSON().members[0]?.illnessNote)).toEqual([DIAGNOSIS]);

    const stored = await rawDoc(db.households, household.id);
    const text = JSON.stringify(stored);
    // The plain fields are there, so the absences below mean something.
    expect(text).toContain(household.areaCode);
    const secrets = [household.members[0]!.idNumber!, household.members[1]!.idNumber!, household.members[0]!.name, household.address, PHONE, DIAGNOSIS];
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const field of ['members', 'phone', 'note', 'address']) expect(stored[field]).toMatch(/^g2:[A-Za-z0-9+/]+=*$/);
  });

  it('binds a value to its record: moved to the same field of another household, it does not open', async () => {
    const { name, db } = await open();
    const [mine, theirs] = [householdWithSecrets('13955507701'), householdWithSecrets('13955507702')];
    await db.households.bulkInsert([mine, theirs]);
    const theirPhone = (await rawDoc(db.households, theirs.id)).phone as string;
    await db.close();
    expect(await changeOnDisk(name, mine.id, (row) => ({ ...row, phone: theirPhone }))).toBe(1);

    const again = (await open(name)).db;
    await expect(again.households.findOne(mine.id).exec()).rejects.toThrow(/cannot decrypt households\.phone: wrong key, another record’s value/);
    expect((await again.households.findOne(theirs.id).exec())?.phone).toBe('13955507702');
  });

  it('refuses a value in the old format (bound to the field only) once the collection is past it', async () => {
    const { name, db } = await open();
    const household = householdWithSecrets();
    await db.households.insert(household);
    await db.close();
    // Sealed as the old format was, with the right key: only a migration from an old version may read it.
    const oldStorage = wrappedWebCryptoEncryptionStorage({ storage: getRxStorageDexie(), writesOldFormat: true, readsOldFormat: () => true }) as RxStorage<unknown, unknown>;
    const oldDb = await createRxDatabase({ name: `${name}-old`, storage: oldStorage, password: PASSWORD, multiInstance: false });
    await oldDb.addCollections({ households: { schema: householdJsonSchema as unknown as RxJsonSchema<Household> } });
    await oldDb.households!.insert(household);
    const oldPhone = (await rawDoc(oldDb.households!, household.id)).phone as string;
    expect(oldPhone.startsWith('g1:')).toBe(true);
    await oldDb.remove();
    expect(await changeOnDisk(name, household.id, (row) => ({ ...row, phone: oldPhone }))).toBe(1);

    const again = (await open(name)).db;
    await expect(again.households.findOne(household.id).exec()).rejects.toThrow(/cannot decrypt households\.phone: not in this version’s format/);
  });

  it('seals the same value differently each time (a fresh IV per value)', async () => {
    const { db } = await open();
    const first = householdWithSecrets();
    const second = householdWithSecrets();
    await db.households.bulkInsert([first, second]);
    const a = await rawDoc(db.households, first.id);
    const b = await rawDoc(db.households, second.id);
    expect((await db.households.findOne(second.id).exec())!.phone).toBe(PHONE);
    expect(a.phone).not.toEqual(b.phone);

    // And an update of the same document with an unchanged phone seals it afresh.
    await (await db.households.findOne(first.id).exec())!.incrementalPatch({ address: '测试村新址1号' });
    expect((await rawDoc(db.households, first.id)).phone).not.toEqual(a.phone);
  });

  it('hands a write’s own documents to its change events without decrypting them again, in write order', async () => {
    const { db } = await open();
    const seen: { id: string; phone: string | undefined; address: string }[] = [];
    const subscription = db.households.$.subscribe((event) => {
      const doc = event.documentData as Household;
      seen.push({ id: doc.id, phone: doc.phone, address: doc.address });
    });
    const households = Array.from({ length: 20 }, (_, i) => householdWithSecrets(`139555077${String(i).padStart(2, '0')}`));
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    try {
      const { success } = await db.households.bulkInsert(households);
      await success[3]!.incrementalPatch({ address: '测试村新址2号' });
      expect(decrypt).not.toHaveBeenCalled();
    } finally {
      decrypt.mockRestore();
      subscription.unsubscribe();
    }
    expect(seen.map((event) => event.phone)).toEqual([...households.map((h) => h.phone), households[3]!.phone]);
    expect(seen.at(-1)).toEqual({ id: households[3]!.id, phone: households[3]!.phone, address: '测试村新址2号' });
    // What is read back later is decrypted from disk and the same.
    expect((await db.households.findOne(households[3]!.id).exec())!.toJSON()).toMatchObject({ phone: households[3]!.phone, address: '测试村新址2号' });
  });

  it('refuses a changed ciphertext loudly instead of returning garbage', async () => {
    const { name, db } = await open();
    const household = householdWithSecrets();
    await db.households.insert(household);
    const stored = await rawDoc(db.households, household.id);
    const phone = stored.phone as string;
    const at = 'g2:'.length + 20; // inside the ciphertext, past the IV
    const tampered = phone.slice(0, at) + (phone[at] === 'A' ? 'B' : 'A') + phone.slice(at + 1);
    await db.close();
    expect(await changeOnDisk(name, household.id, (row) => (row.phone === phone ? { ...row, phone: tampered } : null))).toBe(1);

    // Opened afresh, so nothing comes from RxDB's document cache.
    const again = (await open(name)).db;
    await expect(again.households.findOne(household.id).exec()).rejects.toThrow(/cannot decrypt households\.phone/);
  });

  it('keeps an attachment sealed on disk and gives back the same bytes', async () => {
    const { db } = await open();
    const bytes = new Uint8Array(200_000);
    for (let i = 0; i < bytes.length; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await storeFileBytes(db.attachmentFiles, { sha256, contentType: 'image/jpeg', size: bytes.length, areaCode: VILLAGE, uploaded: false }, bytes);

    const back = await readFileBytes(db.attachmentFiles, sha256);
    expect(back).not.toBeNull();
    expect(Buffer.from(back!).equals(Buffer.from(bytes))).toBe(true);

    const stored = await rawDoc(db.attachmentFiles, sha256);
    const digest = (stored._attachments as Record<string, { digest: string }>)[BYTES_ID]!.digest;
    const onDisk = new Uint8Array(await (await rawStorage(db.attachmentFiles).getAttachmentData(sha256, BYTES_ID, digest)).arrayBuffer());
    // IV (12 bytes) + ciphertext + tag (16 bytes), and none of the plain bytes at the start.
    expect(onDisk.length).toBe(bytes.length + 28);
    expect(Buffer.from(onDisk.subarray(12, 1012)).equals(Buffer.from(bytes.subarray(0, 1000)))).toBe(false);
  });

  it('refuses a database the crypto-js build wrote with DB1, which Workspace.open answers by starting afresh', async () => {
    const name = `webcrypto-foreign-${Date.now()}`;
    const storage = wrappedKeyEncryptionCryptoJsStorage({ storage: getRxStorageDexie() }) as RxStorage<unknown, unknown>;
    const old = await createRxDatabase({ name, storage, password: PASSWORD, multiInstance: false });
    await old.addCollections({ households: { schema: householdJsonSchema as unknown as RxJsonSchema<Household> } });
    await old.households!.insert(householdWithSecrets());
    await old.close();

    await expect(openJiuzhuDatabase(name, getRxStorageDexie(), { password: PASSWORD })).rejects.toMatchObject({ code: 'DB1' });
  });
});

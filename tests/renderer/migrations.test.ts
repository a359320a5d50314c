import 'fake-indexeddb/auto';
import { createRxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { openJiuzhuDatabase } from '../../renderer/data/core/database';
import { searchHouseholds } from '../../renderer/data/households/householdSearch';
import { wrappedWebCryptoEncryptionStorage } from '../../renderer/data/core/keys/webCryptoEncryptionStorage';
import type { ConflictRecord } from '../../renderer/data/core/sync/conflicts';
import { hashIdNumber } from '../../shared/domain/idHash';
import { applicationSchema } from '../../shared/schemas/application';
import { careNeedSchema, type CareNeed } from '../../shared/schemas/careNeed';
import { householdSchema } from '../../shared/schemas/household';
import applications0 from '../../shared/schemas/shipped/applications.v0.json';
import careNeeds0 from '../../shared/schemas/shipped/careNeeds.v0.json';
import conflicts0 from '../../shared/schemas/shipped/conflicts.v0.json';
import households0 from '../../shared/schemas/shipped/households.v0.json';
import households1 from '../../shared/schemas/shipped/households.v1.json';
import visits0 from '../../shared/schemas/shipped/visits.v0.json';
import visits1 from '../../shared/schemas/shipped/visits.v1.json';
import visits2 from '../../shared/schemas/shipped/visits.v2.json';
import visits3 from '../../shared/schemas/shipped/visits.v3.json';
import households2 from '../../shared/schemas/shipped/households.v2.json';
import households3 from '../../shared/schemas/shipped/households.v3.json';
import applications1 from '../../shared/schemas/shipped/applications.v1.json';
import applications2 from '../../shared/schemas/shipped/applications.v2.json';
import applications3 from '../../shared/schemas/shipped/applications.v3.json';
import careNeeds1 from '../../shared/schemas/shipped/careNeeds.v1.json';
import attachments0 from '../../shared/schemas/shipped/attachments.v0.json';
import conflicts1 from '../../shared/schemas/shipped/conflicts.v1.json';
import { visitSchema } from '../../shared/schemas/visit';
import { makeApplication, makeAttachment, makeHousehold, makeVisit } from '../support/documents';

const PASSWORD = 'test-database-password-0123456789';
const schema = (json: unknown) => ({ schema: json as RxJsonSchema<unknown> });

/**
 * Writes a database exactly as an earlier version of the app did, with its shipped schemas.
 * The password is the one the current version opens with: the migration steps are what is
 * tested here (a database from before encryption is not readable with a key and is replaced by
 * a fresh pull, see Workspace.open).
 */
async function writeOld(name: string, collections: Record<string, { schema: unknown; docs: unknown[] }>, format: 'g1' | 'g2' = 'g1'): Promise<void> {
  // Sealed as those versions sealed: each value bound to its field only (`g1:`), or also to its record (`g2:`).
  const storage = wrappedWebCryptoEncryptionStorage({ storage: getRxStorageDexie(), writesOldFormat: format === 'g1' }) as RxStorage<unknown, unknown>;
  const db = await createRxDatabase({ name, storage, password: PASSWORD, multiInstance: false });
  await db.addCollections(Object.fromEntries(Object.entries(collections).map(([key, value]) => [key, schema(value.schema)])));
  for (const [key, value] of Object.entries(collections)) await db[key]!.bulkInsert(value.docs);
  await db.close();
}

const names = (doc: { members: { name: string }[] }) => doc.members.map((m) => m.name);

/** Every row of every IndexedDB database whose name contains `name`, as JSON text: what the disk holds. */
async function storedRowsText(name: string): Promise<string> {
  const request = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const texts: string[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name?.includes(name)) continue;
    const db = await request(indexedDB.open(info.name));
    for (const store of [...db.objectStoreNames]) {
      texts.push(JSON.stringify(await request(db.transaction(store, 'readonly').objectStore(store).getAll())));
    }
    db.close();
  }
  return texts.join('\n');
}

function makeCareNeed(householdId: string, areaCode: string): CareNeed {
  const now = Date.now();
  return {
    id: `cn-${Math.random().toString(36).slice(2, 14)}`,
    areaCode,
    householdId,
    category: 'medical',
    severity: 'high',
    description: '户主患尿毒症，每周透析两次',
    referrals: [],
    followUps: [{ id: 'f1', dueDate: '2026-12-01', note: '回访透析费用报销情况' }],
    state: 'open',
    createdAt: now,
    createdBy: 'test',
    updatedAt: now,
    updatedBy: 'test',
  };
}

describe('local database migrations', () => {
  it('opens a database written by version 0 and finds every household and visit intact, with ID hashes (its township’s key) and member names added', async () => {
    const households = [makeHousehold('371623102201'), makeHousehold('371623102201'), makeHousehold('371623102202'), makeHousehold('371621104303')];
    const visits = households.map((h) => makeVisit(h));
    const v0 = households.map(({ members, ...rest }) => ({ ...rest, members: members.map(({ id, name, idNumber, relation, birthDate, sex }) => ({ id, name, idNumber, relation, birthDate, sex })) }));
    await writeOld('migration-v0', { households: { schema: households0, docs: v0 }, visits: { schema: visits0, docs: visits } });

    // Keys of two townships; the household of a third (371621104) has none here and gets its hashes from the server.
    const searchKeys = { '371623102': 'test-search-key-jieshishan', '371623101': 'test-search-key-other' };
    const db = await openJiuzhuDatabase('migration-v0', getRxStorageDexie(), { searchKeys, password: PASSWORD });
    try {
      const migrated = (await db.households.find().exec()).map((d) => d.toJSON());
      expect(migrated).toHaveLength(households.length);
      for (const original of households) {
        const doc = migrated.find((d) => d.id === original.id);
        expect(doc).toMatchObject(original);
        const key = original.areaCode.startsWith('371623102') ? searchKeys['371623102'] : null;
        expect(doc?.idHashes).toEqual(key ? await Promise.all(original.members.map((m) => hashIdNumber(key, m.idNumber))) : undefined);
        expect(doc?.memberNames).toEqual(names(original));
        expect(householdSchema.safeParse(doc).success).toBe(true);
      }
      const migratedVisits = (await db.visits.find().exec()).map((d) => d.toJSON());
      expect(migratedVisits).toHaveLength(visits.length);
      for (const original of visits) {
        const doc = migratedVisits.find((d) => d.id === original.id);
        expect(doc).toEqual(expect.objectContaining(original));
        expect(visitSchema.safeParse(doc).success).toBe(true);
      }
    } finally {
      await db.remove();
    }
  });

  it('opens a database written by the version before encryption (households v1, visits v1, applications v0, care needs v0, conflicts v0) with everything intact and findable by name', async () => {
    const households = [makeHousehold('371623102201', { phone: '13912345678', note: '户主长期卧床' }), makeHousehold('371623102202')];
    const visits = households.map((h) => makeVisit(h, { healthChanges: '新发脑梗，左侧偏瘫' }));
    const applications = households.map((h) => makeApplication(h, { reason: '因病致贫' }));
    const careNeeds = households.map((h) => makeCareNeed(h.id, h.areaCode));
    const conflict: ConflictRecord = {
      id: 'conflict-1',
      collectionName: 'households',
      documentId: households[0]!.id,
      areaCode: households[0]!.areaCode,
      fields: ['phone'],
      localJson: JSON.stringify(households[0]),
      remoteJson: JSON.stringify({ ...households[0], phone: '13900000000' }),
      createdAt: Date.now(),
      state: 'open',
    };
    await writeOld('migration-v1', {
      households: { schema: households1, docs: households },
      visits: { schema: visits1, docs: visits },
      applications: { schema: applications0, docs: applications },
      careNeeds: { schema: careNeeds0, docs: careNeeds },
      conflicts: { schema: conflicts0, docs: [conflict] },
    });

    const db = await openJiuzhuDatabase('migration-v1', getRxStorageDexie(), { password: PASSWORD });
    try {
      for (const original of households) {
        const doc = (await db.households.findOne(original.id).exec())?.toJSON();
        expect(doc).toMatchObject(original);
        expect(doc?.memberNames).toEqual(names(original));
        expect(householdSchema.safeParse(doc).success).toBe(true);
      }
      // The name search finds the second member of the first household.
      const byName = await searchHouseholds(db, { text: names(households[0]!)[1]!, includeArchived: true }, null);
      expect(byName.map((d) => d.id)).toEqual([households[0]!.id]);
      for (const original of visits) {
        const doc = (await db.visits.findOne(original.id).exec())?.toJSON();
        expect(doc).toEqual(expect.objectContaining(original));
        expect(visitSchema.safeParse(doc).success).toBe(true);
      }
      for (const original of applications) {
        const doc = (await db.applications.findOne(original.id).exec())?.toJSON();
        expect(doc).toEqual(expect.objectContaining(original));
        expect(applicationSchema.safeParse(doc).success).toBe(true);
      }
      for (const original of careNeeds) {
        const doc = (await db.careNeeds.findOne(original.id).exec())?.toJSON();
        expect(doc).toEqual(expect.objectContaining(original));
        expect(careNeedSchema.safeParse(doc).success).toBe(true);
      }
      expect((await db.conflicts.findOne('conflict-1').exec())?.toJSON()).toEqual(expect.objectContaining(conflict));
    } finally {
      await db.remove();
    }
  });

  it('opens the version before values were bound to their records (households v2, visits v2, applications v1, care needs v1, attachments v0, conflicts v1): intact, findable, every value re-sealed to its record, nothing naming a person left plain', async () => {
    const households = [makeHousehold('371623102201', { phone: '13912345670', note: '户主长期卧床' }), makeHousehold('371623102202')].map((h) => ({
      ...h,
      memberNames: names(h),
      idHashes: h.members.map((m) => `hash-of-${m.id}-000000000`),
    }));
    const archived = { ...households[1]!, archived: { at: Date.now(), by: 'u-test', reason: '户主去世，家人迁往县城' } };
    const visits = households.map((h) => makeVisit(h, { healthChanges: '新发脑梗，左侧偏瘫' }));
    const applications = households.map((h) => makeApplication(h, { reason: '因病致贫' }));
    const careNeeds = households.map((h) => makeCareNeed(h.id, h.areaCode));
    const attachment = makeAttachment(households[0]!, 'households', { caption: '户主孙桂兰的残疾证' });
    const conflict: ConflictRecord = {
      id: 'conflict-2',
      collectionName: 'households',
      documentId: households[0]!.id,
      areaCode: households[0]!.areaCode,
      fields: ['phone'],
      localJson: JSON.stringify(households[0]),
      remoteJson: JSON.stringify({ ...households[0], phone: '13900000000' }),
      createdAt: Date.now(),
      state: 'open',
    };
    await writeOld('migration-v2', {
      households: { schema: households2, docs: [households[0], archived] },
      visits: { schema: visits2, docs: visits },
      applications: { schema: applications1, docs: applications },
      careNeeds: { schema: careNeeds1, docs: careNeeds },
      attachments: { schema: attachments0, docs: [attachment] },
      conflicts: { schema: conflicts1, docs: [conflict] },
    });

    const db = await openJiuzhuDatabase('migration-v2', getRxStorageDexie(), { password: PASSWORD });
    try {
      expect((await db.households.findOne(households[0]!.id).exec())?.toJSON()).toMatchObject(households[0]!);
      expect((await db.households.findOne(archived.id).exec())?.toJSON()).toMatchObject(archived);
      for (const original of visits) expect((await db.visits.findOne(original.id).exec())?.toJSON()).toEqual(expect.objectContaining(original));
      for (const original of applications) expect((await db.applications.findOne(original.id).exec())?.toJSON()).toEqual(expect.objectContaining(original));
      for (const original of careNeeds) expect((await db.careNeeds.findOne(original.id).exec())?.toJSON()).toEqual(expect.objectContaining(original));
      expect((await db.attachments.findOne(attachment.id).exec())?.toJSON()).toEqual(expect.objectContaining(attachment));
      expect((await db.conflicts.findOne('conflict-2').exec())?.toJSON()).toEqual(expect.objectContaining(conflict));
      const byName = await searchHouseholds(db, { text: names(households[0]!)[1]! }, null);
      expect(byName.map((d) => d.id)).toEqual([households[0]!.id]);

      // What the migration left on disk: every sealed value in the bound format, no name, address or reason in plain text.
      const disk = await storedRowsText('migration-v2');
      expect(disk).toContain(households[0]!.id);
      expect(disk).not.toMatch(/"g1:/);
      for (const secret of [...names(households[0]!), households[0]!.address, '户主去世', '孙桂兰', '新发脑梗', '户主长期卧床']) expect(disk).not.toContain(secret);
    } finally {
      await db.remove();
    }
  });

  it('opens applications v2 (before the programmes’ own steps and the benefit) intact, and then stores a v3 application with them', async () => {
    const household = makeHousehold('371623102201');
    const applications = [makeApplication(household, { reason: '因病致贫' }), makeApplication(household, { reason: '突发火灾' })];
    await writeOld('migration-apps-v2', { applications: { schema: applications2, docs: applications } }, 'g2');

    const db = await openJiuzhuDatabase('migration-apps-v2', getRxStorageDexie(), { password: PASSWORD });
    try {
      for (const original of applications) {
        const doc = (await db.applications.findOne(original.id).exec())?.toJSON();
        expect(doc).toEqual(expect.objectContaining(original));
        expect(applicationSchema.safeParse(doc).success).toBe(true);
      }
      const withLife = {
        ...makeApplication(household, { reason: '低保复核' }),
        facts: { propertyWithinLimits: true, legalSupporterAbleToSupport: false },
        benefit: { state: 'active' as const, monthlyAmount: 420, fromMonth: '2026-11', changes: [], reviews: [] },
      };
      await db.applications.insert(withLife);
      expect((await db.applications.findOne(withLife.id).exec())?.toJSON()).toEqual(expect.objectContaining(withLife));
      expect(await storedRowsText('migration-apps-v2')).not.toContain('低保复核');
    } finally {
      await db.remove();
    }
  });

  it('keeps the shipped schemas frozen', () => {
    // A shipped schema is never edited: a change is a new version with a migration.
    expect(households0.version).toBe(0);
    expect(visits0.version).toBe(0);
    expect(Object.keys(households0.properties).sort()).toEqual(
      ['address', 'areaCode', 'createdAt', 'createdBy', 'id', 'members', 'note', 'phone', 'updatedAt', 'updatedBy'],
    );
    expect([households1.version, visits1.version, applications0.version, careNeeds0.version, conflicts0.version]).toEqual([1, 1, 0, 0, 0]);
    for (const shipped of [households0, households1, visits0, visits1, applications0, careNeeds0, conflicts0]) {
      expect(shipped).not.toHaveProperty('encrypted');
    }
    expect([households2.version, visits2.version, applications1.version, careNeeds1.version, attachments0.version, conflicts1.version]).toEqual([2, 2, 1, 1, 0, 1]);
    expect(households2.encrypted).toEqual(['members', 'phone', 'note']);
    expect(attachments0).not.toHaveProperty('encrypted');
    expect(Object.keys(households1.properties)).not.toContain('memberNames');
  });
});

describe('households v3 → v4 (城市/农村 mark)', () => {
  it('opens households v3 intact, findable by name, and then stores a v4 household marked urban', async () => {
    const households = [makeHousehold('371623102201'), makeHousehold('371623102202')].map((h) => ({ ...h, memberNames: names(h) }));
    await writeOld('migration-households-v3', { households: { schema: households3, docs: households } }, 'g2');

    const db = await openJiuzhuDatabase('migration-households-v3', getRxStorageDexie(), { password: PASSWORD });
    try {
      for (const original of households) {
        const doc = (await db.households.findOne(original.id).exec())?.toJSON();
        expect(doc).toEqual(expect.objectContaining(original));
        expect(doc).not.toHaveProperty('residence');
        expect(householdSchema.safeParse(doc).success).toBe(true);
      }
      expect((await searchHouseholds(db, { text: names(households[0]!)[0]! }, null)).map((h) => h.id)).toContain(households[0]!.id);
      const marked = { ...makeHousehold('371623102201'), residence: 'urban' as const };
      await db.households.insert({ ...marked, memberNames: names(marked) });
      expect((await db.households.findOne(marked.id).exec())?.toJSON()).toMatchObject({ residence: 'urban' });
    } finally {
      await db.remove();
    }
  });
});

describe('visits v3 → v4 (复核结论)', () => {
  it('opens visits v3 intact, their findings still readable, and then stores a v4 review visit with its outcome', async () => {
    const household = makeHousehold('371623102201');
    const visits = [makeVisit(household, { healthChanges: '新发脑梗，左侧偏瘫' }), makeVisit(household)];
    await writeOld('migration-visits-v3', { visits: { schema: visits3, docs: visits } }, 'g2');

    const db = await openJiuzhuDatabase('migration-visits-v3', getRxStorageDexie(), { password: PASSWORD });
    try {
      for (const original of visits) {
        const doc = (await db.visits.findOne(original.id).exec())?.toJSON();
        expect(doc).toEqual(expect.objectContaining(original));
        expect(doc).not.toHaveProperty('reviewOutcome');
        expect(visitSchema.safeParse(doc).success).toBe(true);
      }
      const review = makeVisit(household, { reviewOutcome: 'stop' });
      await db.visits.insert(review);
      expect((await db.visits.findOne(review.id).exec())?.toJSON()).toMatchObject({ reviewOutcome: 'stop', findings: review.findings });
    } finally {
      await db.remove();
    }
  });
});

describe('applications v3 → v4 (码上查 tracking code)', () => {
  it('opens applications v3 intact, without a code, and then stores a v4 application with its code sealed', async () => {
    const household = makeHousehold('371623102201');
    const applications = [makeApplication(household, { reason: '因病致贫' }), makeApplication(household)];
    await writeOld('migration-apps-v3', { applications: { schema: applications3, docs: applications } }, 'g2');

    const db = await openJiuzhuDatabase('migration-apps-v3', getRxStorageDexie(), { password: PASSWORD });
    try {
      for (const original of applications) {
        const doc = (await db.applications.findOne(original.id).exec())?.toJSON();
        expect(doc).toEqual(expect.objectContaining(original));
        expect(doc).not.toHaveProperty('trackingCode');
        expect(applicationSchema.safeParse(doc).success).toBe(true);
      }
      const tracked = { ...makeApplication(household), trackingCode: 'ABCD2345EFGH6789', trackingRevoked: false };
      await db.applications.insert(tracked);
      expect((await db.applications.findOne(tracked.id).exec())?.toJSON()).toMatchObject({ trackingCode: 'ABCD2345EFGH6789' });
      // Whoever holds the code may ask about the case: it is sealed like the rest of the file.
      expect(await storedRowsText('migration-apps-v3')).not.toContain('ABCD2345EFGH6789');
    } finally {
      await db.remove();
    }
  });
});

import 'fake-indexeddb/auto';
import { createRxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { openJiuzhuDatabase } from '../../renderer/data/core/database';
import { wrappedWebCryptoEncryptionStorage } from '../../renderer/data/core/keys/webCryptoEncryptionStorage';
import { policyInForce } from '../../shared/rules/policyInForce';
import { policyFigureNames, policySchema } from '../../shared/schemas/reference';
import policies0 from '../../shared/schemas/shipped/policies.v0.json';
import policies1 from '../../shared/schemas/shipped/policies.v1.json';

const PASSWORD = 'test-database-password-0123456789';

/** Two v0 rows of one county as the server shipped them (a year each), one with a standard set. */
const v0Rows = [2025, 2026].map((year) => ({
  id: `policy-371623-${year}`,
  areaCode: '371623000000',
  year,
  dibaoStandardUrbanMonthly: year === 2026 ? 1010 : null,
  dibaoStandardRuralMonthly: year === 2026 ? 820 : null,
  edgeMultiplier: 1.5,
  lastYearPerCapitaDisposableIncomeMonthly: null,
  rigidSpendingShare: null,
  source: `惠民县${year}年标准`,
  validFrom: `${year}-01-01`,
  validTo: `${year}-12-31`,
  placeholder: year === 2025,
  updatedAt: Date.UTC(2026, 0, 1),
}));

describe('policies v0 → v1 on the laptop', () => {
  it('opens a database holding v0 policies with every figure kept, the year turned into its period, the new figures 待配置', async () => {
    const storage = wrappedWebCryptoEncryptionStorage({ storage: getRxStorageDexie() }) as RxStorage<unknown, unknown>;
    const old = await createRxDatabase({ name: 'migration-policies-v0', storage, password: PASSWORD, multiInstance: false });
    await old.addCollections({ policies: { schema: policies0 as unknown as RxJsonSchema<unknown> } });
    await old.policies!.bulkInsert(v0Rows);
    await old.close();

    const db = await openJiuzhuDatabase('migration-policies-v0', getRxStorageDexie(), { password: PASSWORD });
    try {
      const docs = (await db.policies.find().exec()).map((d) => d.toJSON());
      expect(docs).toHaveLength(2);
      for (const doc of docs) {
        expect(policySchema.safeParse(doc).success).toBe(true);
        expect(doc).not.toHaveProperty('year');
        expect(doc.figureSources).toEqual({});
        expect(doc.example).toBe(false);
        expect(doc.tekunBasicLivingMonthly).toBeNull();
        expect(Object.keys(doc).filter((k) => (policyFigureNames as string[]).includes(k))).toHaveLength(policyFigureNames.length);
      }
      const in2026 = policyInForce(docs, '371623', '3716', '2026-03-01');
      expect(in2026.county?.id).toBe('policy-371623-2026');
      expect(in2026.figures.dibaoStandardRuralMonthly).toMatchObject({ value: 820, validFrom: '2026-01-01', validTo: '2026-12-31', source: '惠民县2026年标准' });
      expect(policyInForce(docs, '371623', '3716', '2025-12-31').county?.placeholder).toBe(true);
    } finally {
      await db.remove();
    }
  });
});

describe('policies v1 → v2 on the laptop', () => {
  it('opens a database holding a v1 period with every figure kept and the county’s 医疗救助 公示 choice 待配置', async () => {
    const v1 = {
      ...Object.fromEntries(policyFigureNames.filter((name) => name !== 'medicalAidPublicNotice').map((name) => [name, null])),
      id: 'policy-371621-2026',
      areaCode: '371621000000',
      dibaoStandardRuralMonthly: 820,
      medicalAidRatioDibao: 0.7,
      source: '惠民县2026年标准',
      figureSources: { medicalAidRatioDibao: '惠民县医保局文件' },
      validFrom: '2026-01-01',
      placeholder: false,
      example: false,
      setByUserId: 'u-county',
      setByName: '县民政局',
      updatedAt: Date.UTC(2026, 0, 1),
    };
    const storage = wrappedWebCryptoEncryptionStorage({ storage: getRxStorageDexie() }) as RxStorage<unknown, unknown>;
    const old = await createRxDatabase({ name: 'migration-policies-v1', storage, password: PASSWORD, multiInstance: false });
    await old.addCollections({ policies: { schema: policies1 as unknown as RxJsonSchema<unknown> } });
    await old.policies!.insert(v1);
    await old.close();

    const db = await openJiuzhuDatabase('migration-policies-v1', getRxStorageDexie(), { password: PASSWORD });
    try {
      const doc = (await db.policies.findOne('policy-371621-2026').exec())!.toJSON();
      expect(policySchema.safeParse(doc).success).toBe(true);
      expect(doc).toMatchObject({ ...v1, medicalAidPublicNotice: null });
      expect(policyInForce([doc], '371621', '3716', '2026-06-01').figures.dibaoStandardRuralMonthly).toMatchObject({ value: 820 });
    } finally {
      await db.remove();
    }
  });
});

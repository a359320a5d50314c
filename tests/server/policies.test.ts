import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policySchema, type Policy } from '../../shared/schemas/reference';
import type { PullResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { policyPeriodAnswerSchema, type PolicyPeriodAnswer } from '../../shared/wire/policies';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

/** 惠民县 and its neighbour 阳信县; the city is 滨州市 (3716). */
const COUNTY = '371621000000';
const OTHER_COUNTY = '371622000000';
const CITY = '371600000000';
type Session = Awaited<ReturnType<TestServer['signIn']>>;

const period = (extra: Record<string, unknown> = {}) => ({
  areaCode: COUNTY,
  validFrom: '2026-07-01',
  figures: { dibaoStandardUrbanMonthly: 1050, dibaoStandardRuralMonthly: 860, edgeMultiplier: 1.5 },
  source: '惠民县人民政府关于提高城乡低保标准的通知（惠政字〔2026〕9号）',
  ...extra,
});

const setPeriod = (server: TestServer, who: Session, body: unknown) =>
  api<PolicyPeriodAnswer & ErrorBody>(server, who.accessToken, 'POST', '/api/v1/policies', body);

async function periods(server: TestServer, who: Session, areaCode = COUNTY): Promise<Policy[]> {
  const page = await api<PullResponse<Policy>>(server, who.accessToken, 'GET', '/api/v1/sync/policies/pull?limit=1000');
  return page.body.documents.filter((p) => p.areaCode === areaCode).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
}

describe.each(databaseKinds)('setting policy figures on %s', (kind) => {
  let server: TestServer;
  let county: Session;
  let city: Session;
  let assistant: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    county = await server.signIn('county', COUNTY);
    city = await server.signIn('city', CITY);
    assistant = await server.signIn('assistant', '371621104303');
  });
  afterAll(async () => server?.close());

  it('lets the county set a new period: the placeholder ends the day before, the new one carries who set it, and a village pulls both', async () => {
    const before = await periods(server, assistant);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ placeholder: true });
    expect(before[0]).not.toHaveProperty('validTo');

    const answer = await setPeriod(server, county, period({ figureSources: { edgeMultiplier: 'B5（2023）' } }));
    expect(answer.status).toBe(201);
    // The answer is exactly what shared/wire/policies.ts declares; the stored periods are v1 documents.
    expect(policyPeriodAnswerSchema.parse(answer.body)).toEqual(answer.body);
    expect(answer.body).toMatchObject({ id: 'policy-371621-2026-07-01', validFrom: '2026-07-01', setByName: '测试county', closed: { id: before[0]!.id, validTo: '2026-06-30' } });

    const after = await periods(server, assistant);
    for (const { _deleted, ...doc } of after as (Policy & { _deleted?: boolean })[]) expect(policySchema.safeParse(doc).error?.issues ?? []).toEqual([]);
    expect(after.map((p) => [p.validFrom, p.validTo])).toEqual([
      [before[0]!.validFrom, '2026-06-30'],
      ['2026-07-01', undefined],
    ]);
    expect(after[0]).toMatchObject({ ...before[0], validTo: '2026-06-30', updatedAt: expect.any(Number) });
    expect(after[1]).toMatchObject({
      dibaoStandardRuralMonthly: 860,
      tekunBasicLivingMonthly: null,
      source: period().source,
      figureSources: { edgeMultiplier: 'B5（2023）' },
      placeholder: false,
      example: false,
      setByUserId: county.user.id,
      setByName: '测试county',
    });

    const audit = await server.db.query<{ action: string; document_id: string; user_id: string }>(
      "SELECT action, document_id, user_id FROM audit_log WHERE collection = 'policies' AND action IN ('create', 'change') ORDER BY id",
    );
    expect(audit).toEqual([
      { action: 'create', document_id: 'policy-371621-2026-07-01', user_id: county.user.id },
      { action: 'change', document_id: before[0]!.id, user_id: county.user.id },
    ]);
  });

  it('refuses a period starting on or before the open one’s start, and overwrites nothing', async () => {
    for (const validFrom of ['2026-07-01', '2026-03-01']) {
      const answer = await setPeriod(server, county, period({ validFrom, figures: { dibaoStandardRuralMonthly: 1 } }));
      expect(answer.status, validFrom).toBe(409);
      expect(answer.body.error.details).toMatchObject({ fields: [{ field: 'validFrom' }] });
    }
    expect((await periods(server, assistant)).map((p) => p.dibaoStandardRuralMonthly)).toEqual([null, 860]);
  });

  it('never takes who set it from the body, nor a placeholder or example mark', async () => {
    for (const extra of [{ setByUserId: 'someone-else' }, { setByName: '冒名' }, { placeholder: true }, { example: true }]) {
      const answer = await setPeriod(server, county, period({ validFrom: '2027-01-01', ...extra }));
      expect(answer.status).toBe(400);
      expect(answer.body.error.details).toMatchObject({ fields: [{ field: '' }] });
    }
  });

  it('answers 400 naming the field for a bad figure, a missing source or a date that does not exist', async () => {
    const negative = await setPeriod(server, county, period({ validFrom: '2027-01-01', figures: { dibaoStandardRuralMonthly: -5 } }));
    expect(negative.status).toBe(400);
    expect(negative.body.error.details).toEqual({ fields: [{ field: 'figures.dibaoStandardRuralMonthly', message: '不能为负数' }] });
    const share = await setPeriod(server, county, period({ validFrom: '2027-01-01', figures: { rigidSpendingShare: 1.5 } }));
    expect(share.body.error.details).toEqual({ fields: [{ field: 'figures.rigidSpendingShare', message: '比例应在0到1之间' }] });
    const noSource = await setPeriod(server, county, period({ validFrom: '2027-01-01', source: '  ' }));
    expect(noSource.body.error.details).toEqual({ fields: [{ field: 'source', message: '请填写依据文件' }] });
    const noDay = await setPeriod(server, county, period({ validFrom: '2027-02-30' }));
    expect(noDay.status).toBe(400);
    expect(noDay.body.error.details).toEqual({ fields: [{ field: 'validFrom', message: '不是有效日期' }] });
  });

  it('refuses (403) every other role, and a county user for another county', async () => {
    for (const [role, area] of [
      ['assistant', '371621104303'],
      ['social_worker', '371621104000'],
      ['township', '371621104000'],
      ['admin', '000000000000'],
    ] as const) {
      const who = await server.signIn(role, area);
      expect((await setPeriod(server, who, period({ validFrom: '2027-01-01' }))).status, role).toBe(403);
    }
    expect((await setPeriod(server, county, period({ areaCode: OTHER_COUNTY, validFrom: '2027-01-01' }))).status).toBe(403);
    expect((await setPeriod(server, county, period({ areaCode: CITY, validFrom: '2027-01-01' }))).status).toBe(403);
    expect((await periods(server, county)).map((p) => p.validFrom).at(-1)).toBe('2026-07-01');
  });

  it('lets the city set a period for any county, and city-wide; a village sees the city’s, not the neighbour county’s', async () => {
    expect((await setPeriod(server, city, period({ areaCode: OTHER_COUNTY, validFrom: '2026-09-01' }))).status).toBe(201);
    const cityWide = await setPeriod(server, city, period({ areaCode: CITY, validFrom: '2026-01-01', figures: { illnessPovertyThreshold: 30000 } }));
    expect(cityWide.status).toBe(201);
    expect(cityWide.body.id).toBe('policy-3716-2026-01-01');
    expect(cityWide.body.closed).toBeNull();
    expect(await periods(server, assistant, CITY)).toMatchObject([{ illnessPovertyThreshold: 30000, setByUserId: city.user.id }]);
    expect(await periods(server, assistant, OTHER_COUNTY)).toEqual([]);
  });

  it('still refuses pushes to policies (reference data: 405)', async () => {
    const answer = await api(server, county.accessToken, 'POST', '/api/v1/sync/policies/push', []);
    expect(answer.status).toBe(405);
  });
});

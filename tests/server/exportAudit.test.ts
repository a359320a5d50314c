import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportAuditRecord } from '../../shared/exports/exportAudit';
import type { ErrorBody } from '../../shared/wire/errors';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';
import { auditEntries, type Session } from './securityFixtures';

const VILLAGE = '371623102201'; // 无棣县 碣石山镇
const TOWNSHIP = '371623102000';
const OTHER_TOWNSHIP_VILLAGE = '371621104303'; // 惠民县 胡集镇

function exportRecord(overrides: Partial<ExportAuditRecord> = {}): ExportAuditRecord {
  return {
    exportId: `ex-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    kind: 'households',
    at: Date.now() - 3_600_000,
    rowCount: 12,
    areaPrefix: '371623102',
    filter: { villageCode: VILLAGE, category: 'dibao', textSearch: true },
    ...overrides,
  };
}

describe.each(databaseKinds)('export audit on %s', (kind) => {
  let server: TestServer;
  let township: Session;
  let assistant: Session;
  let county: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    township = await server.signIn('township', TOWNSHIP);
    assistant = await server.signIn('assistant', VILLAGE);
    county = await server.signIn('county', '371623000000');
  });
  afterAll(async () => server?.close());

  const report = (who: Session | null, body: unknown) =>
    api<{ recorded: boolean } & Partial<ErrorBody>>(server, who?.accessToken ?? null, 'POST', '/api/v1/audit/exports', body);

  it('appends one export entry with kind, filter summary, row count and area, readable by the county', async () => {
    const record = exportRecord();
    const answer = await report(township, record);
    expect(answer.status).toBe(201);
    expect(answer.body.recorded).toBe(true);

    const entries = (await auditEntries(server, county, '&action=export')).filter((e) => e.details?.['exportId'] === record.exportId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'export',
      userId: township.user.id,
      deviceId: township.deviceId,
      role: 'township',
      collection: 'households',
      areaCode: TOWNSHIP,
    });
    expect(entries[0]!.details).toEqual({
      exportId: record.exportId,
      kind: 'households',
      areaPrefix: '371623102',
      rowCount: 12,
      filter: { villageCode: VILLAGE, category: 'dibao', textSearch: true },
      exportedAt: record.at,
    });
  });

  it('stores a record re-sent after a lost answer only once', async () => {
    const record = exportRecord({ kind: 'visits', rowCount: 3, areaPrefix: VILLAGE, filter: {} });
    expect((await report(assistant, record)).status).toBe(201);
    const again = await report(assistant, record);
    expect(again.status).toBe(200);
    expect(again.body.recorded).toBe(false);
    const entries = (await auditEntries(server, county, '&action=export')).filter((e) => e.details?.['exportId'] === record.exportId);
    expect(entries).toHaveLength(1);
  });

  it('records a printed form with the document it printed', async () => {
    const record = exportRecord({ kind: 'visitRecord', rowCount: 1, areaPrefix: VILLAGE, filter: {}, documentId: 'v-0123456789abcdef' });
    expect((await report(assistant, record)).status).toBe(201);
    const entries = await auditEntries(server, county, '&documentId=v-0123456789abcdef');
    expect(entries.map((e) => [e.action, e.collection])).toEqual([['export', 'visitRecord']]);
  });

  it('refuses an export outside the caller’s area, without a token, or carrying free text', async () => {
    const outside = await report(township, exportRecord({ areaPrefix: OTHER_TOWNSHIP_VILLAGE }));
    expect(outside.status).toBe(403);
    expect(outside.body.error?.code).toBe('out_of_scope');

    expect((await report(null, exportRecord())).status).toBe(401);

    // A searched name must never reach the log: the filter summary has no field for it.
    const withName = await report(township, { ...exportRecord(), filter: { text: '张三' } });
    expect(withName.status).toBe(400);
    const badCount = await report(township, exportRecord({ rowCount: -1 }));
    expect(badCount.status).toBe(400);
    expect(JSON.stringify(badCount.body)).toContain('rowCount');

    const all = JSON.stringify(await auditEntries(server, county, '&action=export'));
    expect(all).not.toContain('张三');
    expect(all).not.toContain(OTHER_TOWNSHIP_VILLAGE);
  });
});

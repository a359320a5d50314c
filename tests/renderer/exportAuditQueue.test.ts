import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportAuditRecord } from '../../shared/exports/exportAudit';
import { ExportAuditQueue } from '../../renderer/data/core/exports/auditQueue';
import { errorFromResponse, SyncHttpError } from '../../renderer/data/core/httpErrors';
import type { KeyValueStore } from '../../renderer/data/core/keyValueStore';
import { startTestServer, type TestServer } from '../support/testServer';
import { auditEntries, type Session } from '../server/securityFixtures';

const VILLAGE = '371623102201';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

let serial = 0;
function record(overrides: Partial<ExportAuditRecord> = {}): ExportAuditRecord {
  serial += 1;
  return { exportId: `ex-queue-test-${serial}-${Date.now()}`, kind: 'visits', at: Date.now(), rowCount: serial, areaPrefix: VILLAGE, filter: {}, ...overrides };
}

describe('the export audit queue against the real server', () => {
  let server: TestServer;
  let assistant: Session;
  let county: Session;
  /** Where the queue sends: the live server, or nowhere (a refused connection) while "offline". */
  let online = false;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    assistant = await server.signIn('assistant', VILLAGE);
    county = await server.signIn('county', '371623000000');
  });
  afterAll(async () => server?.close());

  async function send(item: ExportAuditRecord): Promise<void> {
    let response: Response;
    try {
      response = await fetch(online ? `${server.url}/api/v1/audit/exports` : 'http://127.0.0.1:9/api/v1/audit/exports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${assistant.accessToken}` },
        body: JSON.stringify(item),
      });
    } catch {
      throw new SyncHttpError('network', 0, 'network');
    }
    if (!response.ok) throw await errorFromResponse(response);
  }

  const stored = async (ids: string[]) =>
    (await auditEntries(server, county, '&action=export')).filter((e) => ids.includes(String(e.details?.['exportId']))).length;

  it('keeps records made offline, in order, and sends each once when the server answers again', async () => {
    const store = memoryStore();
    const queue = new ExportAuditQueue(store, 'q', send);
    online = false;
    const first = record();
    const second = record();
    await queue.add(first);
    await queue.add(second);
    expect(queue.waiting().map((r) => r.exportId)).toEqual([first.exportId, second.exportId]);
    // A reload: a new queue over the same storage still has them.
    const reloaded = new ExportAuditQueue(store, 'q', send);
    expect(reloaded.waiting()).toHaveLength(2);

    online = true;
    await Promise.all([reloaded.flush(), reloaded.flush()]);
    expect(reloaded.waiting()).toEqual([]);
    expect(store.data.has('q')).toBe(false);
    expect(await stored([first.exportId, second.exportId])).toBe(2);
  });

  it('drops a record the server refuses for good, and goes on with the rest', async () => {
    const queue = new ExportAuditQueue(memoryStore(), 'q', send);
    const outside = record({ areaPrefix: '371621104303' }); // another county: 403
    const fine = record();
    online = false;
    await queue.add(outside);
    await queue.add(fine);
    online = true;
    await queue.flush();
    expect(queue.waiting()).toEqual([]);
    expect(await stored([outside.exportId])).toBe(0);
    expect(await stored([fine.exportId])).toBe(1);
  });
});

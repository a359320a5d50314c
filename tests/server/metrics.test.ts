import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHousehold, wire } from '../support/documents';
import { api, startTestServer, type TestServer } from '../support/testServer';

/**
 * `GET /metrics` (sync-protocol.md): after a sign-in failure, a push and a pull, the scrape shows
 * each counted by route, collection and reason — and no person's data; it answers this machine
 * alone unless a token is set, and then only a scraper that sends it.
 */
const VILLAGE = '371623102201';

async function scrape(server: TestServer, headers: Record<string, string> = {}): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(`${server.url}/metrics`, { headers });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

/** The value of one sample, by its name and labels as the exposition format writes them. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Prometheus metrics', () => {
  let open: TestServer;
  let guarded: TestServer;

  beforeAll(async () => {
    open = await startTestServer('pglite', { server: { trustProxy: ['127.0.0.1'] } });
    guarded = await startTestServer('pglite', { server: { metricsToken: 'scrape-token-0123456789' } });
  }, 120_000);
  afterAll(async () => {
    await open?.close();
    await guarded?.close();
  });

  it('counts sign-in failures, pushed and pulled documents and requests by route, with nobody’s data in them', async () => {
    const assistant = await open.signIn('assistant', VILLAGE);
    const failed = await api(open, null, 'POST', '/api/v1/auth/login', { username: 'nobody-here', password: 'wrong-password', deviceId: 'dev-metrics-1' });
    expect(failed.status).toBe(401);
    const household = makeHousehold(VILLAGE);
    const pushed = await api(open, assistant.accessToken, 'POST', '/api/v1/sync/households/push', [{ assumedMasterState: null, newDocumentState: wire(household) }]);
    expect(pushed.status).toBe(200);
    const pulled = await api<{ documents: unknown[] }>(open, assistant.accessToken, 'GET', '/api/v1/sync/households/pull?limit=50');
    expect(pulled.body.documents.length).toBeGreaterThanOrEqual(1);

    const { status, text, type } = await scrape(open);
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(sample(text, 'jiuzhu_login_failures_total{reason="unknown_user"}')).toBe(1);
    expect(sample(text, 'jiuzhu_push_documents_total{collection="households"}')).toBe(1);
    expect(sample(text, 'jiuzhu_pull_documents_total{collection="households",via="pull"}')).toBe(pulled.body.documents.length);
    expect(sample(text, 'jiuzhu_http_requests_total{method="POST",route="/api/v1/sync/:collection/push",status="200"}')).toBe(1);
    expect(sample(text, 'jiuzhu_last_push_age_seconds{area="371623102"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'jiuzhu_push_lag_seconds_count{county="371623"}')).toBe(1);
    expect(sample(text, 'jiuzhu_open_streams')).toBe(0);
    expect(text).toContain('jiuzhu_process_resident_memory_bytes');
    // Routes as templates, areas as codes: no name, ID number, address or raw URL.
    for (const member of household.members) {
      expect(text).not.toContain(member.name);
      expect(text).not.toContain(member.idNumber);
    }
    expect(text).not.toContain(household.address);
    expect(text).not.toContain('nobody-here');
  });

  it('answers only this machine without a token, and only the token’s bearer with one', async () => {
    // Through a trusted proxy, a caller elsewhere is refused in words.
    const remote = await scrape(open, { 'x-forwarded-for': '203.0.113.7' });
    expect(remote.status).toBe(403);
    expect(JSON.parse(remote.text)).toMatchObject({ error: { code: 'forbidden' } });
    expect((await scrape(guarded)).status).toBe(403);
    expect((await scrape(guarded, { authorization: 'Bearer wrong-token' })).status).toBe(403);
    const scraped = await scrape(guarded, { authorization: 'Bearer scrape-token-0123456789' });
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('jiuzhu_http_requests_total');
  });
});

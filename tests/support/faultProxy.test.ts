import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './faultProxy';

// The fault proxy is itself test code that other tests trust: show that it cuts, resets and passes.
describe('faultProxy', () => {
  const body = 'x'.repeat(200_000);
  const server = createServer((_req, res) => {
    res.setHeader('content-length', String(body.length));
    res.end(body);
  });
  let proxy: FaultProxy;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    proxy = await startFaultProxy(address.port);
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('passes a whole answer when nothing is wrong', async () => {
    const text = await (await fetch(proxy.url)).text();
    expect(text.length).toBe(body.length);
  });

  it('cuts an answer mid-response, twice in a row, then lets the third through', async () => {
    proxy.cutAfter('down', 50_000, 2);
    const attempt = async () => {
      try {
        return (await (await fetch(proxy.url)).text()).length;
      } catch {
        return -1;
      }
    };
    expect(await attempt()).toBe(-1);
    expect(await attempt()).toBe(-1);
    expect(await attempt()).toBe(body.length);
    expect(proxy.cuts).toBeGreaterThanOrEqual(2);
  });

  it('refuses connections while the network is gone', async () => {
    proxy.refuse();
    await expect(fetch(proxy.url)).rejects.toThrow();
    proxy.allow();
    expect((await (await fetch(proxy.url)).text()).length).toBe(body.length);
  });
});

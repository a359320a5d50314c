import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../harness/postgresCluster';
import { probeServer } from '../../renderer/data/core/serverProbe';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The sign-in page's 可连接 / 连不上 beside each server the county's file names (issue 17): a real
 * server answers, a closed port and a server that takes the connection but never answers do not —
 * the last one after the probe's own time, never hanging the page.
 */
describe('whether a listed server answers now', () => {
  let server: TestServer;
  let silent: Server;
  let silentPort: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite');
    silent = createServer((socket) => sockets.push(socket));
    silentPort = await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)));
  }, 120_000);
  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => silent?.close(resolve));
    await server?.close();
  });

  it('says reachable for a server that answers its health check', async () => {
    expect(await probeServer(server.url)).toBe('reachable');
  });

  it('says unreachable for a port nobody listens on, and for a server that never answers', async () => {
    expect(await probeServer(`http://127.0.0.1:${await freePort()}`)).toBe('unreachable');
    expect(await probeServer(`http://127.0.0.1:${silentPort}`, fetch, 300)).toBe('unreachable');
    expect(sockets.length).toBeGreaterThan(0);
  });

  it('says unreachable for a web server that is not ours', async () => {
    // Any answer that is not the health check's `status: "ok"` (a router's page, a proxy's error).
    expect(await probeServer(`${server.url}/not-a-server`)).toBe('unreachable');
  });
});

/**
 * A userspace TCP proxy that shapes a link (this kernel has no netem): every chunk is delayed by
 * half the round-trip time and serialised at the link's bandwidth, separately in each direction,
 * like a slow mobile uplink. It also counts the bytes that cross it.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface SlowLinkOptions {
  /** Where the real server listens. */
  targetHost: string;
  targetPort: number;
  /** Bits per second in each direction. */
  bitsPerSecond: number;
  /** Round-trip time in ms (half is added in each direction). */
  rttMs: number;
}

export interface SlowLink {
  url: string;
  /** Bytes sent client → server and server → client so far. */
  bytes: { up: number; down: number };
  resetCounters(): void;
  close(): Promise<void>;
}

/** One direction of the link: a FIFO that releases each chunk when the link has carried it, plus the delay. */
function shapedPipe(from: Socket, to: Socket, options: SlowLinkOptions, count: (n: number) => void): void {
  const bytesPerMs = options.bitsPerSecond / 8 / 1000;
  let linkFreeAt = 0;
  let ended = false;
  let inFlight = 0;
  from.on('data', (chunk: Buffer) => {
    count(chunk.length);
    const now = performance.now();
    const start = Math.max(now, linkFreeAt);
    linkFreeAt = start + chunk.length / bytesPerMs;
    const arrive = linkFreeAt + options.rttMs / 2;
    inFlight++;
    setTimeout(() => {
      inFlight--;
      if (!to.destroyed) to.write(chunk);
      if (ended && inFlight === 0) to.end();
    }, Math.max(0, arrive - now));
  });
  from.on('end', () => {
    ended = true;
    if (inFlight === 0) to.end();
  });
  from.on('error', () => to.destroy());
}

export async function startSlowLink(options: SlowLinkOptions): Promise<SlowLink> {
  const sockets = new Set<Socket>();
  const bytes = { up: 0, down: 0 };
  const server: Server = createServer((client) => {
    client.setNoDelay(true);
    const upstream = connect(options.targetPort, options.targetHost);
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    // Large chunks keep the timers few; Node reads up to 64 KiB at a time.
    shapedPipe(client, upstream, options, (n) => (bytes.up += n));
    shapedPipe(upstream, client, options, (n) => (bytes.down += n));
    const drop = () => {
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', () => {
      drop();
      upstream.destroy();
    });
    upstream.on('close', () => {
      drop();
      client.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('slow link: no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    bytes,
    resetCounters() {
      bytes.up = 0;
      bytes.down = 0;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

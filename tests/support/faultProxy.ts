/**
 * A userspace TCP proxy for fault tests (this kernel has no netem). Put it between a client and
 * the real server and make the link misbehave: delay every chunk, cut a connection after a number
 * of bytes in one direction (mid-request or mid-response), or reset every open connection.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export type Direction = 'up' | 'down';

export interface FaultProxy {
  /** http://127.0.0.1:PORT, to use instead of the server's address. */
  url: string;
  port: number;
  /** Bytes carried so far (up: client → server, down: server → client). */
  bytes: { up: number; down: number };
  /** How many connections the proxy has cut or reset so far. */
  cuts: number;
  /** Delay each chunk by this many ms in each direction (0 = none). */
  setDelay(ms: number): void;
  /**
   * Cut the next connection(s) once `afterBytes` more bytes have crossed in `direction` (counted
   * from now, across connections): the bytes up to the limit are delivered, then both sockets are
   * destroyed. `times` cuts in a row (default 1).
   */
  cutAfter(direction: Direction, afterBytes: number, times?: number): void;
  /** Reset (RST) every open connection now. */
  resetAll(): void;
  /** Refuse new connections until `allow()`: the network is gone. */
  refuse(): void;
  allow(): void;
  /** Send new connections to another port from now on (a virtual address moved to another machine). */
  retarget(port: number): void;
  close(): Promise<void>;
}

interface PendingCut {
  direction: Direction;
  afterBytes: number;
  remaining: number;
  times: number;
}

export async function startFaultProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const bytes = { up: 0, down: 0 };
  let delayMs = 0;
  let refusing = false;
  let cut: PendingCut | null = null;
  let cuts = 0;
  let target = targetPort;

  const destroyPair = (a: Socket, b: Socket) => {
    a.destroy();
    b.destroy();
  };

  /** Forwards one direction, applying the delay and the pending cut. */
  const pipe = (from: Socket, to: Socket, direction: Direction) => {
    from.on('data', (chunk: Buffer) => {
      let toSend = chunk;
      let cutNow = false;
      if (cut && cut.direction === direction) {
        if (chunk.length >= cut.remaining) {
          toSend = chunk.subarray(0, cut.remaining);
          cutNow = true;
        } else {
          cut.remaining -= chunk.length;
        }
      }
      bytes[direction] += toSend.length;
      const deliver = () => {
        if (!to.destroyed && toSend.length > 0) to.write(toSend);
        if (cutNow) {
          // Let the partial chunk leave before the connection dies, as a dropped link would.
          setTimeout(() => destroyPair(from, to), 5);
        }
      };
      if (cutNow && cut) {
        cuts++;
        cut.times -= 1;
        // The next cut counts its bytes afresh from here.
        cut = cut.times > 0 ? { ...cut, remaining: cut.afterBytes } : null;
        from.pause();
      }
      if (delayMs > 0) setTimeout(deliver, delayMs);
      else deliver();
    });
    from.on('end', () => {
      if (delayMs > 0) setTimeout(() => to.end(), delayMs);
      else to.end();
    });
    from.on('error', () => to.destroy());
    from.on('close', () => sockets.delete(from));
  };

  const server: Server = createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    client.setNoDelay(true);
    const upstream = connect(target, targetHost);
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    pipe(client, upstream, 'up');
    pipe(upstream, client, 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fault proxy: no port');
  const port = address.port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    bytes,
    get cuts() {
      return cuts;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    cutAfter(direction, afterBytes, times = 1) {
      cut = { direction, afterBytes, remaining: afterBytes, times };
    },
    resetAll() {
      for (const socket of sockets) {
        cuts++;
        socket.resetAndDestroy();
      }
      sockets.clear();
    },
    refuse() {
      refusing = true;
    },
    allow() {
      refusing = false;
    },
    retarget(port) {
      target = port;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

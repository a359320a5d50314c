import pg from 'pg';

/** How long to wait before trying again after the listening connection was lost: doubles up to the last. */
const RETRY_MS = [250, 500, 1000, 2000, 5000];

/**
 * A dedicated connection that LISTENs on a channel and, when the connection is lost (the database
 * restarted or failed over to its standby), connects again and LISTENs again — for as long as it
 * is not stopped. Without this, one failover would silently end the live changes and revocations
 * that other server processes announce. Notifications sent while it was away are lost (NOTIFY
 * keeps none): `onReconnected` tells the listener to catch up.
 */
export async function listenWithReconnect(
  connectionString: string,
  channel: string,
  onMessage: (payload: string) => void,
  options: { clientConfig?: pg.ClientConfig; onReconnected?: (() => void) | undefined } = {},
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let attempt = 0;
  let everOpened = false;

  const open = async (): Promise<void> => {
    const next = new pg.Client({ ...options.clientConfig, connectionString });
    // Errors arrive here as well as in 'end'; the reconnect is driven from 'end' alone.
    next.on('error', () => undefined);
    next.on('notification', (msg) => {
      if (msg.channel === channel) onMessage(msg.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    next.once('end', () => {
      if (client === next) client = null;
      scheduleReconnect();
    });
    client = next;
    const again = everOpened;
    attempt = 0;
    everOpened = true;
    if (stopped) await next.end().catch(() => undefined);
    else if (again) options.onReconnected?.();
  };

  const scheduleReconnect = (): void => {
    if (stopped || retry) return;
    const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
    attempt += 1;
    retry = setTimeout(() => {
      retry = null;
      open().catch(() => scheduleReconnect());
    }, delay);
    retry.unref();
  };

  // The first connection must work: a server that cannot listen at start-up should not start.
  await open();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    retry = null;
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };
}

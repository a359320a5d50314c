import { Subject, type Observable } from 'rxjs';

/**
 * Reads a `text/event-stream` body with fetch (EventSource cannot send the Authorization
 * header, and a token in the URL would end up in logs) and emits each event's parsed `data`.
 */
export async function readEventStream(response: Response, onData: (data: unknown) => void): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data) onData(JSON.parse(data));
    }
  }
}

export interface LiveStream<T> {
  events$: Observable<T>;
  /** Reconnect now (after the network came back) instead of waiting for the backoff. */
  reconnect(): void;
  close(): void;
}

/**
 * Keeps a stream open: when it drops, waits (1 s doubling to 30 s, with jitter) and opens it
 * again. Each new connection starts with the server's "RESYNC", so nothing is missed between.
 */
export function keepStreamOpen<T>(
  open: (signal: AbortSignal) => Promise<Response>,
  /** An event to emit when opening fails this way (a refused laptop: the pull that follows says so in words). */
  onRefused?: (error: unknown) => T | null,
): LiveStream<T> {
  const events = new Subject<T>();
  let closed = false;
  let controller: AbortController | null = null;
  let wake: (() => void) | null = null;
  let delay = 1000;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  void (async () => {
    while (!closed) {
      controller = new AbortController();
      try {
        const response = await open(controller.signal);
        delay = 1000;
        await readEventStream(response, (data) => events.next(data as T));
      } catch (error) {
        // Offline, server restarting, token refused: all retried after the backoff.
        const event = closed ? null : (onRefused?.(error) ?? null);
        if (event !== null) events.next(event);
      }
      if (closed) break;
      await sleep(delay * (0.5 + Math.random()));
      delay = Math.min(delay * 2, 30_000);
    }
  })();

  return {
    events$: events.asObservable(),
    reconnect() {
      delay = 1000;
      controller?.abort();
      wake?.();
    },
    close() {
      closed = true;
      controller?.abort();
      wake?.();
      events.complete();
    },
  };
}

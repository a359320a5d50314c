/** Opens a collection's live stream the way the app does (fetch, bearer token) and reads its events. */
export async function openStream(server: { url: string }, token: string, collection: string) {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/v1/sync/${collection}/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`stream ${collection}: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  /** The next whole event's parsed `data` in what was read so far, if there is one. */
  const take = (): { data: unknown } | null => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end < 0) return null;
      const chunk = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = chunk.split('\n').find((line) => line.startsWith('data: '));
      if (data) return { data: JSON.parse(data.slice(6)) };
    }
  };
  return {
    contentType: response.headers.get('content-type'),
    /** The next event's parsed `data`. */
    async next(): Promise<unknown> {
      for (;;) {
        const event = take();
        if (event) return event.data;
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    /**
     * Reads until the server ends the stream and returns the events that came before the end;
     * rejects if the connection is cut instead of ended.
     */
    async untilEnd(): Promise<unknown[]> {
      const events: unknown[] = [];
      for (;;) {
        for (let event = take(); event; event = take()) events.push(event.data);
        const { value, done } = await reader.read();
        if (done) return events;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}

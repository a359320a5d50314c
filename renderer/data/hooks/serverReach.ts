import { useEffect, useState } from 'react';
import { probeServer, type ServerReach } from '../core/serverProbe';

/**
 * Each address's answer to one probe, made when the list is shown (the sign-in page's server
 * choice): 'checking' until it answers or its time runs out.
 */
export function useServerReach(urls: readonly string[]): Record<string, ServerReach> {
  const key = urls.join('\n');
  const [reach, setReach] = useState<Record<string, ServerReach>>({});
  useEffect(() => {
    let live = true;
    const list = key.split('\n').filter(Boolean);
    for (const url of list) {
      void probeServer(url).then((answer) => {
        if (live) setReach((before) => ({ ...before, [url]: answer }));
      });
    }
    return () => {
      live = false;
    };
  }, [key]);
  return Object.fromEntries(urls.map((url) => [url, reach[url] ?? 'checking']));
}

import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { Workspace } from '../../renderer/data/core/workspace';
import { memoryStore } from '../../harness/memoryStore';

/** A laptop in a Node test: its own key-value store and online/offline events (IndexedDB from fake-indexeddb). */
export function laptop() {
  return { store: memoryStore(), events: new EventTarget(), online: true };
}

export type Laptop = ReturnType<typeof laptop>;

/** Signs in on the laptop through the real sign-in path and opens that user's workspace. */
export async function openWorkspace(server: { url: string }, device: Laptop, username: string, password: string): Promise<Workspace> {
  const outcome = await signIn({ serverUrl: server.url, username, password }, device.store, 'test');
  if (!outcome.ok) throw new Error(outcome.reason);
  return Workspace.open(outcome.session, outcome, {
    storage: getRxStorageDexie(),
    store: device.store,
    events: device.events,
    isNavigatorOnline: () => device.online,
  });
}

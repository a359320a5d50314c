import { z } from 'zod';
import type { DataKey } from './keys/dataKey';
import type { KeyValueStore } from './keyValueStore';

const draftsKeyFor = (userId: string) => `jiuzhu:drafts:${userId}`;

/**
 * One user's unsaved forms, sealed with the data key in one localStorage entry (a draft holds
 * what the form holds: ID numbers, diagnoses). Read and opened once when the workspace opens,
 * so a form finds its draft at once; each change is sealed and written in order.
 */
export class DraftStore {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: KeyValueStore,
    private readonly userId: string,
    private readonly dataKey: DataKey,
    private readonly drafts: Map<string, unknown>,
  ) {}

  static async open(store: KeyValueStore, userId: string, dataKey: DataKey): Promise<DraftStore> {
    const sealed = store.getItem(draftsKeyFor(userId));
    const json = sealed ? await dataKey.unseal(sealed) : null;
    return new DraftStore(store, userId, dataKey, new Map(json ? parseDrafts(json) : []));
  }

  get<T>(key: string): T | null {
    return (this.drafts.get(key) as T | undefined) ?? null;
  }

  set(key: string, value: unknown): void {
    this.drafts.set(key, value);
    this.persist();
  }

  delete(key: string): void {
    if (this.drafts.delete(key)) this.persist();
  }

  /** Resolves once every change so far is on disk. */
  flushed(): Promise<void> {
    return this.writing;
  }

  /** Every draft of this user, in memory and on disk. */
  static remove(store: KeyValueStore, userId: string): void {
    store.removeItem(draftsKeyFor(userId));
  }

  private persist(): void {
    // Chained, and each link seals the map as it is then: the last write is the latest state.
    this.writing = this.writing.then(async () => {
      if (this.drafts.size === 0) {
        this.store.removeItem(draftsKeyFor(this.userId));
        return;
      }
      this.store.setItem(draftsKeyFor(this.userId), await this.dataKey.seal(JSON.stringify(Object.fromEntries(this.drafts))));
    });
  }
}

/**
 * The drafts' entries; none when the stored value is damaged. Each draft's own shape is checked
 * by the form that reads it back (it restores only the fields it knows).
 */
function parseDrafts(json: string): [string, unknown][] {
  try {
    const parsed = z.record(z.string(), z.unknown()).safeParse(JSON.parse(json));
    return parsed.success ? Object.entries(parsed.data) : [];
  } catch {
    return [];
  }
}

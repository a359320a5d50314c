/**
 * Key-value storage that survives a reload: localStorage in the app, a Map in tests. What the
 * laptop keeps outside RxDB (device id, offline profiles, the waiting list, drafts, tus URLs,
 * export audit records, the session's sealed data key) goes through it.
 */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

import type { KeyValueStore } from '../renderer/data/core/keyValueStore';

/** localStorage's contract on a Map, for workspaces opened in Node tests. */
export function memoryStore(): KeyValueStore & { size(): number } {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    size: () => map.size,
  };
}

/**
 * Three-way merge of a document edited on a laptop and on the server since the version both
 * started from. Fields changed on one side only are taken from that side; a field changed on
 * both sides to different values is a collision: the server's value wins and the field is
 * reported, so the laptop's version can be kept where a person sees it.
 */
export type JsonObject = Record<string, unknown>;

export interface MergeResult {
  merged: JsonObject;
  /** Dotted paths of the fields both sides changed differently ('members[m-2].name'). */
  collisions: string[];
}

/** Key-order-independent equality of JSON values; an undefined property counts as absent. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const left = a as JsonObject;
  const right = b as JsonObject;
  const keys = Object.keys(left).filter((k) => left[k] !== undefined);
  const rightKeys = Object.keys(right).filter((k) => right[k] !== undefined);
  return keys.length === rightKeys.length && keys.every((k) => sameJson(left[k], right[k]));
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (v: unknown): v is JsonObject[] =>
  Array.isArray(v) && v.every((item) => isObject(item) && typeof item['id'] === 'string');

/** Fields that say who wrote last; they follow the merge instead of taking part in it. */
const BOOKKEEPING = new Set(['updatedAt', 'updatedBy', '_deleted', '_meta', '_rev', '_attachments']);

function mergeValue(base: unknown, local: unknown, remote: unknown, path: string, collisions: string[]): unknown {
  if (sameJson(local, remote)) return remote;
  if (sameJson(local, base)) return remote;
  if (sameJson(remote, base)) return local;
  // Both changed: lists of records with ids (members, income items, follow-ups) merge record by record.
  if (hasIds(local) && hasIds(remote) && (base === undefined || hasIds(base))) {
    return mergeRecordLists(base ?? [], local, remote, path, collisions);
  }
  if (isObject(local) && isObject(remote) && (base === undefined || isObject(base))) {
    return mergeObjects(base ?? {}, local, remote, path, collisions);
  }
  collisions.push(path);
  return remote;
}

function mergeObjects(
  base: JsonObject,
  local: JsonObject,
  remote: JsonObject,
  path: string,
  collisions: string[],
  skip: ReadonlySet<string> = new Set(),
): JsonObject {
  const result: JsonObject = {};
  const keys = new Set([...Object.keys(base), ...Object.keys(local), ...Object.keys(remote)]);
  for (const key of keys) {
    if ((!path && BOOKKEEPING.has(key)) || skip.has(key)) continue;
    const value = mergeValue(base[key], local[key], remote[key], path ? `${path}.${key}` : key, collisions);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

function mergeRecordLists(
  base: JsonObject[],
  local: JsonObject[],
  remote: JsonObject[],
  path: string,
  collisions: string[],
): JsonObject[] {
  const byId = (list: JsonObject[]) => new Map(list.map((item) => [item['id'] as string, item]));
  const [b, l, r] = [byId(base), byId(local), byId(remote)];
  // The server's order first, then records only the laptop added, in its order.
  const order = [...remote.map((x) => x['id'] as string), ...local.map((x) => x['id'] as string).filter((id) => !r.has(id))];
  const result: JsonObject[] = [];
  for (const id of order) {
    const [bi, li, ri] = [b.get(id), l.get(id), r.get(id)];
    if (!li && ri && bi && !sameJson(ri, bi)) collisions.push(`${path}[${id}]`); // removed here, changed there
    if (ri && !li && bi) {
      if (!sameJson(ri, bi)) result.push(ri); // keep what the server changed
      continue;
    }
    if (li && !ri && bi) {
      if (!sameJson(li, bi)) {
        collisions.push(`${path}[${id}]`);
        continue; // the server removed it: it stays removed, the laptop's edit goes to the conflict record
      }
      continue;
    }
    const value = mergeValue(bi, li, ri, `${path}[${id}]`, collisions);
    if (value !== undefined) result.push(value as JsonObject);
  }
  return result;
}

export interface MergeOptions {
  /**
   * Groups of fields that only make sense together and are never merged inside: an
   * application's status and its history. If both sides changed a group, the server's wins
   * (unless `mergeGroup` can combine them).
   */
  atomic?: readonly (readonly string[])[];
  /**
   * Merges an atomic group that both sides changed, or answers null when the two cannot be
   * combined (then the server's group stands and the group is a collision, as without it).
   */
  mergeGroup?: (group: readonly string[], base: JsonObject, local: JsonObject, remote: JsonObject) => JsonObject | null;
}

/**
 * Merges `local` and `remote`, both descended from `base` (undefined when the laptop created
 * the document and the server got another with the same id: everything that differs collides).
 */
export function mergeDocuments(
  base: JsonObject | undefined,
  local: JsonObject,
  remote: JsonObject,
  options: MergeOptions = {},
): MergeResult {
  const collisions: string[] = [];
  const from = base ?? {};
  const grouped = new Set((options.atomic ?? []).flat());
  const merged = mergeObjects(from, local, remote, '', collisions, grouped);
  for (const group of options.atomic ?? []) {
    const changed = (side: JsonObject) => group.some((key) => !sameJson(side[key], from[key]));
    const localChanged = changed(local);
    const remoteChanged = changed(remote);
    let winner = localChanged && !remoteChanged ? local : remote;
    if (localChanged && remoteChanged && group.some((key) => !sameJson(local[key], remote[key]))) {
      const combined = options.mergeGroup?.(group, from, local, remote) ?? null;
      if (combined) winner = combined;
      else collisions.push(...group);
    }
    for (const key of group) if (winner[key] !== undefined) merged[key] = winner[key];
  }
  return { merged, collisions };
}

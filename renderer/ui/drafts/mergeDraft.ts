/**
 * A kept draft laid over the form's fresh values, field by field: a draft written by an older
 * version of a form (a field added since, a field that changed kind) or damaged on disk still
 * opens, with the fresh value wherever the draft's does not fit. Lists are taken whole.
 */
export function mergeDraft<T>(fresh: T, saved: unknown): T {
  // A draft that is not even a set of fields opens the fresh form.
  if (isPlainObject(fresh) && !isPlainObject(saved)) return fresh;
  return mergeValue(fresh, saved) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeValue(fresh: unknown, saved: unknown): unknown {
  if (saved === undefined) return fresh;
  // A field that starts empty (no choice yet, no number) takes whatever the draft holds; a
  // number or date cleared by hand is kept cleared.
  if (fresh === undefined || fresh === null || saved === null) return saved;
  if (isPlainObject(fresh)) {
    if (!isPlainObject(saved)) return fresh;
    const merged: Record<string, unknown> = { ...fresh };
    for (const [key, value] of Object.entries(saved)) merged[key] = mergeValue(fresh[key], value);
    return merged;
  }
  if (Array.isArray(fresh)) return Array.isArray(saved) ? saved : fresh;
  return typeof saved === typeof fresh ? saved : fresh;
}

import { z } from 'zod';

/**
 * PostgreSQL's text and jsonb cannot hold the NUL character or half of a UTF-16 surrogate
 * pair, though JSON and URLs can carry both: such input would fail inside the database (a 500)
 * instead of being refused as malformed. Every string from a request that reaches a query
 * must pass `isStorableText`.
 *
 * For documents: the path of every string or key that cannot be stored. Only called on
 * documents that passed their schema, whose nesting the schema bounds.
 */
export function unstorableTextPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return isStorableText(value) ? [] : [path.join('.')];
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorableTextPaths(item, [...path, String(i)]));
  return Object.entries(value).flatMap(([key, item]) =>
    isStorableText(key) ? unstorableTextPaths(item, [...path, key]) : [[...path, key].join('.')],
  );
}

// Without the u flag the pattern sees UTF-16 code units: a high surrogate not followed by a low
// one, or a low one not preceded by a high one. (String#isWellFormed is ES2024, beyond our lib.)
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string): boolean => !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);

/** A zod string that the database can hold, for request fields that reach a query. */
export const storableString = () => z.string().refine(isStorableText, 'contains NUL or an unpaired surrogate');

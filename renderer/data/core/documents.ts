export function newDocumentId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The document as JSON would carry it: no `undefined` values. The server stores what JSON
 * sends, and a local copy with extra undefined keys would never compare equal to it.
 */
export function plainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** What the server needs from a database, so PGlite and PostgreSQL are interchangeable. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: everything it wrote commits together or not at all. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * A dedicated connection receiving NOTIFY on a channel (several server processes).
   * `onReconnected` runs when a lost connection is listening again: what was notified meanwhile
   * is gone, so the listener catches up by itself (PGlite, in the process, never loses one).
   */
  listen(channel: string, onMessage: (payload: string) => void, onReconnected?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * int8 values arrive as numbers or BigInt from PGlite and as strings from `pg`. Every int8 we
 * use (sequence numbers, counts) fits in 2^53, so both adapters turn them into numbers here and
 * refuse to silently round a larger one.
 */
export function int8ToNumber(value: string | number | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value out of safe range: ${String(value)}`);
  return n;
}

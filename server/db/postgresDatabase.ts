import pg from 'pg';
import { int8ToNumber, type Database, type Queryable } from './database';
import { listenWithReconnect } from './postgresListener';

const INT8_OID = 20;

/** What every connection of the pool runs first (the client queues it before any other query). */
export const NO_JIT = 'SET jit = off';

/** Connections the pool keeps at most, unless the operator says (`JIUZHU_DB_POOL_SIZE`). */
export const DEFAULT_POOL_SIZE = 10;

/**
 * A connection the database does not accept within this time fails (503 to the laptop) instead of
 * holding the request: during a failover the address may point nowhere for a while.
 */
const CONNECT_TIMEOUT_MS = 5_000;

/** TCP keep-alive finds a connection whose other end vanished (a primary powered off) without waiting for a query. */
const KEEPALIVE_DELAY_MS = 10_000;

export async function openPostgresDatabase(connectionString: string, poolSize = DEFAULT_POOL_SIZE): Promise<Database> {
  const typeParsers = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? (value: string) => int8ToNumber(value) : pg.types.getTypeParser(oid, format ?? 'text'),
  };
  const connection = { connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true, keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS };
  const pool = new pg.Pool({ connectionString, max: poolSize, types: typeParsers as pg.CustomTypesConfig, ...connection });
  // An idle client losing its connection must not crash the server; the next query reconnects.
  pool.on('error', () => undefined);
  // No JIT compilation: the dashboard's aggregates are estimated costly enough to trigger it, and
  // compiling them took ~6 s per query on two cores where running them takes a fraction of one.
  // Set per connection rather than as a startup option, which a connection pooler may refuse.
  pool.on('connect', (client) => void client.query(NO_JIT).catch(() => undefined));
  await pool.query('SELECT 1');
  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<T[]> =>
    (await client.query(sql, params)).rows as T[];
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A connection lost between two statements (the database stopped, failing over) is emitted
      // on the client, which the pool only listens to while idle: unheard, it ends the process.
      const lost = (error: Error) => (broken = error);
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const scoped: Queryable = { query: (sql, params) => run(client, sql, params) };
        const result = await fn(scoped);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackFailed: unknown) => {
          broken = rollbackFailed instanceof Error ? rollbackFailed : new Error('rollback failed');
        });
        throw error;
      } finally {
        // A client whose connection broke is dropped, not handed to the next request.
        client.off('error', lost);
        client.release(broken);
      }
    },
    listen: (channel, onMessage, onReconnected) => listenWithReconnect(connectionString, channel, onMessage, { clientConfig: connection, onReconnected }),
    close: () => pool.end(),
  };
}

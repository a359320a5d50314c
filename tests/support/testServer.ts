import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role } from '../../shared/auth/roles';
import type { TokenResponse } from '../../shared/sync/wire';
import { buildServer, type ServerOptions } from '../../server/app';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/openDatabase';
import { addUser } from '../../server/users/userStore';
import { openMemoryDatabase } from './pgliteSnapshots';

export type DatabaseKind = 'pglite' | 'postgres';
export const databaseKinds: DatabaseKind[] = ['pglite', 'postgres'];

/** A fresh, empty database of the given kind; PostgreSQL gets a new database per call. */
/**
 * A new, empty PostgreSQL database on the test cluster (no schema: what a migration or a restore
 * starts from), and how to drop it again.
 */
export async function emptyPostgresDatabase(prefix = 'jiuzhu_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('postgresUrl');
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

export async function freshDatabase(kind: DatabaseKind): Promise<{ db: Database; url: string | null; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openMemoryDatabase();
    return { db, url: null, drop: async () => db.close() };
  }
  const empty = await emptyPostgresDatabase();
  const db = await openDatabase({ databaseUrl: empty.url, dataDir: null });
  return {
    db,
    url: empty.url,
    drop: async () => {
      await db.close();
      await empty.drop();
    },
  };
}

export interface TestServer {
  url: string;
  db: Database;
  /** Creates a user and signs it in from a new device. */
  signIn(role: Role, areaCode: string): Promise<TokenResponse & { password: string; deviceId: string }>;
  close(): Promise<void>;
}

export async function startTestServer(
  kind: DatabaseKind,
  options: { staticDir?: string; server?: Partial<Omit<ServerOptions, 'db' | 'staticDir'>> } = {},
): Promise<TestServer> {
  const { db, drop } = await freshDatabase(kind);
  const app = await buildServer({ ...options.server, db, staticDir: options.staticDir ?? null });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    db,
    async signIn(role, areaCode) {
      const username = `u${randomUUID().slice(0, 8)}`;
      const password = 'correct horse battery';
      await addUser(db, { username, password, role, areaCode, displayName: `测试${role}` });
      const deviceId = `dev-${randomUUID()}`;
      const response = await fetch(`${address}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password, deviceId }),
      });
      if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
      return { ...((await response.json()) as TokenResponse), password, deviceId };
    },
    async close() {
      // A test's own keep-alive connections (a tus upload cut on purpose, fetch's pool) would hold
      // app.close() for the server's keep-alive time (72 s) each; a test server has no one to wait for.
      app.server.closeAllConnections();
      await app.close();
      await drop();
    },
  };
}

/** Calls the API with a bearer token and returns status and parsed body. */
export async function api<T = unknown>(
  server: { url: string },
  token: string | null,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

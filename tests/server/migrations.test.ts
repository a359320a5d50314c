import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import type { TokenResponse } from '../../shared/sync/wire';
import { buildServer } from '../../server/app';
import { verifyAccessToken } from '../../server/auth/accessTokens';
import { loadDeviceKeySecret, loadTokenSecret } from '../../server/auth/secrets';
import { deviceBundleKey, deviceDataKey } from '../../server/bundles/bundleKeys';
import type { Database } from '../../server/db/database';
import { LATEST_SCHEMA_VERSION, migrate, migrations, splitStatements } from '../../server/db/migrations';
import { openPgliteDatabase } from '../../server/db/pgliteDatabase';
import { openPostgresDatabase } from '../../server/db/postgresDatabase';
import { addUser } from '../../server/users/userStore';
import { databaseKinds, type DatabaseKind } from '../support/testServer';

describe('splitting migrations into statements', () => {
  it('splits at semicolons but keeps a $$-quoted function body whole', () => {
    expect(splitStatements("CREATE TABLE a (x int); CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE 'no; never'; END $$; SELECT 1;")).toEqual([
      'CREATE TABLE a (x int)',
      "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE 'no; never'; END $$",
      'SELECT 1',
    ]);
  });

  it('splits the first migration exactly as the plain split it shipped with did', () => {
    const first = migrations.find((m) => m.version === 1)!.sql;
    const plain = first.split(';').map((s) => s.trim()).filter(Boolean);
    expect(splitStatements(first)).toEqual(plain);
  });

  it('keeps the audit log’s trigger function in one statement', () => {
    const statements = splitStatements(migrations.find((m) => m.version === 2)!.sql);
    const fn = statements.filter((s) => s.includes('audit_log_refuse_change() RETURNS trigger'));
    expect(fn).toHaveLength(1);
    expect(fn[0]).toMatch(/RAISE EXCEPTION[^$]*;\s*END\s*\$\$$/);
  });
});

/** A database of `kind` with the migrations up to `version` applied, as a server of that time left it. */
async function databaseAtVersion(kind: DatabaseKind, version: number): Promise<{ db: Database; drop: () => Promise<void> }> {
  let db: Database;
  let drop: () => Promise<void>;
  if (kind === 'pglite') {
    db = await openPgliteDatabase(null);
    drop = () => db.close();
  } else {
    const adminUrl = inject('postgresUrl');
    const name = `jiuzhu_migrate_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    db = await openPostgresDatabase(url.toString());
    drop = async () => {
      await db.close();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    };
  }
  await db.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  await db.transaction(async (tx) => {
    for (const migration of migrations.filter((m) => m.version <= version)) {
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
    }
  });
  return { db, drop };
}

const secretOf = async (db: Database, name: string) =>
  (await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [name]))[0]?.value;

describe.each(databaseKinds)('migration 6 (separate secrets) on %s', (kind) => {
  it('keeps every device’s data and bundle key, and gives access tokens a secret of their own', async () => {
    const { db, drop } = await databaseAtVersion(kind, 5);
    try {
      // A server before migration 6 signed tokens and derived device keys with one secret.
      const oldSecret = 'the-secret-a-version-5-server-made-0123456789';
      await db.query(`INSERT INTO server_secrets (name, value) VALUES ('access_token_hmac', $1)`, [oldSecret]);
      await migrate(db);
      expect((await db.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations'))[0]!.version).toBe(LATEST_SCHEMA_VERSION);

      await addUser(db, { username: 'xieli', password: 'password-123', role: 'assistant', areaCode: '371623102201' });
      const app = await buildServer({ db });
      try {
        const answer = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'xieli', password: 'password-123', deviceId: 'dev-laptop-before-6' },
        });
        expect(answer.statusCode).toBe(200);
        const tokens = answer.json<TokenResponse>();
        // What the laptop wrapped its data key with (and signs bundles with) before the upgrade.
        expect(tokens.deviceDataKey).toBe(deviceDataKey(oldSecret, tokens.user.id, 'dev-laptop-before-6'));
        expect(tokens.bundleKey).toBe(deviceBundleKey(oldSecret, tokens.user.id, 'dev-laptop-before-6'));
        expect(await secretOf(db, 'device_key_hmac')).toBe(oldSecret);
        const tokenSecret = await loadTokenSecret(db);
        expect(tokenSecret).not.toBe(oldSecret);
        expect(verifyAccessToken(tokens.accessToken, tokenSecret)).not.toBeNull();
        expect(verifyAccessToken(tokens.accessToken, oldSecret)).toBeNull();
      } finally {
        await app.close();
      }
    } finally {
      await drop();
    }
  });

  it('gives a new database independent random secrets for tokens, device keys and refresh tokens', async () => {
    const { db, drop } = await databaseAtVersion(kind, 0);
    try {
      await migrate(db);
      const app = await buildServer({ db });
      await app.close();
      const values = await Promise.all(['access_token_hmac', 'device_key_hmac', 'refresh_child_hmac', 'id_search_key'].map((name) => secretOf(db, name)));
      for (const value of values) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new Set(values).size).toBe(values.length);
      expect(await loadDeviceKeySecret(db)).toBe(values[1]);
    } finally {
      await drop();
    }
  });
});

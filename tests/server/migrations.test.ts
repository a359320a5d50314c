import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDivisionFile, setDivisionFile, type AreaData } from '../../shared/areas';
import { parseHolidayTable } from '../../shared/rules/holidayTable';
import { setReceivedHolidayYears } from '../../shared/rules/workingDays';
import type { CalendarAnswer } from '../../shared/wire/calendar';
import { setAreaRevision } from '../../server/areas/areaDocuments';
import { storeDivisionFile, storeHolidayYears } from '../../server/reference/referenceStore';
import type { TokenResponse } from '../../shared/sync/wire';
import { buildServer } from '../../server/app';
import { addMonths, listAuditMonths, monthOf } from '../../server/audit/auditMonths';
import { queryAudit } from '../../server/audit/auditQuery';
import { verifyAccessToken } from '../../server/auth/accessTokens';
import { loadDeviceKeySecret, loadSearchKeyRoot, loadTokenSecret } from '../../server/auth/secrets';
import { loadTokenKeys } from '../../server/auth/tokenKeys';
import { deviceBundleKey, deviceDataKey } from '../../server/bundles/bundleKeys';
import type { Database } from '../../server/db/database';
import { LATEST_SCHEMA_VERSION, migrate, migrations, splitStatements } from '../../server/db/migrations';
import { openPgliteDatabase } from '../../server/db/pgliteDatabase';
import { pgliteSnapshot } from '../support/pgliteSnapshots';
import { openPostgresDatabase } from '../../server/db/postgresDatabase';
import { idNumberHash, townshipSearchKey } from '../../server/search/searchKeys';
import { storeDocuments } from '../../server/storage/documentStore';
import { setCountyIdleMinutes } from '../../server/settings/countySettings';
import { addUser } from '../../server/users/userStore';
import type { Household } from '../../shared/schemas/household';
import { policySchema, type Policy } from '../../shared/schemas/reference';
import { makeHousehold } from '../support/documents';
import { databaseKinds, emptyPostgresDatabase, type DatabaseKind } from '../support/testServer';

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
    db = await openPgliteDatabase(null, { startFrom: pgliteSnapshot('empty') });
    drop = () => db.close();
  } else {
    const empty = await emptyPostgresDatabase('jiuzhu_migrate');
    db = await openPostgresDatabase(empty.url);
    drop = async () => {
      await db.close();
      await empty.drop();
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
        expect(await loadTokenSecret(db)).not.toBe(oldSecret);
        // Since issue 17 tokens are signed with the server's Ed25519 key (tokenKeys.ts), not with any HMAC secret.
        expect(verifyAccessToken(tokens.accessToken, (await loadTokenKeys(db)).publicKey)).not.toBeNull();
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
      const values = await Promise.all(['access_token_hmac', 'device_key_hmac', 'refresh_child_hmac', 'id_search_root'].map((name) => secretOf(db, name)));
      for (const value of values) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new Set(values).size).toBe(values.length);
      expect(await loadDeviceKeySecret(db)).toBe(values[1]);
    } finally {
      await drop();
    }
  });
});

describe.each(databaseKinds)('migration 7 (ID-number search keys per township) on %s', (kind) => {
  it('drops the deployment-wide key and, at the next start, stores every household again with hashes under its township’s first key', async () => {
    const { db, drop } = await databaseAtVersion(kind, 6);
    try {
      // A server before migration 7: one key, handed to every laptop, hashed every household.
      const oldKey = 'the-one-key-every-laptop-was-given-0123456789';
      await db.query(`INSERT INTO server_secrets (name, value) VALUES ('id_search_key', $1)`, [oldKey]);
      const inA = makeHousehold('371623102201');
      const inB = makeHousehold('371621104303');
      const alsoInA = makeHousehold('371623102202');
      const old = [inA, inB, alsoInA].map((h) => ({ ...h, memberNames: h.members.map((m) => m.name), idHashes: h.members.map((m) => idNumberHash(oldKey, m.idNumber)) }));
      await db.transaction((tx) => storeDocuments(tx, 'households', old.map((doc) => ({ doc, deleted: false }))));

      await migrate(db);
      expect(await secretOf(db, 'id_search_key')).toBeUndefined();
      const entered = await db.query<{ township: string; version: number }>('SELECT township, version FROM search_key_versions ORDER BY township');
      expect(entered).toEqual([
        { township: '371621104', version: 0 },
        { township: '371623102', version: 0 },
      ]);

      await addUser(db, { username: 'xieli', password: 'password-123', role: 'assistant', areaCode: '371623102201' });
      const app = await buildServer({ db });
      try {
        const root = await loadSearchKeyRoot(db);
        expect(root).not.toBe(oldKey);
        expect(await db.query('SELECT township, version FROM search_key_versions ORDER BY township')).toEqual([
          { township: '371621104', version: 1 },
          { township: '371623102', version: 1 },
        ]);
        const rows = await db.query<{ id: string; data: Household }>("SELECT id, data FROM documents WHERE collection = 'households'");
        for (const row of rows) {
          const key = townshipSearchKey(root, row.data.areaCode.slice(0, 9), 1);
          expect(row.data.idHashes).toEqual(row.data.members.map((m) => idNumberHash(key, m.idNumber)));
          for (const member of row.data.members) expect(row.data.idHashes).not.toContain(idNumberHash(oldKey, member.idNumber));
        }
        // The laptop's new key finds its households; the old one is not sent any more.
        const answer = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'xieli', password: 'password-123', deviceId: 'dev-laptop-before-7' } });
        const tokens = answer.json<TokenResponse>();
        expect(tokens.searchKeys).toEqual({ '371623102': townshipSearchKey(root, '371623102', 1) });
        expect(answer.body).not.toContain(oldKey);
        const upgraded = await db.query<{ action: string; details: Record<string, unknown> }>("SELECT action, details FROM audit_log WHERE action = 'rotate_search_key' ORDER BY id");
        expect(upgraded.map((e) => e.details)).toEqual([
          { township: '371621104', version: 1, households: 1, reason: 'retired_key' },
          { township: '371623102', version: 1, households: 2, reason: 'retired_key' },
        ]);
      } finally {
        await app.close();
      }
      // A second start has nothing left to do.
      const seq = await db.query<{ seq: number }>("SELECT max(seq) AS seq FROM documents WHERE collection = 'households'");
      await (await buildServer({ db })).close();
      expect(await db.query("SELECT max(seq) AS seq FROM documents WHERE collection = 'households'")).toEqual(seq);
    } finally {
      await drop();
    }
  });
});

describe.each(databaseKinds)('migration 8 (policies v1) on %s', (kind) => {
  it('gives stored policies the v1 shape, leaves each county’s latest period open, and makes laptops pull them again', async () => {
    const { db, drop } = await databaseAtVersion(kind, 7);
    try {
      // What a server before migration 8 seeded: one row per county and year.
      const v0 = (county: string, year: number, rural: number | null) => ({
        id: `policy-${county}-${year}`,
        areaCode: `${county}000000`,
        year,
        dibaoStandardUrbanMonthly: null,
        dibaoStandardRuralMonthly: rural,
        edgeMultiplier: 1.5,
        lastYearPerCapitaDisposableIncomeMonthly: null,
        rigidSpendingShare: null,
        source: `${county}/${year}`,
        validFrom: `${year}-01-01`,
        validTo: `${year}-12-31`,
        placeholder: rural === null,
        updatedAt: Date.UTC(2026, 0, 1),
      });
      const rows = [v0('371623', 2025, null), v0('371623', 2026, 820), v0('371602', 2026, null)];
      await db.transaction((tx) => storeDocuments(tx, 'policies', rows.map((doc) => ({ doc, deleted: false }))));
      const before = (await db.query<{ seq: number }>("SELECT max(seq) AS seq FROM documents WHERE collection = 'policies'"))[0]!.seq;

      await migrate(db);
      const stored = await db.query<{ id: string; data: Record<string, unknown>; seq: number }>(
        "SELECT id, data, seq FROM documents WHERE collection = 'policies' ORDER BY id",
      );
      for (const row of stored) {
        expect(policySchema.safeParse(row.data).error?.issues ?? []).toEqual([]);
        expect(row.data).not.toHaveProperty('year');
        expect(Number(row.seq)).toBeGreaterThan(Number(before));
      }
      const byId = new Map(stored.map((row) => [row.id, row.data as Policy]));
      expect(byId.get('policy-371623-2025')).toMatchObject({ validFrom: '2025-01-01', validTo: '2025-12-31', placeholder: true, example: false });
      expect(byId.get('policy-371623-2026')).toMatchObject({ validFrom: '2026-01-01', dibaoStandardRuralMonthly: 820, tekunBasicLivingMonthly: null, figureSources: {} });
      expect(byId.get('policy-371623-2026')).not.toHaveProperty('validTo');
      expect(byId.get('policy-371602-2026')).not.toHaveProperty('validTo');

      // The seed adds no placeholder for a county that has periods already.
      const app = await buildServer({ db });
      await app.close();
      const ids = (await db.query<{ id: string }>("SELECT id FROM documents WHERE collection = 'policies' AND area_code IN ('371623000000', '371602000000') ORDER BY id")).map((r) => r.id);
      expect(ids).toEqual(['policy-371602-2026', 'policy-371623-2025', 'policy-371623-2026']);
    } finally {
      await drop();
    }
  });
});

describe.each(databaseKinds)('migration 9 (the audit log by month) on %s', (kind) => {
  it('moves every entry, with its id, into the month it belongs to, and every month refuses changes', async () => {
    const { db, drop } = await databaseAtVersion(kind, 8);
    try {
      // A log that has run for years: entries of several months (China time), and today's.
      await seedAt(db, 8);
      for (const at of ['2022-02-28T16:30:00Z', '2022-03-31T15:59:59Z', '2024-06-15T08:00:00Z']) {
        await db.query("INSERT INTO audit_log (at, action, collection, document_id, area_code, details) VALUES ($1, 'change', 'households', 'h-old', '371623102201', '{\"fields\":[\"address\"]}')", [at]);
      }
      const entries = async () => (await db.query<{ row: Record<string, unknown> }>('SELECT to_jsonb(t) AS row FROM audit_log AS t ORDER BY id')).map((r) => r.row);
      const before = await entries();
      expect(before).toHaveLength(5);
      const lastId = Math.max(...before.map((e) => Number(e['id'])));

      await migrate(db);
      expect(await entries()).toEqual(before);
      expect(await db.query("SELECT partstrat FROM pg_partitioned_table WHERE partrelid = 'audit_log'::regclass")).toEqual([{ partstrat: 'r' }]);
      // Each entry sits in its month: 00:30 on 1 March in China is March's.
      const placed = await db.query<{ month: string; at: string }>('SELECT tableoid::regclass::text AS month, at FROM audit_log ORDER BY id');
      expect(placed.slice(2).map((p) => p.month)).toEqual(['audit_log_2022_03', 'audit_log_2022_03', 'audit_log_2024_06']);
      const months = (await listAuditMonths(db)).map((m) => m.month);
      const thisMonth = monthOf(new Date());
      expect(months).toEqual(expect.arrayContaining(['2022-03', '2024-06', thisMonth, addMonths(thisMonth, 3)]));
      expect(months).not.toContain('2023-01');

      // The id sequence goes on; no entry can be changed or deleted, through the log or its month.
      await db.query("INSERT INTO audit_log (action) VALUES ('login')");
      const newest = await db.query<{ id: number }>("SELECT id FROM audit_log WHERE action = 'login'");
      expect(Number(newest[0]!.id)).toBeGreaterThan(lastId);
      for (const table of ['audit_log', 'audit_log_2022_03', `audit_log_${thisMonth.replace('-', '_')}`]) {
        await expect(db.query(`UPDATE ${table} SET action = 'changed'`), table).rejects.toThrow(/append-only/);
        await expect(db.query(`DELETE FROM ${table}`), table).rejects.toThrow(/append-only/);
        await expect(db.query(`TRUNCATE ${table}`), table).rejects.toThrow(/append-only/);
      }
      expect(await db.query('SELECT count(*)::int AS n FROM audit_log')).toEqual([{ n: 6 }]);

      // The audit query finds the household's entries across the months, its view through the index of viewed documents.
      const found = await queryAudit(db, { areaPrefix: '371623', documentId: 'h-old', limit: 10 });
      expect(found.map((e) => [e.action, e.at.slice(0, 7)])).toEqual([
        ['change', '2024-06'],
        ['change', '2022-03'],
        ['change', '2022-02'],
        ['view', thisMonthUtc()],
        ['create', thisMonthUtc()],
      ]);
      const app = await buildServer({ db });
      await app.close();
    } finally {
      await drop();
    }
  });
});

const thisMonthUtc = () => new Date().toISOString().slice(0, 7);

/** Every row of every table, to compare before and after an upgrade that must not change them. */
async function tableRows(db: Database): Promise<Record<string, unknown[]>> {
  const tables = (await db.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY tablename")).map((t) => t.name);
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) rows[table] = (await db.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM "${table}" AS t ORDER BY to_jsonb(t)::text`)).map((r) => r.row);
  return rows;
}

/**
 * What a server at `version` held: a user, their device and refresh token, the secret of that
 * time, a household; from version 2 audit entries (a write, and a pull that viewed the household);
 * from version 3 an attachment with its file rows.
 */
async function seedAt(db: Database, version: number): Promise<void> {
  await addUser(db, { username: 'xieli', password: 'password-123', role: 'assistant', areaCode: '371623102201' });
  const user = (await db.query<{ id: string }>("SELECT id FROM users WHERE username = 'xieli'"))[0]!.id;
  await db.query("INSERT INTO devices (user_id, device_id, device_name) VALUES ($1, 'dev-old-laptop', '旧笔记本')", [user]);
  await db.query("INSERT INTO refresh_tokens (token_hash, user_id, device_id, expires_at) VALUES ('hash-old', $1, 'dev-old-laptop', now() + interval '30 days')", [user]);
  await db.query("INSERT INTO server_secrets (name, value) VALUES ('access_token_hmac', 'a-secret-of-the-old-server-0123456789abcdef')");
  await db.transaction((tx) => storeDocuments(tx, 'households', [{ doc: makeHousehold('371623102201', { id: 'h-old' }) as unknown as Record<string, unknown>, deleted: false }]));
  if (version >= 2) {
    await db.query("INSERT INTO audit_log (user_id, device_id, role, action, collection, document_id, area_code, details) VALUES ($1, 'dev-old-laptop', 'assistant', 'create', 'households', 'h-old', '371623102201', '{\"fields\":[\"members\"]}')", [user]);
    await db.query("INSERT INTO audit_log (user_id, device_id, role, action, collection, area_code, details) VALUES ($1, 'dev-old-laptop', 'assistant', 'view', 'households', '371623102201', '{\"documentIds\":[\"h-old\"]}')", [user]);
  }
  if (version >= 3) {
    const sha = 'ab'.repeat(32);
    await db.query("INSERT INTO files (sha256, content_type, size, created_by) VALUES ($1, 'image/jpeg', 1234, $2)", [sha, user]);
    await db.query("INSERT INTO file_areas (sha256, area_code, created_by) VALUES ($1, '371623102201', $2)", [sha, user]);
  }
}

const indexNames = async (db: Database) => (await db.query<{ name: string }>('SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()')).map((i) => i.name);

/** What each of migrations 2–5 adds, checked on the upgraded database. */
const upgrades: Record<number, { what: string; check: (db: Database) => Promise<void> }> = {
  2: {
    what: 'the append-only audit log',
    async check(db) {
      await db.query("INSERT INTO audit_log (action, collection, document_id) VALUES ('create', 'households', 'h-old')");
      await expect(db.query("UPDATE audit_log SET action = 'changed'")).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    },
  },
  3: {
    what: 'attachments’ files and their areas',
    async check(db) {
      await expect(db.query("INSERT INTO file_areas (sha256, area_code) VALUES ('unknown', '371623102201')")).rejects.toThrow();
      expect(await indexNames(db)).toContain('documents_attachment_sha256');
    },
  },
  4: {
    what: 'the end-of-day index of stored writes',
    async check(db) {
      expect(await indexNames(db)).toContain('audit_log_writes_by_time');
      const writes = await db.query("SELECT document_id FROM audit_log WHERE action IN ('create', 'change') AND at > now() - interval '1 day' AND area_code LIKE '371623102%'");
      expect(writes).toEqual([{ document_id: 'h-old' }]);
    },
  },
  5: {
    what: 'the index of viewed documents',
    async check(db) {
      expect(await indexNames(db)).toContain('audit_log_viewed_documents');
      const views = await db.query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'view' AND details->'documentIds' @> '[\"h-old\"]'::jsonb");
      expect(views).toEqual([{ action: 'view' }]);
    },
  },
  12: {
    what: '码上查: the tracking codes and their lookups',
    async check(db) {
      await db.query("INSERT INTO tracking_codes (code_hash, application_id, registered_at) VALUES ('hash-a', 'app-old', 1)");
      // One code, one application: a second registration of either is refused by the table itself.
      await expect(db.query("INSERT INTO tracking_codes (code_hash, application_id, registered_at) VALUES ('hash-a', 'app-other', 1)")).rejects.toThrow();
      await expect(db.query("INSERT INTO tracking_codes (code_hash, application_id, registered_at) VALUES ('hash-b', 'app-old', 1)")).rejects.toThrow();
      expect(await indexNames(db)).toEqual(expect.arrayContaining(['status_lookups_by_code', 'status_lookups_by_address']));
    },
  },
  13: {
    what: 'the township relay: accounts, sessions, the outbox and the replica’s upstream versions',
    async check(db) {
      await db.query("INSERT INTO relay_outbox (batch_id, collection, user_id, device_id, area_code, rows, signature, received_at) VALUES ('b-1', 'households', 'u', 'd', '371623102201', '[]', 's', 1)");
      // A batch is taken once: the laptop's re-send of the same batch id is refused by the table itself.
      await expect(db.query("INSERT INTO relay_outbox (batch_id, collection, user_id, device_id, area_code, rows, signature, received_at) VALUES ('b-1', 'visits', 'u', 'd', '371623102201', '[]', 's', 1)")).rejects.toThrow();
      expect(await indexNames(db)).toContain('relay_outbox_waiting');
      expect(await db.query('SELECT count(*)::int AS n FROM relay_accounts')).toEqual([{ n: 0 }]);
    },
  },
  14: {
    what: 'the signed batches relays forwarded, with their answers',
    async check(db) {
      await db.query("INSERT INTO forwarded_batches (signature_hash, answer, forwarded_at) VALUES ('h-1', '{\"conflicts\":[]}', 1)");
      await expect(db.query("INSERT INTO forwarded_batches (signature_hash, answer, forwarded_at) VALUES ('h-1', '{\"conflicts\":[]}', 2)")).rejects.toThrow();
    },
  },
};

describe.each(databaseKinds)('migrations 2–5 and 12–14, each on a database of the version before it, with data, on %s', (kind) => {
  it.each(Object.keys(upgrades).map(Number))('migration %i keeps every row and adds what it is for; the server then starts and signs in the old user', async (version) => {
    const { db, drop } = await databaseAtVersion(kind, version - 1);
    try {
      await seedAt(db, version - 1);
      const before = await tableRows(db);
      await migrate(db);
      expect((await db.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations'))[0]!.version).toBe(LATEST_SCHEMA_VERSION);
      await upgrades[version]!.check(db);
      // Later migrations move the old token secret (6) and key versions (7), reshape policies (8) split the audit log by month (9) and add reference data (10): their own tests say how.
      const after = await tableRows(db);
      for (const table of ['users', 'devices', 'documents', 'files', 'file_areas']) {
        if (!(table in before)) continue;
        const keep = (rows: unknown[]) => rows.map((row) => ({ ...(row as object), session_epoch: undefined, used_at: undefined, replayed_at: undefined }));
        expect(keep(after[table]!), `${table} after migration ${version}`).toEqual(keep(before[table]!));
      }
      const app = await buildServer({ db });
      try {
        const answer = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'xieli', password: 'password-123', deviceId: 'dev-old-laptop' } });
        expect(answer.statusCode).toBe(200);
      } finally {
        await app.close();
      }
    } finally {
      await drop();
    }
  });
});

describe.each(databaseKinds)('migration 10 (reference data newer than the build) on %s', (kind) => {
  it('keeps the data, starts on the built-in calendar and areas, then serves and uses what is imported', async () => {
    const { db, drop } = await databaseAtVersion(kind, 9);
    try {
      await addUser(db, { username: 'zhen', password: 'password-123', role: 'township', areaCode: '371623102000' });
      await db.transaction((tx) => storeDocuments(tx, 'households', [{ doc: makeHousehold('371623102201', { id: 'h-old' }) as unknown as Record<string, unknown>, deleted: false }]));
      const before = await tableRows(db);
      await migrate(db);
      expect((await db.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations'))[0]!.version).toBe(LATEST_SCHEMA_VERSION);
      const after = await tableRows(db);
      for (const table of ['users', 'documents']) expect(after[table], table).toEqual(before[table]);
      expect(await db.query('SELECT * FROM reference_data')).toEqual([]);

      const pullAll = async (token: string, checkpoint: unknown) => {
        const query = checkpoint === null ? '' : `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}`;
        return (await app.inject({ method: 'GET', url: `/api/v1/sync/areas/pull?limit=1000${query}`, headers: { authorization: `Bearer ${token}` } })).json<{ documents: { id: string; name: string }[]; checkpoint: unknown }>();
      };
      let app = await buildServer({ db });
      let checkpoint: unknown;
      try {
        const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhen', password: 'password-123', deviceId: 'dev-zhen' } })).json<TokenResponse>().accessToken;
        expect((await app.inject({ method: 'GET', url: '/api/v1/reference/calendar', headers: { authorization: `Bearer ${token}` } })).json()).toEqual({ years: {} });
        const first = await pullAll(token, null);
        expect(first.documents.some((doc) => doc.id === '371623102299')).toBe(false);
        checkpoint = first.checkpoint;
        expect((await pullAll(token, checkpoint)).documents).toEqual([]);
      } finally {
        await app.close();
      }

      await storeHolidayYears(db, parseHolidayTable({ holidays: { '2027-01-01': "New Year's Day,元旦,1" } }));
      const divisions = JSON.parse(readFileSync('shared/areas/binzhou.json', 'utf8')) as AreaData & { villages: [string, string][] };
      await storeDivisionFile(db, checkDivisionFile({ ...divisions, villages: [...divisions.villages, ['371623102299', '渤海新村']] }));
      app = await buildServer({ db });
      try {
        const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhen', password: 'password-123', deviceId: 'dev-zhen' } })).json<TokenResponse>().accessToken;
        const calendar = (await app.inject({ method: 'GET', url: '/api/v1/reference/calendar', headers: { authorization: `Bearer ${token}` } })).json<CalendarAnswer>();
        expect(Object.keys(calendar.years)).toEqual(['2027']);
        // The laptop that had pulled everything gets the whole list again, the new village in it.
        const again = await pullAll(token, checkpoint);
        expect(again.documents.find((doc) => doc.id === '371623102299')?.name).toBe('渤海新村');
      } finally {
        await app.close();
      }
    } finally {
      setReceivedHolidayYears({});
      setDivisionFile(null);
      setAreaRevision(null);
      await drop();
    }
  });
});

describe.each(databaseKinds)('migration 11 (county settings) on %s', (kind) => {
  it('keeps every row of a version-10 database, starts with no county setting (the default idle time) and takes one', async () => {
    const { db, drop } = await databaseAtVersion(kind, 10);
    try {
      await seedAt(db, 10);
      const before = await tableRows(db);
      await migrate(db);
      expect((await db.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations'))[0]!.version).toBe(LATEST_SCHEMA_VERSION);
      const after = await tableRows(db);
      expect(after.county_settings).toEqual([]);
      for (const table of Object.keys(before)) expect(after[table], `${table} after migration 11`).toEqual(before[table]);

      const app = await buildServer({ db });
      try {
        const login = async (deviceId: string) =>
          (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'xieli', password: 'password-123', deviceId } })).json<TokenResponse>();
        expect((await login('dev-old-laptop')).idleMinutes).toBe(10);
        await setCountyIdleMinutes(db, '371623', 5);
        expect((await login('dev-old-laptop')).idleMinutes).toBe(5);
      } finally {
        await app.close();
      }
    } finally {
      await drop();
    }
  });
});

describe('migration tests', () => {
  it('every migration after the first has a test that upgrades a database of the version before it', () => {
    const tested = new Set([...Object.keys(upgrades).map(Number), 6, 7, 8, 9, 10, 11]);
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    for (const version of [6, 7, 8, 9, 10, 11]) expect(source).toContain(`describe.each(databaseKinds)('migration ${version} (`);
    expect(migrations.filter((m) => m.version > 1 && !tested.has(m.version)).map((m) => m.version)).toEqual([]);
  });
});

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSearchKeyRoot, loadTokenSecret } from '../../server/auth/secrets';
import { backupServer } from '../../server/backup/backup';
import type { BackupManifest } from '../../server/backup/manifest';
import { restoreServer } from '../../server/backup/restore';
import { loadBundleKeys } from '../../server/bundles/bundleKeys';
import type { Database } from '../../server/db/database';
import { LATEST_SCHEMA_VERSION, migrations, splitStatements } from '../../server/db/migrations';
import { openDatabase } from '../../server/db/openDatabase';
import { openPostgresDatabase } from '../../server/db/postgresDatabase';
import { storeDocuments } from '../../server/storage/documentStore';
import { addUser } from '../../server/users/userStore';
import { emptyPostgresDatabase } from '../support/testServer';

const PASSPHRASE = 'correct horse battery staple';
const root = mkdtempSync(path.join(tmpdir(), 'jiuzhu-backup-'));
const drops: (() => Promise<void>)[] = [];

/** A new PostgreSQL database with nothing in it (not even the schema): what a restore expects. */
async function emptyDatabase(): Promise<string> {
  const empty = await emptyPostgresDatabase('jiuzhu_bk');
  drops.push(empty.drop);
  return empty.url;
}

async function tablesIn(url: string): Promise<number> {
  const db = await openPostgresDatabase(url);
  try {
    const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    return rows[0]!.n;
  } finally {
    await db.close();
  }
}

const folder = (name: string) => path.join(root, `${name}-${randomUUID().slice(0, 8)}`);
const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true }) : []);

/** A restore target: a database URL and an attachment folder, both new. */
async function target(url?: string) {
  const databaseUrl = url ?? (await emptyDatabase());
  const directory = folder('files');
  return { databaseUrl, directory, spec: { openDatabase: () => openPostgresDatabase(databaseUrl), files: { kind: 'disk' as const, directory } } };
}

/** A copy of the backup to damage or edit. */
function copyOf(dir: string): string {
  const copy = folder('copy');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

describe('backup and restore of the server (PostgreSQL)', () => {
  let source: Database;
  let sourceFiles: string;
  let backupDir: string;
  let manifest: BackupManifest;
  const blob = new Uint8Array(randomBytes(50_000));
  const blobHash = createHash('sha256').update(blob).digest('hex');

  beforeAll(async () => {
    const url = await emptyDatabase();
    source = await openDatabase({ databaseUrl: url, dataDir: null });
    await addUser(source, { username: 'zhen', password: 'password-123', role: 'township', areaCode: '371623102000' });
    await loadTokenSecret(source);
    await loadSearchKeyRoot(source);
    await loadBundleKeys(source);
    await source.query(
      `INSERT INTO documents (collection, id, area_code, data, deleted, seq) VALUES ('households', 'h-1', '371623102201', $1, false, nextval('change_seq'))`,
      [JSON.stringify({ id: 'h-1', address: '碣石山镇一村 3 号', members: [{ name: '赵秀芝' }] })],
    );
    await source.query("INSERT INTO audit_log (action, collection, document_id, area_code) VALUES ('create', 'households', 'h-1', '371623102201')");
    // An entry of a month long past: the restore must make its month of the audit log (migration 9) before loading it.
    await source.query("SELECT audit_log_ensure_month('2022-05-10T00:00:00Z')");
    await source.query("INSERT INTO audit_log (at, action, collection, document_id, area_code) VALUES ('2022-05-10T00:00:00Z', 'view', 'households', 'h-1', '371623102201')");
    await source.query("INSERT INTO files (sha256, content_type, size) VALUES ($1, 'image/jpeg', $2)", [blobHash, blob.length]);
    await source.query("INSERT INTO file_areas (sha256, area_code) VALUES ($1, '371623102201')", [blobHash]);
    sourceFiles = folder('source-files');
    mkdirSync(path.join(sourceFiles, 'sha256'), { recursive: true });
    writeFileSync(path.join(sourceFiles, 'sha256', blobHash), blob);
    backupDir = folder('backup');
    ({ manifest } = await backupServer({ db: source, files: { kind: 'disk', directory: sourceFiles }, dir: backupDir, passphrase: PASSPHRASE }));
  });

  afterAll(async () => {
    await source?.close();
    for (const drop of drops) await drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes the secrets sealed: no secret value is readable anywhere in the backup', async () => {
    const secrets = await source.query<{ name: string; value: string }>('SELECT name, value FROM server_secrets');
    expect(secrets.map((s) => s.name).sort()).toEqual(['access_token_hmac', 'bundle_ecdh_private', 'device_key_hmac', 'id_search_root']);
    expect(manifest.secrets.names.sort()).toEqual(secrets.map((s) => s.name).sort());
    const contents = readdirSync(backupDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const bytes = readFileSync(path.join(entry.parentPath, entry.name));
        return entry.name.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
      })
      .join('\n');
    expect(contents).toContain('碣石山镇一村 3 号');
    for (const secret of secrets) {
      // The bundle key is a JWK: its private part is `d`.
      const material = secret.name === 'bundle_ecdh_private' ? (JSON.parse(secret.value) as { d: string }).d : secret.value;
      expect(contents).not.toContain(material);
    }
  });

  it('restores rows, secrets, sequences and attachments into a new database and folder, at the current schema', async () => {
    const { databaseUrl, directory, spec } = await target();
    await restoreServer({ from: backupDir, passphrase: PASSPHRASE, target: spec });
    const restored = await openDatabase({ databaseUrl, dataDir: null });
    try {
      // The audit log is copied once, through its parent, not again month by month.
      expect(manifest.tables.map((t) => t.name).filter((name) => name.startsWith('audit_log_'))).toEqual([]);
      for (const sql of [
        'SELECT name, value FROM server_secrets ORDER BY name',
        'SELECT * FROM users ORDER BY id',
        'SELECT collection, id, area_code, data, deleted, seq FROM documents ORDER BY collection, id',
        'SELECT * FROM audit_log ORDER BY id',
        'SELECT * FROM file_areas ORDER BY sha256',
        "SELECT last_value FROM pg_sequences WHERE sequencename = 'audit_log_id_seq'",
        'SELECT max(version) AS version FROM schema_migrations',
      ]) {
        expect(await restored.query(sql), sql).toEqual(await source.query(sql));
      }
      // The lost server went on after the backup, and a laptop may have pulled those changes: a
      // change stored after the restore is numbered past them, so that laptop's checkpoint still sees it.
      const afterBackup = [1, 2, 3].map((n) => ({ id: `h-after-${n}`, areaCode: '371623102201' }));
      await source.transaction((tx) => storeDocuments(tx, 'households', afterBackup.map((doc) => ({ doc, deleted: false }))));
      const lostServerLast = (await source.query<{ seq: number }>('SELECT max(seq) AS seq FROM documents'))[0]!.seq;
      await restored.transaction((tx) => storeDocuments(tx, 'households', [{ doc: { id: 'h-after-restore', areaCode: '371623102201' }, deleted: false }]));
      const pulledAfter = await restored.query<{ id: string }>('SELECT id FROM documents WHERE seq > $1', [lostServerLast]);
      expect(pulledAfter.map((r) => r.id)).toEqual(['h-after-restore']);
    } finally {
      await restored.close();
    }
    expect(readFileSync(path.join(directory, 'sha256', blobHash))).toEqual(Buffer.from(blob));
  });

  it('refuses a wrong passphrase, and writes nothing', async () => {
    const { databaseUrl, directory, spec } = await target();
    await expect(restoreServer({ from: backupDir, passphrase: 'not the passphrase at all', target: spec })).rejects.toThrow(/wrong backup passphrase/);
    expect(await tablesIn(databaseUrl)).toBe(0);
    expect(filesIn(directory)).toEqual([]);
  });

  it('refuses a damaged backup — a changed table, a changed attachment, a missing file, no manifest — and writes nothing', async () => {
    const changedTable = copyOf(backupDir);
    const tableFile = path.join(changedTable, 'database', 'documents.jsonl.gz');
    const bytes = readFileSync(tableFile);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10);
    writeFileSync(tableFile, bytes);
    const changedBlob = copyOf(backupDir);
    writeFileSync(path.join(changedBlob, 'files', 'sha256', blobHash), blob.slice(1));
    const missing = copyOf(backupDir);
    rmSync(path.join(missing, 'secrets.enc'));
    const unfinished = copyOf(backupDir);
    rmSync(path.join(unfinished, 'manifest.json'));
    for (const [from, words] of [
      [changedTable, /damaged backup: database\/documents.jsonl.gz does not match its checksum/],
      [changedBlob, new RegExp(`damaged backup: files/sha256/${blobHash} does not match`)],
      [missing, /damaged backup: secrets.enc is missing/],
      [unfinished, /no manifest.json: not a \(finished\) backup/],
    ] as const) {
      const { databaseUrl, directory, spec } = await target();
      await expect(restoreServer({ from, passphrase: PASSPHRASE, target: spec })).rejects.toThrow(words);
      expect(await tablesIn(databaseUrl)).toBe(0);
      expect(filesIn(directory)).toEqual([]);
    }
  });

  it('refuses a backup made by a newer server, and writes nothing', async () => {
    for (const change of [{ schemaVersion: LATEST_SCHEMA_VERSION + 1 }, { serverVersion: '99.0.0' }]) {
      const newer = copyOf(backupDir);
      writeFileSync(path.join(newer, 'manifest.json'), JSON.stringify({ ...manifest, ...change }));
      const { databaseUrl, directory, spec } = await target();
      await expect(restoreServer({ from: newer, passphrase: PASSPHRASE, target: spec })).rejects.toThrow(/made by a newer server .*install the newer server first/);
      expect(await tablesIn(databaseUrl)).toBe(0);
      expect(filesIn(directory)).toEqual([]);
    }
  });

  it('refuses a target database or attachment folder that is not empty, and leaves it as it was', async () => {
    // A database a server already started on: its own secrets and reference data.
    const used = await emptyDatabase();
    const running = await openDatabase({ databaseUrl: used, dataDir: null });
    await addUser(running, { username: 'other', password: 'password-123', role: 'township', areaCode: '371623103000' });
    const before = await running.query('SELECT id, username FROM users');
    const busy = await target(used);
    await expect(restoreServer({ from: backupDir, passphrase: PASSPHRASE, target: busy.spec })).rejects.toThrow(/target database is not empty/);
    expect(await running.query('SELECT id, username FROM users')).toEqual(before);
    expect(filesIn(busy.directory)).toEqual([]);
    await running.close();

    const full = await target();
    mkdirSync(path.join(full.directory, 'sha256'), { recursive: true });
    writeFileSync(path.join(full.directory, 'sha256', 'a'.repeat(64)), 'x');
    await expect(restoreServer({ from: backupDir, passphrase: PASSPHRASE, target: full.spec })).rejects.toThrow(/attachment folder .* is not empty/);
    expect(await tablesIn(full.databaseUrl)).toBe(0);
  });

  it('backs up only into a new folder, with a passphrase of 12 characters or more', async () => {
    await expect(backupServer({ db: source, files: { kind: 'disk', directory: sourceFiles }, dir: folder('short'), passphrase: 'short' })).rejects.toThrow(/at least 12 characters/);
    await expect(backupServer({ db: source, files: { kind: 'disk', directory: sourceFiles }, dir: backupDir, passphrase: PASSPHRASE })).rejects.toThrow(/not empty/);
  });

  it('restores a backup of an older schema and upgrades it like a start would', async () => {
    // A database at the schema before migration 8, holding a policy in the old (yearly) shape that
    // migration 8 reshapes (a fixed version: later migrations must not move it past that one).
    const oldUrl = await emptyDatabase();
    const old = await openPostgresDatabase(oldUrl);
    const previous = 7;
    await old.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const migration of migrations.filter((m) => m.version <= previous)) {
      for (const statement of splitStatements(migration.sql)) await old.query(statement);
      await old.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
    }
    await old.query(
      `INSERT INTO documents (collection, id, area_code, data, deleted, seq) VALUES ('policies', 'p-1', '371623000000', $1, false, nextval('change_seq'))`,
      [JSON.stringify({ id: 'p-1', areaCode: '371623000000', year: 2025, validFrom: '2025-01-01', validTo: '2025-12-31' })],
    );
    const oldBackup = folder('old-backup');
    const made = await backupServer({ db: old, files: { kind: 'disk', directory: folder('none') }, dir: oldBackup, passphrase: PASSPHRASE });
    await old.close();
    expect(made.manifest.schemaVersion).toBe(previous);

    const { databaseUrl, spec } = await target();
    await restoreServer({ from: oldBackup, passphrase: PASSPHRASE, target: spec });
    const restored = await openPostgresDatabase(databaseUrl);
    try {
      expect((await restored.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations'))[0]!.version).toBe(LATEST_SCHEMA_VERSION);
      const policy = (await restored.query<{ data: Record<string, unknown> }>("SELECT data FROM documents WHERE id = 'p-1'"))[0]!.data;
      expect(policy['year']).toBeUndefined();
      expect(policy['validTo']).toBeUndefined();
      expect(policy['tekunBasicLivingMonthly']).toBeNull();
    } finally {
      await restored.close();
    }
  });
});

import { execFile } from 'node:child_process';
import { serverProgram } from '../../harness/serverProcess';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveAuditMonths, type ArchivedMonth } from '../../server/audit/auditArchive';
import { addMonths, ensureAuditMonths, listAuditMonths, monthOf } from '../../server/audit/auditMonths';
import { queryAudit } from '../../server/audit/auditQuery';
import { readAuditRetention } from '../../server/audit/auditRetention';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/openDatabase';
import { databaseKinds, freshDatabase } from '../support/testServer';
import { migratedPgliteFolder } from '../support/pgliteSnapshots';

const folders: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-audit-archive-'));
  folders.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** "Now" for the archive: with 36 months kept, 2023-12 is the oldest month kept. */
const NOW = () => new Date('2026-12-15T02:00:00Z');
const RETENTION = 36;

/**
 * Entries of earlier months, as a log that has been running for years holds them: two months
 * past the retention (2022-03, 2023-11) and the oldest month kept (2023-12). The first entry of
 * 2022-03 is written at 00:00 on 1 March in China, still February in UTC: months are China's.
 */
const OLD_ENTRIES = [
  { at: '2022-02-28T16:00:00Z', month: '2022-03', action: 'create', document: 'h-2022-a' },
  { at: '2022-03-20T08:00:00Z', month: '2022-03', action: 'view', document: null },
  { at: '2022-03-31T15:59:59Z', month: '2022-03', action: 'change', document: 'h-2022-a' },
  { at: '2023-11-10T03:00:00Z', month: '2023-11', action: 'export', document: 'h-2023-b' },
  { at: '2023-11-30T16:00:00Z', month: '2023-12', action: 'create', document: 'h-2023-c' },
  { at: '2023-12-31T12:00:00Z', month: '2023-12', action: 'change', document: 'h-2023-c' },
];

async function seedOldEntries(db: Database): Promise<void> {
  for (const entry of OLD_ENTRIES) {
    // Old months are made as the upgrade (migration 9) or a restore makes them for old entries.
    await db.query('SELECT audit_log_ensure_month($1::timestamptz)', [entry.at]);
    await db.query(
      `INSERT INTO audit_log (at, user_id, device_id, role, action, collection, document_id, area_code, details)
       VALUES ($1, 'u-1', 'dev-1', 'assistant', $2, 'households', $3, '371623102201', $4)`,
      [entry.at, entry.action, entry.document, JSON.stringify(entry.action === 'view' ? { documentIds: ['h-2022-a'] } : { fields: ['members'] })],
    );
  }
  // And this month's, written the ordinary way.
  await db.query("INSERT INTO audit_log (user_id, role, action, area_code) VALUES ('u-1', 'assistant', 'login', '371623102201')");
}

const rowsOf = async (db: Database, where: string) =>
  (await db.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM audit_log AS t WHERE ${where} ORDER BY id`)).map((r) => r.row);
const tableExists = async (db: Database, table: string) => (await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]))[0]!.t !== null;

/** The archive as someone reads it years later: gunzip, one JSON entry per line. */
function readArchive(dir: string, month: string): { description: ArchivedMonth; entries: Record<string, unknown>[]; sha256: string } {
  const description = JSON.parse(readFileSync(path.join(dir, `audit-${month}.json`), 'utf8')) as ArchivedMonth;
  const bytes = readFileSync(path.join(dir, description.file));
  const entries = gunzipSync(bytes).toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { description, entries, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function expectAppendOnly(db: Database, table: string): Promise<void> {
  await expect(db.query(`UPDATE ${table} SET action = 'changed'`)).rejects.toThrow(/append-only/);
  await expect(db.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
  await expect(db.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
}

describe.each(databaseKinds)('archiving the audit log’s old months on %s', (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ db, drop } = await freshDatabase(kind));
    await seedOldEntries(db);
  });
  afterEach(async () => drop());

  it('exports each month past the retention to a file that reads back whole, drops only those months, and leaves the rest unchangeable', async () => {
    const march2022 = await rowsOf(db, "id IN (SELECT id FROM audit_log_2022_03)");
    const november2023 = await rowsOf(db, "id IN (SELECT id FROM audit_log_2023_11)");
    const kept = await rowsOf(db, "at >= '2023-11-30T16:00:00Z'");
    expect(march2022).toHaveLength(3);
    expect(november2023).toHaveLength(1);

    const dir = path.join(freshDir(), 'archive');
    const archived = await archiveAuditMonths(db, { dir, retentionMonths: RETENTION, now: NOW });
    expect(archived.map((m) => [m.month, m.rows])).toEqual([
      ['2022-03', 3],
      ['2023-11', 1],
    ]);

    // Every entry of the month is in its file, as it was in the database; count and checksum match.
    for (const [month, rows] of [['2022-03', march2022], ['2023-11', november2023]] as const) {
      const { description, entries, sha256 } = readArchive(dir, month);
      expect(entries).toEqual(rows);
      expect(description).toMatchObject({ month, rows: rows.length, sha256, firstId: rows[0]!['id'], lastId: rows.at(-1)!['id'] });
    }
    expect(readdirSync(dir).sort()).toEqual(['audit-2022-03.json', 'audit-2022-03.jsonl.gz', 'audit-2023-11.json', 'audit-2023-11.jsonl.gz']);

    // Gone from the database, month and all; the kept months untouched.
    expect(await rowsOf(db, "at < '2023-11-30T16:00:00Z'")).toEqual([]);
    expect(await tableExists(db, 'audit_log_2022_03')).toBe(false);
    expect(await tableExists(db, 'audit_log_2023_11')).toBe(false);
    expect(await rowsOf(db, "at >= '2023-11-30T16:00:00Z' AND action <> 'archive_audit_month'")).toEqual(kept);
    expect((await listAuditMonths(db)).map((m) => m.month)[0]).toBe('2023-12');

    // The log says what left it.
    const said = await db.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'archive_audit_month' ORDER BY id");
    expect(said.map((e) => e.details)).toEqual(archived.map((m) => ({ month: m.month, rows: m.rows, sha256: m.sha256, file: m.file })));

    // An entry still cannot be changed or deleted, through the log or through its month.
    await expectAppendOnly(db, 'audit_log_2023_12');
    await expectAppendOnly(db, 'audit_log');
    expect(await rowsOf(db, "at >= '2023-11-30T16:00:00Z' AND action <> 'archive_audit_month'")).toEqual(kept);

    // The audit query reads across the months that remain, newest first.
    const answer = await queryAudit(db, { areaPrefix: '371623', limit: 10 });
    expect(answer.map((e) => e.action)).toEqual(['login', 'change', 'create']);
    const byDocument = await queryAudit(db, { areaPrefix: '371623', documentId: 'h-2023-c', limit: 10 });
    expect(byDocument.map((e) => e.at)).toEqual(['2023-12-31T12:00:00.000Z', '2023-11-30T16:00:00.000Z']);

    // Run again: nothing more is past the retention.
    expect(await archiveAuditMonths(db, { dir, retentionMonths: RETENTION, now: NOW })).toEqual([]);
  });

  it('drops nothing when the archive folder cannot be made', async () => {
    const before = await rowsOf(db, 'true');
    const notAFolder = path.join(freshDir(), 'a-file');
    writeFileSync(notAFolder, 'not a folder');
    await expect(archiveAuditMonths(db, { dir: notAFolder, retentionMonths: RETENTION, now: NOW })).rejects.toThrow(/归档文件夹.*没有删除任何月份/);
    expect(await rowsOf(db, 'true')).toEqual(before);
    expect(await tableExists(db, 'audit_log_2022_03')).toBe(true);
  });

  it('keeps a month whose file cannot be put in place, and the months after it', async () => {
    const before = await rowsOf(db, 'true');
    const dir = freshDir();
    // Something else already sits where the oldest month's file would go.
    mkdirSync(path.join(dir, 'audit-2022-03.jsonl.gz', 'in-the-way'), { recursive: true });
    await expect(archiveAuditMonths(db, { dir, retentionMonths: RETENTION, now: NOW })).rejects.toThrow();
    expect(await rowsOf(db, 'true')).toEqual(before);
    expect(await tableExists(db, 'audit_log_2022_03')).toBe(true);
    expect(await tableExists(db, 'audit_log_2023_11')).toBe(true);
    expect(readdirSync(dir)).toEqual(['audit-2022-03.jsonl.gz']);
  });
});

describe.each(databaseKinds)('the audit log’s coming months on %s', (kind) => {
  it('are made ahead, once, even by two processes at the same moment, so a write finds its month', async () => {
    const { db, drop } = await freshDatabase(kind);
    try {
      const thisMonth = monthOf(new Date());
      const ahead = (n: number) => `audit_log_${addMonths(thisMonth, n).replace('-', '_')}`;
      // Opening the database made this month and the next three.
      expect((await listAuditMonths(db)).map((m) => m.table)).toEqual([0, 1, 2, 3].map(ahead));
      // Two servers starting together (separate connections on PostgreSQL) both make the year ahead.
      const [first, second] = await Promise.all([ensureAuditMonths(db, 12), ensureAuditMonths(db, 12)]);
      expect(first).toEqual(second);
      expect((await listAuditMonths(db)).map((m) => m.table)).toEqual([...Array(13).keys()].map(ahead));
      const inAYear = new Date(Date.now() + 330 * 24 * 60 * 60 * 1000).toISOString();
      const landed = await db.query<{ month: string }>("INSERT INTO audit_log (at, action) VALUES ($1, 'login') RETURNING tableoid::regclass::text AS month", [inAYear]);
      expect(landed[0]!.month).toBe(`audit_log_${monthOf(new Date(inAYear)).replace('-', '_')}`);
      await expectAppendOnly(db, landed[0]!.month);
    } finally {
      await drop();
    }
  });
});

describe('the retention setting', () => {
  it('is 36 months unless set, and refuses less than the six months of logs the law asks for, in words', () => {
    expect(readAuditRetention({})).toBe(36);
    expect(readAuditRetention({ JIUZHU_AUDIT_RETENTION_MONTHS: '60' })).toBe(60);
    expect(() => readAuditRetention({ JIUZHU_AUDIT_RETENTION_MONTHS: '3' })).toThrow(/JIUZHU_AUDIT_RETENTION_MONTHS（审计日志保留月数）/);
    expect(() => readAuditRetention({ JIUZHU_AUDIT_RETENTION_MONTHS: 'forever' })).toThrow(/whole number of months/);
  });
});

describe('npm run server -- audit archive', () => {
  it('archives the months past JIUZHU_AUDIT_RETENTION_MONTHS of the configured database, after listing them on --dry-run', async () => {
    const dataDir = migratedPgliteFolder(freshDir());
    const db = await openDatabase({ dataDir });
    try {
      await seedOldEntries(db);
    } finally {
      await db.close();
    }
    // The command archives by today's date: the retention that keeps 2023-12 and later today.
    const [year, month] = monthOf(new Date()).split('-').map(Number) as [number, number];
    const retention = String(year * 12 + month - (2023 * 12 + 12));
    const env = { ...process.env, JIUZHU_DATA_DIR: dataDir, DATABASE_URL: '', JIUZHU_AUDIT_RETENTION_MONTHS: retention };
    const out = path.join(freshDir(), 'archive');
    const run = (...more: string[]) => promisify(execFile)(...serverProgram(['audit', 'archive', '--out', out, ...more]), { env });

    const dry = await run('--dry-run');
    expect(dry.stdout).toContain('would archive 2022-03, 2023-11');
    expect(existsSync(out)).toBe(false);

    const done = await run();
    expect(done.stdout).toMatch(/archived 2022-03: 3 entries/);
    expect(done.stdout).toMatch(/archived 2023-11: 1 entries/);
    expect(readArchive(out, '2022-03').entries.map((e) => e['document_id'])).toEqual(['h-2022-a', null, 'h-2022-a']);

    const after = await openDatabase({ dataDir });
    try {
      expect((await listAuditMonths(after)).map((m) => m.month)).not.toContain('2022-03');
      expect(await rowsOf(after, "at >= '2023-11-30T16:00:00Z' AND at < '2024-01-01'")).toHaveLength(2);
    } finally {
      await after.close();
    }
  });
});

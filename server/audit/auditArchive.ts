import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database, Queryable } from '../db/database';
import { recordAudit } from './auditLog';
import { addMonths, listAuditMonths, monthOf, type AuditMonth } from './auditMonths';

/**
 * `audit archive`: each month of the audit log older than the retention is written to
 * `audit-YYYY-MM.jsonl.gz` (one entry per line, PostgreSQL's own `to_jsonb` of the row, by id)
 * with `audit-YYYY-MM.json` beside it (rows, SHA-256 of the .gz, first and last id), read back
 * and checked, and only then is the month's partition dropped — in the same transaction that
 * held writes off it while it was read. Anything failing leaves the month in the database.
 * The drop is itself an entry of the log (`archive_audit_month`).
 */

export const ARCHIVE_FORMAT = 'jiuzhu-audit-month/1';
const ROWS_PER_FETCH = 2000;

export interface ArchivedMonth {
  format: typeof ARCHIVE_FORMAT;
  month: string;
  /** The .gz file, next to this description. */
  file: string;
  rows: number;
  sha256: string;
  firstId: number | null;
  lastId: number | null;
  archivedAt: string;
}

/** The oldest month kept: the current month and the `retentionMonths` before it stay. */
export function firstMonthKept(now: Date, retentionMonths: number): string {
  return addMonths(monthOf(now), -retentionMonths);
}

/** The months `archiveAuditMonths` would take now, oldest first. */
export async function monthsPastRetention(db: Queryable, now: Date, retentionMonths: number): Promise<AuditMonth[]> {
  const kept = firstMonthKept(now, retentionMonths);
  return (await listAuditMonths(db)).filter((m) => m.month < kept);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Writes the partition's rows, by id, as gzip-compressed JSON lines; returns the count and the file's SHA-256. */
async function writeMonth(tx: Queryable, table: string, file: string): Promise<{ rows: number; sha256: string }> {
  let rows = 0;
  const hash = createHash('sha256');
  await tx.query(`DECLARE audit_month_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS row FROM ${quoted(table)} AS t ORDER BY id`);
  async function* lines() {
    for (;;) {
      const page = await tx.query<{ row: string }>(`FETCH FORWARD ${ROWS_PER_FETCH} FROM audit_month_rows`);
      if (page.length === 0) return;
      rows += page.length;
      yield page.map((r) => `${r.row}\n`).join('');
    }
  }
  async function* hashed(source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      hash.update(chunk);
      yield chunk;
    }
  }
  await pipeline(lines, createGzip(), hashed, createWriteStream(file, { mode: 0o600, flags: 'wx' }));
  await tx.query('CLOSE audit_month_rows');
  return { rows, sha256: hash.digest('hex') };
}

/** Reads an archive back as a later reader would: its SHA-256, and every line an entry of `month`. */
export async function readArchivedMonth(file: string, month: string): Promise<{ rows: number; sha256: string; firstId: number | null; lastId: number | null }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  let rows = 0;
  let firstId: number | null = null;
  let lastId: number | null = null;
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length === 0) continue;
    const entry = JSON.parse(line) as { id: number; at: string; action: string };
    if (typeof entry.id !== 'number' || typeof entry.action !== 'string' || monthOf(new Date(entry.at)) !== month) {
      throw new Error(`审计日志归档 ${path.basename(file)} 第 ${rows + 1} 行不是 ${month} 的记录 / line ${rows + 1} is not an entry of ${month}`);
    }
    firstId ??= entry.id;
    lastId = entry.id;
    rows += 1;
  }
  return { rows, sha256: hash.digest('hex'), firstId, lastId };
}

/** Makes a written file durable before the month it holds is dropped. */
async function syncToDisk(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function archiveMonth(db: Database, dir: string, month: AuditMonth, now: () => Date): Promise<ArchivedMonth> {
  const name = `audit-${month.month}`;
  const dataFile = path.join(dir, `${name}.jsonl.gz`);
  const descriptionFile = path.join(dir, `${name}.json`);
  const partial = `${dataFile}.partial`;
  // A run that stopped half-way left a partial file; the month is still in the database, so it is written afresh.
  await rm(partial, { force: true });
  try {
    return await db.transaction(async (tx) => {
      // Nothing is written into the month while it is read; readers go on.
      await tx.query(`LOCK TABLE ${quoted(month.table)} IN SHARE MODE`);
      const counted = (await tx.query<{ rows: number }>(`SELECT count(*)::int AS rows FROM ${quoted(month.table)}`))[0]!.rows;
      const written = await writeMonth(tx, month.table, partial);
      await syncToDisk(partial);
      const readBack = await readArchivedMonth(partial, month.month);
      if (written.rows !== counted || readBack.rows !== counted || readBack.sha256 !== written.sha256) {
        throw new Error(
          `审计日志 ${month.month} 的导出校验不符（数据库 ${counted} 条，写出 ${written.rows} 条，读回 ${readBack.rows} 条），未删除该月 / ` +
            `the export of ${month.month} did not verify (${counted} in the database, ${written.rows} written, ${readBack.rows} read back); the month was not dropped`,
        );
      }
      await rename(partial, dataFile);
      const archived: ArchivedMonth = {
        format: ARCHIVE_FORMAT,
        month: month.month,
        file: path.basename(dataFile),
        rows: counted,
        sha256: written.sha256,
        firstId: readBack.firstId,
        lastId: readBack.lastId,
        archivedAt: now().toISOString(),
      };
      await writeFile(`${descriptionFile}.partial`, `${JSON.stringify(archived, null, 2)}\n`, { mode: 0o600 });
      await syncToDisk(`${descriptionFile}.partial`);
      await rename(`${descriptionFile}.partial`, descriptionFile);
      await syncToDisk(dir);
      await tx.query(`DROP TABLE ${quoted(month.table)}`);
      await recordAudit(tx, [
        {
          userId: null,
          deviceId: null,
          role: 'system',
          action: 'archive_audit_month',
          areaCode: null,
          details: { month: month.month, rows: counted, sha256: written.sha256, file: archived.file },
        },
      ]);
      return archived;
    });
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * Archives, oldest first, every month older than the retention; stops at the first month that
 * cannot be written or verified (that month and the later ones stay in the database).
 */
export async function archiveAuditMonths(
  db: Database,
  options: { dir: string; retentionMonths: number; now?: () => Date },
): Promise<ArchivedMonth[]> {
  const now = options.now ?? (() => new Date());
  const months = await monthsPastRetention(db, now(), options.retentionMonths);
  if (months.length === 0) return [];
  try {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error';
    throw new Error(`归档文件夹 ${options.dir} 无法创建或写入（${code}），没有删除任何月份 / the archive folder cannot be made or written (${code}); no month was dropped`, { cause: error });
  }
  const archived: ArchivedMonth[] = [];
  for (const month of months) archived.push(await archiveMonth(db, options.dir, month, now));
  return archived;
}

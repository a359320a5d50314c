import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database, Queryable } from '../db/database';
import { sha256Of } from './checksums';
import { BACKUP_FILES, type BackupManifest } from './manifest';

/** Tables a backup does not copy as rows: the schema version is the manifest's, the secrets go sealed. */
export const NOT_COPIED = new Set(['schema_migrations', 'server_secrets']);
const ROWS_PER_FETCH = 2000;

export interface DatabaseExport {
  schemaVersion: number;
  tables: BackupManifest['tables'];
  sequences: BackupManifest['sequences'];
  /** server_secrets' rows, to be sealed with the passphrase. */
  secrets: { name: string; value: string }[];
  /** The attachments the `files` table names. */
  files: { sha256: string; size: number }[];
}

/** The schema's tables in an order that loads: each after the tables its foreign keys point to. */
export async function tablesInLoadOrder(db: Queryable): Promise<string[]> {
  // A partition (a month of the audit log, migration 9) is read and loaded through its parent table.
  const tables = (
    await db.query<{ name: string }>(
      `SELECT t.tablename AS name FROM pg_tables t JOIN pg_class c ON c.oid = (quote_ident(t.schemaname) || '.' || quote_ident(t.tablename))::regclass
        WHERE t.schemaname = current_schema() AND NOT c.relispartition ORDER BY t.tablename`,
    )
  ).map((t) => t.name);
  const references = await db.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table) || path.includes(table)) return;
    for (const ref of references) if (ref.child === table && ref.parent !== table) visit(ref.parent, [...path, table]);
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Writes one table's rows as gzip-compressed JSON lines (PostgreSQL's own `to_jsonb` text); returns the count. */
async function exportTable(tx: Queryable, table: string, file: string): Promise<number> {
  let rows = 0;
  await tx.query(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS row FROM ${quoted(table)} AS t`);
  async function* lines() {
    for (;;) {
      const page = await tx.query<{ row: string }>(`FETCH FORWARD ${ROWS_PER_FETCH} FROM backup_rows`);
      if (page.length === 0) return;
      rows += page.length;
      yield page.map((r) => `${r.row}\n`).join('');
    }
  }
  await pipeline(lines, createGzip(), createWriteStream(file, { mode: 0o600 }));
  await tx.query('CLOSE backup_rows');
  return rows;
}

/**
 * Every table of the database into `dir/database/`, read in one snapshot (REPEATABLE READ, read
 * only): a server may keep running on PostgreSQL, and what is written while the backup reads is
 * simply not in it. Sequences and secrets come from the same snapshot.
 */
export async function exportDatabase(db: Database, dir: string): Promise<DatabaseExport> {
  const tableDir = path.join(dir, BACKUP_FILES.databaseDir);
  await mkdir(tableDir, { recursive: true, mode: 0o700 });
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const version = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const schemaVersion = version[0]?.version ?? 0;
    const tables: DatabaseExport['tables'] = [];
    for (const name of await tablesInLoadOrder(tx)) {
      if (NOT_COPIED.has(name)) continue;
      const file = path.posix.join(BACKUP_FILES.databaseDir, `${name}.jsonl.gz`);
      const rows = await exportTable(tx, name, path.join(dir, file));
      tables.push({ name, file, rows, sha256: await sha256Of(path.join(dir, file)) });
    }
    // Sequences are not part of the snapshot: read after the rows, they are at least as far as any
    // number the rows hold (a push meanwhile only leaves a gap).
    const sequences = await tx.query<{ name: string; lastValue: number | null }>(
      'SELECT sequencename AS name, last_value AS "lastValue" FROM pg_sequences WHERE schemaname = current_schema() ORDER BY sequencename',
    );
    const secrets = await tx.query<{ name: string; value: string }>('SELECT name, value FROM server_secrets ORDER BY name');
    const files = await tx.query<{ sha256: string; size: number }>('SELECT sha256, size FROM files ORDER BY sha256');
    return {
      schemaVersion,
      tables,
      // A sequence never used (last_value null) starts where a fresh one does.
      sequences: sequences.flatMap((s) => (s.lastValue === null ? [] : [{ name: s.name, lastValue: s.lastValue }])),
      secrets,
      files,
    };
  });
}

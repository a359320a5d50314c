import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Database, Queryable } from '../db/database';
import { migrate, migrations, splitStatements } from '../db/migrations';
import type { BackupManifest } from './manifest';

const ROWS_PER_INSERT = 1000;
/**
 * How far the sync numbering (`change_seq`) jumps at a restore. The lost server went on numbering
 * after the backup, and a laptop that pulled then holds a checkpoint past the backup's last number:
 * were the numbering to resume there, that laptop would never pull the changes made after the
 * restore until the count caught up. No county makes a billion changes between two backups; gaps
 * in the numbering are harmless (a rolled-back push leaves one too).
 */
export const RESTORED_CHANGE_SEQ_GAP = 1_000_000_000;
/** The lock `migrate` takes: a server starting on the target meanwhile waits for the restore. */
const MIGRATION_LOCK = 7164001;

export class TargetNotEmptyError extends Error {
  constructor(tables: number) {
    super(
      `目标数据库不是空的（已有 ${tables} 张表）：恢复只写入新建的空数据库，请新建一个，且不要先在它上面启动服务器 / ` +
        `the target database is not empty (${tables} tables): restore writes only into a new, empty database — create one, and do not start the server on it first`,
    );
  }
}

/** Refuses a database holding any table: a restore never mixes a backup with other data. */
export async function assertEmptyDatabase(db: Queryable): Promise<void> {
  const rows = await db.query<{ tables: number }>('SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = current_schema()');
  const tables = rows[0]?.tables ?? 0;
  if (tables > 0) throw new TargetNotEmptyError(tables);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Inserts a table's JSON lines in batches; PostgreSQL turns each JSON object back into a row of the table's own types. */
async function importTable(tx: Queryable, dir: string, table: BackupManifest['tables'][number]): Promise<void> {
  const insert = `INSERT INTO ${quoted(table.name)} SELECT * FROM jsonb_populate_recordset(NULL::${quoted(table.name)}, $1::jsonb)`;
  let batch: string[] = [];
  let rows = 0;
  const partitioned = (await tx.query("SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass('audit_log')")).length > 0;
  const flush = async () => {
    if (batch.length === 0) return;
    // The audit log is split by month (migration 9): the months of the entries must exist first.
    if (table.name === 'audit_log' && partitioned) {
      await tx.query(
        'SELECT DISTINCT audit_log_ensure_month((e->>\'at\')::timestamptz) FROM jsonb_array_elements($1::jsonb) AS e',
        [`[${batch.join(',')}]`],
      );
    }
    await tx.query(insert, [`[${batch.join(',')}]`]);
    rows += batch.length;
    batch = [];
  };
  const lines = createInterface({ input: createReadStream(path.join(dir, table.file)).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length === 0) continue;
    batch.push(line);
    if (batch.length >= ROWS_PER_INSERT) await flush();
  }
  await flush();
  if (rows !== table.rows) throw new Error(`备份已损坏：${table.name} 应有 ${table.rows} 行，读到 ${rows} 行 / damaged backup: ${table.name} holds ${rows} rows, the manifest says ${table.rows}`);
}

/**
 * Loads a backup into an empty database in one transaction: the schema as it was at the backup's
 * version (the same migrations, in order), the rows, the secrets and the sequences' positions.
 * Anything failing leaves the database as it was. Then the migrations since that version run, as
 * at any server start, so an older backup comes up at this server's schema.
 */
export async function importDatabase(
  db: Database,
  dir: string,
  manifest: BackupManifest,
  secrets: { name: string; value: string }[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await assertEmptyDatabase(tx);
    await tx.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const migration of migrations) {
      if (migration.version > manifest.schemaVersion) break;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
    }
    for (const table of manifest.tables) await importTable(tx, dir, table);
    await tx.query('INSERT INTO server_secrets (name, value) SELECT name, value FROM jsonb_populate_recordset(NULL::server_secrets, $1::jsonb)', [
      JSON.stringify(secrets),
    ]);
    for (const sequence of manifest.sequences) {
      const value = sequence.name === 'change_seq' ? sequence.lastValue + RESTORED_CHANGE_SEQ_GAP : sequence.lastValue;
      await tx.query('SELECT setval($1::regclass, $2, true)', [quoted(sequence.name), value]);
    }
  });
  await migrate(db);
}

import { randomUUID } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database';
import { DatabaseTooNewError, LATEST_SCHEMA_VERSION } from '../db/migrations';
import type { FilesConfig } from '../files/filesConfig';
import { SERVER_VERSION } from '../version';
import { sha256Of } from './checksums';
import { exportDatabase } from './databaseExport';
import { BACKUP_FILES, BACKUP_FORMAT, type BackupManifest } from './manifest';
import { MIN_PASSPHRASE_LENGTH, seal } from './secretBox';

export interface BackupSummary {
  dir: string;
  manifest: BackupManifest;
}

/** A backup goes into a new or empty folder only: it never mixes with (or overwrites) another. */
async function prepareEmptyFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const present = await readdir(dir);
  if (present.length > 0) throw new Error(`备份目录 ${dir} 不是空的 / the backup folder ${dir} is not empty: give a new folder`);
  // It will hold personal data and the sealed secrets: its owner's only, even if it existed already.
  await chmod(dir, 0o700);
}

/**
 * Copies the attachments the database names (its snapshot: a file uploaded after it is not in the
 * backup, and neither is its record). Each is checked against its name as it is copied, so a
 * file damaged on the server's disk is found now, not at the restore.
 */
async function copyFiles(files: { sha256: string; size: number }[], from: string, dir: string): Promise<void> {
  const target = path.join(dir, BACKUP_FILES.blobDir);
  await mkdir(target, { recursive: true, mode: 0o700 });
  for (const file of files) {
    const copy = path.join(target, file.sha256);
    await copyFile(path.join(from, 'sha256', file.sha256), copy).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`附件 ${file.sha256} 在服务器的文件目录里找不到 / attachment ${file.sha256} is missing from ${from}: ${error.code ?? error.message}`);
    });
    if ((await sha256Of(copy)) !== file.sha256) throw new Error(`附件 ${file.sha256} 在服务器上已损坏 / attachment ${file.sha256} is damaged on the server's disk`);
  }
}

/**
 * Backs up the database (every table, one snapshot), the attachments and the server's secrets
 * (token keys, the ID-search root, the USB-bundle key: sealed with `passphrase`) into `dir`,
 * with manifest.json written last. The database is not changed.
 */
export async function backupServer(options: { db: Database; files: FilesConfig; dir: string; passphrase: string }): Promise<BackupSummary> {
  const { db, files, dir, passphrase } = options;
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new Error(`备份口令至少 ${MIN_PASSPHRASE_LENGTH} 个字符 / the backup passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
  await prepareEmptyFolder(dir);
  const exported = await exportDatabase(db, dir);
  if (exported.schemaVersion > LATEST_SCHEMA_VERSION) throw new DatabaseTooNewError(exported.schemaVersion);
  if (files.kind === 'disk') await copyFiles(exported.files, files.directory, dir);
  const backupId = randomUUID();
  const secretsFile = path.join(dir, BACKUP_FILES.secrets);
  await writeFile(secretsFile, await seal(JSON.stringify(exported.secrets), passphrase, backupId), { mode: 0o600 });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: 1,
    backupId,
    createdAt: new Date().toISOString(),
    serverVersion: SERVER_VERSION,
    schemaVersion: exported.schemaVersion,
    databaseKind: db.kind,
    tables: exported.tables,
    sequences: exported.sequences,
    secrets: { file: BACKUP_FILES.secrets, sha256: await sha256Of(secretsFile), names: exported.secrets.map((s) => s.name) },
    files: files.kind === 'disk' ? exported.files : null,
  };
  await writeFile(path.join(dir, BACKUP_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return { dir, manifest };
}

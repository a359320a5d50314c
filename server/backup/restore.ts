import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import type { FilesConfig } from '../files/filesConfig';
import { SERVER_VERSION } from '../version';
import { sha256Of } from './checksums';
import { assertEmptyDatabase, importDatabase } from './databaseImport';
import { BACKUP_FILES, manifestSchema, type BackupManifest } from './manifest';
import { open } from './secretBox';

/** A backup restore refuses: nothing was written anywhere when this is thrown. */
export class RestoreRefusedError extends Error {}

const damaged = (zh: string, en: string) =>
  new RestoreRefusedError(`备份已损坏：${zh}，什么也没有恢复 / damaged backup: ${en}; nothing was restored`);

async function readManifest(from: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(path.join(from, BACKUP_FILES.manifest), 'utf8');
  } catch {
    throw new RestoreRefusedError(`${from} 里没有 manifest.json：不是一份（完整的）备份 / ${from} holds no manifest.json: not a (finished) backup`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged('manifest.json 无法读取', 'manifest.json is not JSON');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw damaged('manifest.json 内容不对', `manifest.json: ${parsed.error.issues[0]?.path.join('.') ?? 'invalid'}`);
  return parsed.data;
}

/** Compares dotted version numbers (0.10.0 > 0.9.3); a pre-release suffix is ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split('-')[0]!.split('.').map((n) => Number(n) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function refuseNewer(manifest: BackupManifest): void {
  if (manifest.schemaVersion > LATEST_SCHEMA_VERSION || compareVersions(manifest.serverVersion, SERVER_VERSION) > 0) {
    throw new RestoreRefusedError(
      `这份备份来自更新的服务器（${manifest.serverVersion}，数据库版本 ${manifest.schemaVersion}），本服务器是 ${SERVER_VERSION}（数据库版本 ${LATEST_SCHEMA_VERSION}）：请先安装新版本的服务器 / ` +
        `this backup was made by a newer server (${manifest.serverVersion}, schema ${manifest.schemaVersion}) than this one (${SERVER_VERSION}, schema ${LATEST_SCHEMA_VERSION}): install the newer server first`,
    );
  }
}

/** Every file the manifest names is there with its checksum, and no attachment differs from its name. */
async function verifyChecksums(from: string, manifest: BackupManifest): Promise<void> {
  const check = async (file: string, expected: string) => {
    let actual: string;
    try {
      actual = await sha256Of(path.join(from, file));
    } catch {
      throw damaged(`缺少 ${file}`, `${file} is missing`);
    }
    if (actual !== expected) throw damaged(`${file} 的校验和不符`, `${file} does not match its checksum`);
  };
  for (const table of manifest.tables) await check(table.file, table.sha256);
  await check(manifest.secrets.file, manifest.secrets.sha256);
  for (const file of manifest.files ?? []) await check(path.posix.join(BACKUP_FILES.blobDir, file.sha256), file.sha256);
}

async function openSecrets(from: string, manifest: BackupManifest, passphrase: string): Promise<{ name: string; value: string }[]> {
  const plaintext = await open(await readFile(path.join(from, manifest.secrets.file), 'utf8'), passphrase, manifest.backupId).catch((error: unknown) => {
    throw new RestoreRefusedError(error instanceof Error ? error.message : String(error));
  });
  return JSON.parse(plaintext) as { name: string; value: string }[];
}

async function isEmptyFolder(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/**
 * Copies the attachments into a staging folder beside their place, renamed into place once the
 * database is in: a failure on the way leaves no half-restored folder.
 */
async function stageFiles(from: string, manifest: BackupManifest, directory: string): Promise<string> {
  const staging = path.join(directory, 'sha256.restoring');
  await mkdir(staging, { recursive: true });
  for (const file of manifest.files ?? []) await copyFile(path.join(from, BACKUP_FILES.blobDir, file.sha256), path.join(staging, file.sha256));
  return staging;
}

export interface RestoreTarget {
  /** Opened without migrating (restore creates the schema itself): see `openForRestore`. */
  openDatabase(): Promise<Database>;
  files: FilesConfig;
}

/**
 * Restores a backup into a new, empty database and attachment folder. Before anything is
 * written it checks, and refuses in words: a folder that is not a backup, a backup from a newer
 * server, any file that does not match its checksum, a wrong passphrase, and a target database
 * or attachment folder that is not empty.
 */
export async function restoreServer(options: { from: string; passphrase: string; target: RestoreTarget }): Promise<BackupManifest> {
  const { from, passphrase, target } = options;
  const manifest = await readManifest(from);
  refuseNewer(manifest);
  await verifyChecksums(from, manifest);
  const secrets = await openSecrets(from, manifest, passphrase);
  const directory = target.files.kind === 'disk' ? target.files.directory : null;
  if (manifest.files !== null && directory === null) {
    throw new RestoreRefusedError('这份备份带有附件，但本服务器的附件存放在 S3 / this backup holds attachments but this server keeps them in S3: restore to a disk folder, or copy them to the bucket yourself');
  }
  if (directory !== null && !(await isEmptyFolder(directory))) {
    throw new RestoreRefusedError(`附件目录 ${directory} 不是空的 / the attachment folder ${directory} is not empty: restore into a new folder`);
  }
  const db = await target.openDatabase();
  try {
    try {
      await assertEmptyDatabase(db);
    } catch (error) {
      throw new RestoreRefusedError(error instanceof Error ? error.message : String(error));
    }
    const staging = directory !== null && manifest.files !== null ? await stageFiles(from, manifest, directory) : null;
    try {
      await importDatabase(db, from, manifest, secrets);
    } catch (error) {
      if (staging) await rm(staging, { recursive: true, force: true });
      throw error;
    }
    if (staging && directory) await rename(staging, path.join(directory, 'sha256'));
  } finally {
    await db.close();
  }
  return manifest;
}

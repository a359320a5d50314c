import path from 'node:path';
import { parseArgs } from 'node:util';
import { readPassword } from '../cli/readPassword';
import type { Database } from '../db/database';
import type { DatabaseSettings } from '../db/openDatabase';
import { openPgliteDatabase } from '../db/pgliteDatabase';
import { openPostgresDatabase } from '../db/postgresDatabase';
import type { FilesConfig } from '../files/filesConfig';
import { backupServer } from './backup';
import { restoreServer } from './restore';

export interface BackupSettings extends DatabaseSettings {
  files: FilesConfig;
}

const BACKUP_USAGE =
  'usage: backup --out DIR [--passphrase-file F]\n' +
  '  the passphrase that seals the server\'s secrets: from --passphrase-file (its first line), else from stdin when piped, else asked for (not shown)';
const RESTORE_USAGE =
  'usage: restore --from DIR [--passphrase-file F]\n' +
  '  into the database (DATABASE_URL, else JIUZHU_DATA_DIR) and attachment folder this server is configured with; both must be new and empty';

/**
 * The database as it is, without migrating it: a backup copies what is there (an older schema is
 * restored and then migrated), and a restore creates the schema itself. A PGlite folder a running
 * server holds is refused (`DataDirLockedError`): stop the server to back it up.
 */
function openAsIs(settings: DatabaseSettings): Promise<Database> {
  return settings.databaseUrl ? openPostgresDatabase(settings.databaseUrl) : openPgliteDatabase(settings.dataDir);
}

/** Never on the command line (shell history, the process list): a file, stdin, or a prompt. */
function readPassphrase(file: string | undefined, confirm: boolean): Promise<string> {
  return readPassword({ passwordFile: file }, undefined, {
    first: '备份口令 / Backup passphrase: ',
    again: confirm ? '再输入一次 / Again: ' : null,
  });
}

/** `npm run server -- backup --out DIR`: the database, the attachments and the sealed secrets into a new folder. */
export async function backupCommand(args: string[], settings: BackupSettings): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, 'passphrase-file': { type: 'string' } } });
  if (!values.out) throw new Error(BACKUP_USAGE);
  const db = await openAsIs(settings);
  try {
    const passphrase = await readPassphrase(values['passphrase-file'], true);
    const { dir, manifest } = await backupServer({ db, files: settings.files, dir: path.resolve(values.out), passphrase });
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `backup written to ${dir}: ${manifest.tables.length} tables (${rows} rows) at schema version ${manifest.schemaVersion}, ` +
        `${manifest.secrets.names.length} secrets sealed with the passphrase, ` +
        (manifest.files === null ? 'attachments not included (they are in S3: back the bucket up with it)' : `${manifest.files.length} attachments`) +
        '. Keep the passphrase apart from the backup; the backup holds personal data: keep it like the database.',
    );
  } finally {
    await db.close();
  }
}

/** `npm run server -- restore --from DIR`: into the configured, new and empty database and attachment folder. */
export async function restoreCommand(args: string[], settings: BackupSettings): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, 'passphrase-file': { type: 'string' } } });
  if (!values.from) throw new Error(RESTORE_USAGE);
  const passphrase = await readPassphrase(values['passphrase-file'], false);
  const manifest = await restoreServer({
    from: path.resolve(values.from),
    passphrase,
    target: { openDatabase: () => openAsIs(settings), files: settings.files },
  });
  console.log(
    `restored the backup of ${manifest.createdAt} (server ${manifest.serverVersion}, schema ${manifest.schemaVersion}): ` +
      `${manifest.tables.reduce((sum, t) => sum + t.rows, 0)} rows, ${manifest.files?.length ?? 0} attachments, the secrets. Start the server on it.`,
  );
}

import { parseArgs } from 'node:util';
import { findArea } from '../shared/areas';
import { buildServer } from './app';
import { auditArchiveCommand } from './audit/auditArchiveCommand';
import { loadSearchKeyRoot } from './auth/secrets';
import { backupCommand, restoreCommand } from './backup/backupCommands';
import { readConfig } from './config';
import { openDatabase } from './db/openDatabase';
import { seedDemoData } from './demo/seedDemo';
import { openFileStorage } from './files/openFileStorage';
import { referenceCommand } from './reference/referenceCommands';
import { rotateSearchKey } from './search/searchKeys';
import { readPassword } from './cli/readPassword';
import { provisioningCommand } from './cli/provisioningCommand';
import { countySetCommand } from './settings/countySetCommand';
import { loadTokenKeys } from './auth/tokenKeys';
import { relayCommand } from './relay/relayCommand';
import { createRelaySignIn } from './relay/relaySignIn';
import { addUser } from './users/userStore';
import { userImportCommand } from './users/userImportCommand';

const USER_ADD_USAGE =
  'usage: user add --username U --role R --area CODE [--name N] [--password-file F | --password P]\n' +
  '  the password: from --password-file (its first line), else from stdin when piped, else asked for (not shown)';

/** `npm run server -- user add …`: creates a user in the configured database. */
async function userAdd(args: string[], config: ReturnType<typeof readConfig>): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'password-file': { type: 'string' },
      role: { type: 'string' },
      area: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const { username, role, area } = values;
  if (!username || !role || !area) throw new Error(USER_ADD_USAGE);
  // Opened first: a data directory a running server holds is refused before anyone types a password.
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const password = await readPassword({ password: values.password, passwordFile: values['password-file'] });
    const user = await addUser(db, { username, password, role, areaCode: area, displayName: values.name });
    console.log(`created user ${user.username} (${user.role}, ${user.areaCode}) id=${user.id}`);
  } finally {
    await db.close();
  }
}

const ROTATE_USAGE =
  'usage: search-keys rotate --area TOWNSHIP\n' +
  '  TOWNSHIP: the 9-digit township code (371623102) or its 12-digit form (371623102000)';

/**
 * `npm run server -- search-keys rotate --area TOWNSHIP`: gives the township a new ID-number
 * search key and stores all its households again with hashes under it (SECURITY.md: after a
 * laptop of that township is lost). Through `openDatabase`, so a PGlite folder a running server
 * holds is refused; on PostgreSQL the running servers are told and stream the new versions.
 */
async function searchKeysRotate(args: string[], config: ReturnType<typeof readConfig>): Promise<void> {
  const { values } = parseArgs({ args, options: { area: { type: 'string' } } });
  const area = values.area ? findArea(values.area) : undefined;
  if (!values.area) throw new Error(ROTATE_USAGE);
  if (area?.level !== 'township') throw new Error(`--area ${values.area}: 不是滨州市的乡镇区划代码 (not a township of Binzhou)\n${ROTATE_USAGE}`);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const rotation = await rotateSearchKey(db, await loadSearchKeyRoot(db), area.code);
    if (!rotation) throw new Error('rotation did not run');
    console.log(
      `rotated the search key of ${area.code} (${area.name}) to version ${rotation.version}: ${rotation.households} households re-hashed; ` +
        "laptops get the new key at their next sign-in or token refresh",
    );
  } finally {
    await db.close();
  }
}

/**
 * `npm run server` starts the server; `npm run server -- user add …` creates a user;
 * `npm run server -- user import --from F --out R` creates the accounts of a sheet (server/users/userImportCommand.ts);
 * `npm run server -- search-keys rotate …` rotates a township's search key;
 * `npm run server -- backup --out DIR` / `restore --from DIR` (server/backup/);
 * `npm run server -- audit archive --out DIR` (server/audit/auditArchive.ts).
 * `npm run server -- reference import-holidays|import-areas FILE` (server/reference/referenceCommands.ts).
 * `npm run server -- provisioning …` (a county's provisioning file and QR code);
 * `npm run server -- county set --area COUNTY --idle-minutes N` (server/settings/).
 * `npm run server -- relay --upstream URL --area TOWNSHIP` runs a township station's relay (server/relay/).
 */
async function main(argv: string[]): Promise<void> {
  const config = readConfig();
  if (argv[0] === 'user' && argv[1] === 'add') return userAdd(argv.slice(2), config);
  if (argv[0] === 'user' && argv[1] === 'import') return userImportCommand(argv.slice(2), { databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (argv[0] === 'search-keys' && argv[1] === 'rotate') return searchKeysRotate(argv.slice(2), config);
  if (argv[0] === 'audit' && argv[1] === 'archive') {
    return auditArchiveCommand(argv.slice(2), { databaseUrl: config.databaseUrl, dataDir: config.dataDir, retentionMonths: config.auditRetentionMonths });
  }
  if (argv[0] === 'reference') return referenceCommand(argv.slice(1), { databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (argv[0] === 'provisioning') return void (await provisioningCommand(argv.slice(1)));
  if (argv[0] === 'county' && argv[1] === 'set') return countySetCommand(argv.slice(2), { databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (argv[0] === 'relay') {
    return relayCommand(argv.slice(1), config, process.env, async ({ db, link, township }) =>
      createRelaySignIn({ db, link, township, tokenKeys: await loadTokenKeys(db) }),
    );
  }
  if (argv[0] === 'backup' || argv[0] === 'restore') {
    const settings = { databaseUrl: config.databaseUrl, dataDir: config.dataDir, files: config.files };
    return argv[0] === 'backup' ? backupCommand(argv.slice(1), settings) : restoreCommand(argv.slice(1), settings);
  }
  if (argv.length > 0) throw new Error(`unknown command: ${argv.join(' ')}`);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });

  if (config.demo) {
    const seeded = await seedDemoData(db);
    if (seeded) console.log(`demo data created: ${seeded.users} users, ${seeded.households} households, ${seeded.applications} applications, ${seeded.visits} visits, ${seeded.careNeeds} care needs`);
  }
  const app = await buildServer({
    db,
    staticDir: config.staticDir,
    corsOrigins: config.corsOrigins,
    hsts: config.hsts,
    files: openFileStorage(config.files),
    logger: { level: config.logLevel },
  });
  const shutdown = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const address = await app.listen({ port: config.port, host: config.host });
  console.log(`救助通 server on ${address} (database: ${db.kind})`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

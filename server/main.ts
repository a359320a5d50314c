import { parseArgs } from 'node:util';
import { buildServer } from './app';
import { readConfig } from './config';
import { openDatabase } from './db/openDatabase';
import { seedDemoData } from './demo/seedDemo';
import { openFileStorage } from './files/openFileStorage';
import { readPassword } from './cli/readPassword';
import { addUser } from './users/userStore';

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

/** `npm run server` starts the server; `npm run server -- user add …` creates a user. */
async function main(argv: string[]): Promise<void> {
  const config = readConfig();
  if (argv[0] === 'user' && argv[1] === 'add') return userAdd(argv.slice(2), config);
  if (argv.length > 0) throw new Error(`unknown command: ${argv.join(' ')}`);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });

  if (config.demo) {
    const seeded = await seedDemoData(db);
    if (seeded) console.log(`demo data created: ${seeded.users} users, ${seeded.households} households`);
  }
  const app = await buildServer({
    db,
    staticDir: config.staticDir,
    corsOrigins: config.corsOrigins,
    hsts: config.hsts,
    files: openFileStorage(config.files),
    logger: { level: process.env['LOG_LEVEL'] ?? 'info' },
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

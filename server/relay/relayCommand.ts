import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findArea } from '../../shared/areas';
import { firstLine } from '../cli/readPassword';
import type { ServerConfig } from '../config';
import type { Database } from '../db/database';
import { openDatabase } from '../db/openDatabase';
import { buildRelay, type RelaySignIn } from './relayApp';
import { UpstreamLink } from './upstreamLink';
import { UpstreamSession } from './upstreamSession';

export const RELAY_USAGE =
  'usage: relay --upstream URL --area TOWNSHIP [--username U] [--password-file F]\n' +
  '  URL: the central server (https://…); TOWNSHIP: 9-digit township code (371623102)\n' +
  '  the relay account (role relay, created by the county): --username or JIUZHU_RELAY_USERNAME,\n' +
  '  its password: the first line of --password-file or JIUZHU_RELAY_PASSWORD_FILE\n' +
  '  data: PGlite under JIUZHU_DATA_DIR (default ./data/relay), or DATABASE_URL';

export interface RelaySettings {
  upstream: string;
  township: string;
  username: string;
  password: string;
}

/** Reads and checks the relay's settings: each mistake is named, before anything is opened. */
export function readRelaySettings(args: string[], env: NodeJS.ProcessEnv): RelaySettings {
  const { values } = parseArgs({ args, options: { upstream: { type: 'string' }, area: { type: 'string' }, username: { type: 'string' }, 'password-file': { type: 'string' } } });
  if (!values.upstream || !values.area) throw new Error(RELAY_USAGE);
  let upstream: URL;
  try {
    upstream = new URL(values.upstream);
  } catch {
    throw new Error(`--upstream ${values.upstream}: 不是网址 (not a URL)\n${RELAY_USAGE}`);
  }
  if (upstream.protocol !== 'https:' && upstream.protocol !== 'http:') throw new Error(`--upstream must be http(s)://…\n${RELAY_USAGE}`);
  const area = findArea(values.area.replace(/0{3}$/, '').slice(0, 9));
  if (area?.level !== 'township' || !/^\d{9}(000)?$/.test(values.area)) throw new Error(`--area ${values.area}: 不是滨州市的乡镇区划代码 (not a township of Binzhou)\n${RELAY_USAGE}`);
  const username = values.username ?? env['JIUZHU_RELAY_USERNAME'];
  const passwordFile = values['password-file'] ?? env['JIUZHU_RELAY_PASSWORD_FILE'];
  if (!username || !passwordFile) throw new Error(`the relay account is missing (--username, --password-file)\n${RELAY_USAGE}`);
  const password = firstLine(readFileSync(passwordFile, 'utf8'));
  if (!password) throw new Error(`--password-file ${passwordFile}: 文件是空的 (empty)`);
  return { upstream: upstream.toString().replace(/\/+$/, ''), township: area.code, username, password };
}

/** `JIUZHU_RELAY_ROUND_SECONDS`: how often the relay pulls from the county when no laptop pushes (default 10). */
export function readRoundSeconds(env: NodeJS.ProcessEnv): number {
  const given = env['JIUZHU_RELAY_ROUND_SECONDS'];
  if (!given) return 10;
  const seconds = Number(given);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) throw new Error(`JIUZHU_RELAY_ROUND_SECONDS must be a whole number from 1 to 3600, got ${given}`);
  return seconds;
}

/** The relay's own device id at the central server: made once, kept in its database. */
export async function relayDeviceId(db: Database): Promise<string> {
  await db.query("INSERT INTO relay_state (name, value) VALUES ('device_id', $1::jsonb) ON CONFLICT (name) DO NOTHING", [JSON.stringify(`relay-${randomUUID()}`)]);
  const rows = await db.query<{ value: string }>("SELECT value FROM relay_state WHERE name = 'device_id'");
  return rows[0]!.value;
}

/**
 * `npm run server -- relay --upstream URL --area TOWNSHIP`: a township station's server. Runs
 * until stopped; the data directory is its own (./data/relay unless JIUZHU_DATA_DIR says).
 */
export async function relayCommand(
  args: string[],
  config: ServerConfig,
  env: NodeJS.ProcessEnv,
  makeSignIn: (deps: { db: Database; link: UpstreamLink; township: string }) => Promise<RelaySignIn>,
): Promise<void> {
  const settings = readRelaySettings(args, env);
  const dataDir = env['JIUZHU_DATA_DIR'] ? config.dataDir : path.resolve('./data/relay');
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir });
  const link = new UpstreamLink(settings.upstream);
  const session = new UpstreamSession(link, { username: settings.username, password: settings.password, deviceId: await relayDeviceId(db), township: settings.township });
  const relay = await buildRelay({
    db,
    township: settings.township,
    link,
    session,
    signIn: await makeSignIn({ db, link, township: settings.township }),
    staticDir: config.staticDir,
    corsOrigins: config.corsOrigins,
    logger: { level: config.logLevel },
    roundEveryMs: readRoundSeconds(env) * 1000,
  });
  const shutdown = async () => {
    await relay.app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const address = await relay.app.listen({ port: config.port, host: config.host });
  await relay.worker.start();
  console.log(`救助通 relay for ${settings.township} on ${address} → ${settings.upstream} (database: ${db.kind})`);
}

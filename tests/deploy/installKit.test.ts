import 'fake-indexeddb/auto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBin, freePort, startThrowawayCluster } from '../../harness/postgresCluster';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { makeIdNumber } from '../../shared/domain/idNumber';
import { laptop, openWorkspace } from '../support/laptop';
import { readEnvFile, readUnit, setSetting } from './kitFiles';

/**
 * The install kit as a county's IT office uses it (README "Running it for a county"): the server
 * built to JavaScript, deploy/install.sh copying it into the kit's layout (here under a temporary
 * folder standing for /), deploy/postgres-setup.sh preparing a fresh cluster that asks for
 * passwords, the settings file edited, the server started as the systemd unit says (without
 * systemd: the same command, folder and settings), an account made with the kit's command line,
 * and a laptop syncing through it.
 */
const CHECKOUT = process.cwd();
const VILLAGE = '371623102201';
const PASSWORD = 'kit-password-2026';
const WEB_MARKER = 'installed-web-build-marker';

let root: string;
let cluster: Awaited<ReturnType<typeof startThrowawayCluster>> | null = null;
let server: ChildProcess | null = null;
let serverOutput = '';
/** The kit's layout under the temporary root: /opt/jiuzhu, /etc/jiuzhu, /etc/systemd/system. */
let prefix: string;
let configDir: string;
let unitDir: string;
let serverBuild: string;
let installEnv: Record<string, string>;
const shellEnv = { PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? '/usr/bin:/bin'}` };

/** Runs a kit script; its output is returned, and a failure shows all of it. */
function run(command: string, args: string[], env: Record<string, string>): string {
  const result = spawnSync(command, args, { env, encoding: 'utf8', cwd: root });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed (${result.status}): ${result.stdout}${result.stderr}`);
  return result.stdout;
}

async function waitForReady(url: string): Promise<{ status: string; db: string }> {
  for (let attempt = 0; ; attempt++) {
    if (server?.exitCode !== null) throw new Error(`the installed server exited: ${serverOutput}`);
    try {
      const response = await fetch(`${url}/api/v1/ready`);
      if (response.ok) return (await response.json()) as { status: string; db: string };
    } catch {
      // not listening yet
    }
    if (attempt > 300) throw new Error(`the installed server did not become ready: ${serverOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the install kit', () => {
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'jiuzhu-kit-'));
    cluster = await startThrowawayCluster({ hostAuth: 'scram-sha-256' });
    // The build machine: npm run build:server (here into a folder of its own), the web app (a stand-in page).
    serverBuild = path.join(root, 'build', 'server');
    const built = spawnSync('npm', ['run', '--silent', 'build:server', '--', serverBuild], { cwd: CHECKOUT, encoding: 'utf8', env: { ...process.env, ...shellEnv } });
    if (built.status !== 0) throw new Error(`npm run build:server failed: ${built.stdout}${built.stderr}`);
    const webBuild = path.join(root, 'build', 'web');
    mkdirSync(webBuild, { recursive: true });
    writeFileSync(path.join(webBuild, 'index.html'), `<!doctype html><title>救助通</title><p>${WEB_MARKER}</p>`);

    // The county's server: install.sh into the kit's layout.
    prefix = path.join(root, 'opt', 'jiuzhu');
    configDir = path.join(root, 'etc', 'jiuzhu');
    unitDir = path.join(root, 'etc', 'systemd', 'system');
    installEnv = {
      ...shellEnv,
      JIUZHU_PREFIX: prefix,
      JIUZHU_CONFIG_DIR: configDir,
      JIUZHU_UNIT_DIR: unitDir,
      JIUZHU_SERVER_BUILD: serverBuild,
      JIUZHU_WEB_BUILD: webBuild,
    };
    run(path.join(CHECKOUT, 'deploy', 'install.sh'), [], installEnv);
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    cluster?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('installs the built server, prepares PostgreSQL, starts as the unit says, makes an account, and a laptop syncs through it', async () => {
    // The bundle names nothing in the checkout it was built from.
    expect(readFileSync(path.join(serverBuild, 'main.js'), 'utf8')).not.toContain(CHECKOUT);

    // PostgreSQL: the set-up script as the superuser through the socket, as `sudo -u postgres` would.
    const pgBin = findPostgresBin()!;
    const asSuperuser = { PATH: `${pgBin}:${shellEnv.PATH}`, PGHOST: cluster!.socketDir, PGPORT: String(cluster!.port), PGUSER: 'postgres' };
    const setup = run(path.join(prefix, 'deploy', 'postgres-setup.sh'), [], asSuperuser);
    // Run again, it changes nothing and keeps the password it made.
    expect(run(path.join(prefix, 'deploy', 'postgres-setup.sh'), [], asSuperuser)).toContain('DATABASE_URL=postgres://jiuzhu:<its password>@');
    const databaseUrl = /^DATABASE_URL=(\S+)$/m.exec(setup)?.[1];
    expect(databaseUrl).toMatch(new RegExp(`^postgres://jiuzhu:[0-9a-f]{40}@127\\.0\\.0\\.1:${cluster!.port}/jiuzhu$`));
    const admin = new pg.Client({ host: cluster!.socketDir, port: cluster!.port, user: 'postgres', database: 'jiuzhu' });
    await admin.connect();
    try {
      const role = await admin.query<{ rolsuper: boolean; rolcreaterole: boolean }>("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = 'jiuzhu'");
      expect(role.rows).toEqual([{ rolsuper: false, rolcreaterole: false }]);
      expect((await admin.query<{ encoding: string }>('SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()')).rows[0]?.encoding).toBe('UTF8');
      // No value of a statement's parameters (names, ID numbers) in PostgreSQL's own log.
      expect((await admin.query<{ log_parameter_max_length: string }>('SHOW log_parameter_max_length')).rows[0]?.log_parameter_max_length).toBe('0');
    } finally {
      await admin.end();
    }

    // The settings file, edited as the README says: the database, and paths under this temporary root.
    const envFile = path.join(configDir, 'jiuzhu.env');
    const port = await freePort();
    setSetting(envFile, 'DATABASE_URL', databaseUrl!);
    setSetting(envFile, 'PORT', String(port));
    setSetting(envFile, 'JIUZHU_DATA_DIR', path.join(root, 'var', 'lib', 'jiuzhu'));
    setSetting(envFile, 'JIUZHU_STATIC_DIR', path.join(prefix, 'web'));
    setSetting(envFile, 'LOG_LEVEL', 'warn');
    // An update is install.sh again: the operator's settings stay as they are.
    const edited = readFileSync(envFile, 'utf8');
    run(path.join(CHECKOUT, 'deploy', 'install.sh'), [], installEnv);
    expect(readFileSync(envFile, 'utf8')).toBe(edited);

    // Started as the installed unit says, its /opt/jiuzhu and /etc/jiuzhu being under the temporary root.
    const unit = readUnit(path.join(unitDir, 'jiuzhu.service'));
    const here = (text: string) =>
      text.replaceAll('/opt/jiuzhu', prefix).replaceAll('/etc/jiuzhu', configDir).replace(/^\/usr\/bin\/node\b/, process.execPath);
    const [command, ...args] = here(unit['ExecStart']![0]!).split(/\s+/);
    expect(unit['ExecStart']!.join(' ')).not.toMatch(/tsx|\.ts\b|npm/);
    expect(unit['EnvironmentFile']).toEqual(['/etc/jiuzhu/jiuzhu.env']);
    const unitEnv = Object.fromEntries((unit['Environment'] ?? []).map((line) => line.split('=', 2) as [string, string]));
    server = spawn(command!, args, {
      cwd: here(unit['WorkingDirectory']![0]!),
      // What systemd gives the service: the unit's and the settings file's variables, no more.
      env: { PATH: shellEnv.PATH, ...unitEnv, ...readEnvFile(envFile) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    expect(await waitForReady(url)).toMatchObject({ status: 'ready', db: 'postgres' });
    const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { version: string };
    expect(health.version).toBe((JSON.parse(readFileSync(path.join(CHECKOUT, 'package.json'), 'utf8')) as { version: string }).version);
    // The web app from the kit's web/ folder, for a browser pointed at the server.
    expect(await (await fetch(`${url}/`)).text()).toContain(WEB_MARKER);

    // The first account, with the kit's command line and the service's settings; the password from a file.
    const passwordFile = path.join(root, 'password.txt');
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    const created = run(path.join(prefix, 'bin', 'jiuzhu'), ['user', 'add', '--username', 'xieli', '--role', 'assistant', '--area', VILLAGE, '--name', '王芳', '--password-file', passwordFile], {
      ...shellEnv,
      JIUZHU_ENV_FILE: envFile,
    });
    expect(created).toMatch(/^created user xieli \(assistant, 371623102201\)/m);

    // A laptop signs in and pushes a household; another laptop of the same assistant pulls it back.
    const first = await openWorkspace({ url }, laptop(), 'xieli', PASSWORD);
    const saved = await saveHousehold(first, {
      areaCode: VILLAGE,
      address: '碣石山镇大山中村8号',
      members: [{ id: 'm1', name: '孙桂英', idNumber: makeIdNumber('371623', '1951-03-09', 7), relation: 'head' }],
    });
    await firstValueFrom(first.sync.status$.pipe(filter((s) => s.pending === 0 && s.lastSyncAt !== null)));
    await first.close();

    const second = await openWorkspace({ url }, laptop(), 'xieli', PASSWORD);
    try {
      const arrived = await firstValueFrom(second.db.households.findOne(saved.id).$.pipe(filter((doc) => doc !== null)));
      expect(arrived?.address).toBe('碣石山镇大山中村8号');
      expect(arrived?.members.map((m) => m.name)).toEqual(['孙桂英']);
    } finally {
      await second.close();
    }
  });

  it('runs from the kit on its embedded database too (a trial on one machine): PGlite finds its files beside the bundle', () => {
    const trialSettings = path.join(root, 'trial.env');
    writeFileSync(trialSettings, readFileSync(path.join(configDir, 'jiuzhu.env'), 'utf8'));
    setSetting(trialSettings, 'DATABASE_URL', '');
    const dataDir = path.join(root, 'trial-data');
    setSetting(trialSettings, 'JIUZHU_DATA_DIR', dataDir);
    const passwordFile = path.join(root, 'trial-password.txt');
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    const created = run(path.join(prefix, 'bin', 'jiuzhu'), ['user', 'add', '--username', 'zhen', '--role', 'township', '--area', '371623102000', '--password-file', passwordFile], {
      ...shellEnv,
      JIUZHU_ENV_FILE: trialSettings,
    });
    expect(created).toMatch(/^created user zhen \(township, 371623102000\)/m);
    expect(readdirSync(dataDir)).toContain('PG_VERSION');
  });
});

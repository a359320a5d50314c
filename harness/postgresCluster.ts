import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Finds PostgreSQL's server binaries (Debian puts them under /usr/lib/postgresql/N/bin). */
export function findPostgresBin(): string | null {
  if (process.env['PG_BIN'] && existsSync(path.join(process.env['PG_BIN'], 'initdb'))) return process.env['PG_BIN'];
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (existsSync(path.join(bin, 'initdb'))) return bin;
  }
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ClusterOptions {
  /**
   * How TCP connections authenticate: `trust` (default) lets any role in without a password;
   * `scram-sha-256` asks for one, as a county's cluster does (the superuser then connects through
   * the socket in `socketDir`, as `sudo -u postgres psql` does).
   */
  hostAuth?: 'trust' | 'scram-sha-256';
  /**
   * Flushes every commit to disk (`fsync=on`, `synchronous_commit=on`), as a production server
   * must: the bench's write figures are measured so. Off by default: the tests check behaviour,
   * not durability, and run faster without the flushes.
   */
  durable?: boolean;
}
/** The install kit's test names them so. */
export type ThrowawayClusterOptions = ClusterOptions;

/** The settings a cluster runs with, as `-c` options (said in the bench's output). */
export function clusterSettings(options: ClusterOptions = {}): Record<string, string> {
  return {
    fsync: options.durable ? 'on' : 'off',
    ...(options.durable ? { synchronous_commit: 'on' } : {}),
    max_connections: '200',
  };
}

/** A throwaway cluster for one test run; PostgreSQL refuses to run as root, so it runs as `postgres` then. */
export async function startThrowawayCluster(
  options: ClusterOptions = {},
): Promise<{ url: string; port: number; socketDir: string; stop: () => void }> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found. Install them (apt-get install -y postgresql) or set TEST_DATABASE_URL.',
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-pg-'));
  const isRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${path.basename(cmd)} failed: ${result.stderr || result.stdout}`);
  };
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth-local=trust', `--auth-host=${options.hostAuth ?? 'trust'}`, '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  run(path.join(bin, 'pg_ctl'), [
    '-D', data, '-l', path.join(dir, 'log'), '-w', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${Object.entries(clusterSettings(options)).map(([k, v]) => `-c ${k}=${v}`).join(' ')}`, 'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    socketDir: dir,
    stop: () => {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findPostgresBin, freePort } from './postgresCluster';

const execFileAsync = promisify(execFile);

/** The name the standby gives itself (`application_name`, its slot's name too) and the primary waits for. */
export const STANDBY_NAME = 'standby1';

export interface PostgresNode {
  port: number;
  /** A superuser URL to this cluster's database `database` (default `postgres`). */
  url(database?: string): string;
}

export interface StandbyPair {
  primary: PostgresNode;
  standby: PostgresNode;
  /** Ends the primary at once (`pg_ctl stop -m immediate`): the machine gone, no goodbye to its clients. */
  stopPrimary(): Promise<void>;
  /** Makes the standby the primary (`pg_ctl promote`, waiting until it accepts writes). */
  promoteStandby(): Promise<void>;
  /** Stops whatever still runs and removes both clusters; safe to call twice, and called at exit. */
  cleanUp(): void;
}

/**
 * A primary and a synchronous streaming-replication standby on this machine, made the way
 * deploy/postgres-standby.md says to make them (PostgreSQL's own replication: `pg_basebackup -R`,
 * `synchronous_standby_names`), for the failover drill. Authentication is `trust` here (a
 * throwaway cluster); the county's uses passwords. Every commit is flushed to disk on both
 * (`fsync`, `synchronous_commit=on`): a push acknowledged is on the standby. As root, PostgreSQL
 * runs as `postgres`.
 */
export async function startStandbyPair(database = 'jiuzhu'): Promise<StandbyPair> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql)');
  const isRoot = process.getuid?.() === 0;
  const argv = (cmd: string, args: string[]): [string, string[]] =>
    isRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
  const run = async (cmd: string, args: string[]) => {
    const [file, all] = argv(cmd, args);
    try {
      await execFileAsync(file, all, { encoding: 'utf8' });
    } catch (error) {
      const failed = error as { stderr?: string; stdout?: string };
      throw new Error(`${cmd} failed: ${failed.stderr || failed.stdout || String(error)}`, { cause: error });
    }
  };

  const dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-pg-failover-'));
  const owner = isRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
      }
    : null;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  chmodSync(dir, 0o700);
  const primaryData = path.join(dir, 'primary');
  const standbyData = path.join(dir, 'standby');
  const running = new Set<string>();

  const cleanUp = () => {
    for (const data of running) {
      const [file, all] = argv('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      try {
        execFileSync(file, all, { stdio: 'ignore' });
      } catch {
        // already stopped
      }
    }
    running.clear();
    rmSync(dir, { recursive: true, force: true });
  };
  // A failing test, an interrupted run: the clusters never outlive the process.
  process.once('exit', cleanUp);

  const start = async (data: string, port: number, settings: Record<string, string>) => {
    const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c max_connections=100', '-c fsync=on', '-c synchronous_commit=on'];
    for (const [key, value] of Object.entries(settings)) options.push(`-c ${key}=${value}`);
    await run('pg_ctl', ['-D', data, '-l', `${data}.log`, '-w', '-o', options.join(' '), 'start']);
    running.add(data);
  };
  const node = (port: number): PostgresNode => ({ port, url: (name = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${name}` });
  const sql = async <T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };

  try {
    // The primary: initdb's pg_hba already lets 127.0.0.1 replicate (trust, a throwaway cluster).
    await run('initdb', ['-D', primaryData, '-U', 'postgres', '--auth-local=trust', '--auth-host=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    const primaryPort = await freePort();
    await start(primaryData, primaryPort, { wal_level: 'replica', max_wal_senders: '5' });
    const primary = node(primaryPort);
    await sql(primary.url(), `CREATE DATABASE ${database}`);
    // As deploy/postgres-standby.md: a role that may only replicate.
    await sql(primary.url(), 'CREATE ROLE replicator WITH REPLICATION LOGIN');
    // From here every commit waits until the standby has it on disk; none is made until it runs.
    await sql(primary.url(), `ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 (${STANDBY_NAME})'`);
    await sql(primary.url(), 'SELECT pg_reload_conf()');

    // The standby: a base backup that writes standby.signal and primary_conninfo (-R) naming the
    // standby (application_name), with a replication slot (-C -S) so the primary keeps the WAL it needs.
    await run('pg_basebackup', [
      '-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'replicator', '-d', `application_name=${STANDBY_NAME}`,
      '-D', standbyData, '-X', 'stream', '-R', '-C', '-S', STANDBY_NAME, '-c', 'fast',
    ]);
    const standbyPort = await freePort();
    await start(standbyData, standbyPort, { hot_standby: 'on' });
    const standby = node(standbyPort);

    const deadline = Date.now() + 60_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`the standby never became synchronous: ${readFileSync(`${standbyData}.log`, 'utf8').slice(-2000)}`);
      const rows = await sql<{ sync_state: string }>(primary.url(), `SELECT sync_state FROM pg_stat_replication WHERE application_name = '${STANDBY_NAME}'`);
      if (rows[0]?.sync_state === 'sync') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    return {
      primary,
      standby,
      stopPrimary: async () => {
        await run('pg_ctl', ['-D', primaryData, '-m', 'immediate', '-w', 'stop']);
        running.delete(primaryData);
      },
      promoteStandby: async () => {
        await run('pg_ctl', ['-D', standbyData, '-w', 'promote']);
        for (;;) {
          const rows = await sql<{ recovering: boolean }>(standby.url(), 'SELECT pg_is_in_recovery() AS recovering');
          if (rows[0]?.recovering === false) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        // The base backup copied the primary's postgresql.auto.conf, synchronous_standby_names
        // with it: alone now, the new primary would make every commit wait for a standby that
        // is not there. The runbook's next step, as here.
        await sql(standby.url(), 'ALTER SYSTEM RESET synchronous_standby_names');
        await sql(standby.url(), 'SELECT pg_reload_conf()');
      },
      cleanUp: () => {
        process.off('exit', cleanUp);
        cleanUp();
      },
    };
  } catch (error) {
    process.off('exit', cleanUp);
    cleanUp();
    throw error;
  }
}


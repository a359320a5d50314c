import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { DataDirLockedError, LOCK_FILE, lockDataDir, type LockHolder } from '../../server/db/dataDirLock';
import { openDatabase } from '../../server/db/openDatabase';
import { findUserByUsername } from '../../server/users/userStore';
import { loadSearchKeyRoot } from '../../server/auth/secrets';
import type { Database } from '../../server/db/database';
import { deriveHouseholdFields, idNumberHash, townshipSearchKey } from '../../server/search/searchKeys';
import { pushChanges } from '../../server/storage/documentStore';
import { validatePushBody } from '../../server/sync/validateDocuments';
import type { Household } from '../../shared/schemas/household';
import { makeHousehold, newRow } from '../support/documents';
import { startServerProcess, serverProgram } from '../../harness/serverProcess';
import { migratedPgliteFolder, openMemoryDatabase } from '../support/pgliteSnapshots';

const run = promisify(execFile);
const folders: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-owner-'));
  folders.push(dir);
  return dir;
};
// PGlite under the folder, never a PostgreSQL the environment might name.
const envFor = (dataDir: string) => ({ ...process.env, JIUZHU_DATA_DIR: dataDir, DATABASE_URL: '' });
const userAdd = (dataDir: string, username: string, ...more: string[]) =>
  run(...serverProgram(['user', 'add', '--username', username, '--role', 'township', '--area', '371623102000', ...more]), {
    env: envFor(dataDir),
  });
const rotate = (dataDir: string, area: string) => run(...serverProgram(['search-keys', 'rotate', '--area', area]), { env: envFor(dataDir) });
const lockOf = (dataDir: string) => JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockHolder;

/** The pid of a process that has run and is gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** Signs in over HTTP (the real login route) on the folder's database, the way a laptop would. */
async function signsIn(dataDir: string, username: string, password: string): Promise<number> {
  const db = await openDatabase({ dataDir });
  const app = await buildServer({ db });
  try {
    const answer = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, deviceId: 'dev-cli-test' } });
    return answer.statusCode;
  } finally {
    await app.close();
    await db.close();
  }
}

describe('the embedded database has one owner', () => {
  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('`user add` on the folder a running server holds is refused, names the folder and the server, and writes nothing', async () => {
    const dataDir = migratedPgliteFolder(freshDir());
    const passwordFile = path.join(freshDir(), 'password.txt');
    writeFileSync(passwordFile, 'secret-pass-1\n');
    const server = await startServerProcess({ JIUZHU_DATA_DIR: dataDir, DATABASE_URL: '' });
    let serverPid: number;
    try {
      serverPid = lockOf(dataDir).pid;
      const refused = await userAdd(dataDir, 'zhaoliu', '--password-file', passwordFile).then(
        () => null,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(refused).not.toBeNull();
      expect(refused!.code).not.toBe(0);
      expect(refused!.stdout).not.toContain('created user');
      for (const words of [dataDir, String(serverPid), '停止', 'Stop the running server', 'admin screen']) expect(refused!.stderr).toContain(words);
      // The server still holds the folder, and still works.
      expect(lockOf(dataDir).pid).toBe(serverPid);
      expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    // A clean stop gives the folder back.
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    const db = await openDatabase({ dataDir });
    try {
      expect(await findUserByUsername(db, 'zhaoliu')).toBeNull();
    } finally {
      await db.close();
    }
    const again = await startServerProcess({ JIUZHU_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect((await fetch(`${again.url}/api/v1/health`)).status).toBe(200);
    await again.stop();
  }, 180_000);

  it('a lock left by a process that is gone is taken over', async () => {
    const dataDir = migratedPgliteFolder(freshDir());
    const passwordFile = path.join(freshDir(), 'password.txt');
    writeFileSync(passwordFile, 'secret-pass-2\n');
    const stale: LockHolder = { pid: await deadPid(), hostname: hostname(), startedAt: new Date(Date.now() - 3_600_000).toISOString() };
    writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify(stale));
    const { stdout } = await userAdd(dataDir, 'qianqi', '--password-file', passwordFile);
    expect(stdout).toContain('created user qianqi');
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 120_000);

  it('`user add` takes the password from a file (its first line) or from stdin, and the user can then sign in', async () => {
    const dataDir = migratedPgliteFolder(freshDir());
    const passwordFile = path.join(freshDir(), 'password.txt');
    writeFileSync(passwordFile, 'from-a-file-1\nnot this line\n');
    expect((await userAdd(dataDir, 'sunba', '--password-file', passwordFile)).stdout).toContain('created user sunba');

    const piped = userAdd(dataDir, 'zhoujiu');
    piped.child.stdin!.end('from-stdin-22\n');
    expect((await piped).stdout).toContain('created user zhoujiu');

    expect(await signsIn(dataDir, 'sunba', 'from-a-file-1')).toBe(200);
    expect(await signsIn(dataDir, 'zhoujiu', 'from-stdin-22')).toBe(200);
    expect(await signsIn(dataDir, 'sunba', 'not this line')).toBe(401);
  }, 120_000);

  it('`search-keys rotate` on the folder a running server holds is refused and changes nothing; on a free folder it rotates the township', async () => {
    const dataDir = migratedPgliteFolder(freshDir());
    const household = makeHousehold('371623102201');
    const storedOf = async (db: Database) =>
      (await db.query<{ data: Household; seq: number }>("SELECT data, seq FROM documents WHERE collection = 'households' AND id = $1", [household.id]))[0]!;
    // A household of 碣石山镇 in the folder, stored as a push stores it (hashes under the township's first key).
    let before: { data: Household; seq: number };
    let root: string;
    {
      const db = await openDatabase({ dataDir });
      try {
        root = await loadSearchKeyRoot(db);
        await pushChanges(db, 'households', '', validatePushBody('households', [newRow(household)], ''), { derive: deriveHouseholdFields(root) });
        before = await storedOf(db);
        expect(before.data.idHashes).toEqual(household.members.map((m) => idNumberHash(townshipSearchKey(root, '371623102', 1), m.idNumber)));
      } finally {
        await db.close();
      }
    }
    const server = await startServerProcess({ JIUZHU_DATA_DIR: dataDir, DATABASE_URL: '' });
    try {
      const serverPid = lockOf(dataDir).pid;
      const refused = await rotate(dataDir, '371623102').then(
        () => null,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(refused).not.toBeNull();
      expect(refused!.code).not.toBe(0);
      expect(refused!.stdout).not.toContain('rotated');
      for (const words of [dataDir, String(serverPid), 'Stop the running server']) expect(refused!.stderr).toContain(words);
      expect(lockOf(dataDir).pid).toBe(serverPid);
    } finally {
      await server.stop();
    }
    {
      const db = await openDatabase({ dataDir });
      try {
        expect(await storedOf(db)).toEqual(before);
        expect(await db.query('SELECT township FROM search_key_versions')).toEqual([]);
      } finally {
        await db.close();
      }
    }
    await expect(rotate(dataDir, '371623')).rejects.toMatchObject({ stderr: expect.stringContaining('not a township') });

    const { stdout } = await rotate(dataDir, '371623102000');
    expect(stdout).toContain('rotated the search key of 371623102 (碣石山镇) to version 2: 1 households re-hashed');
    const db = await openDatabase({ dataDir });
    try {
      const after = await storedOf(db);
      expect(after.seq).toBeGreaterThan(before.seq);
      expect(after.data.idHashes).toEqual(household.members.map((m) => idNumberHash(townshipSearchKey(root, '371623102', 2), m.idNumber)));
    } finally {
      await db.close();
    }
  }, 180_000);

  describe('the lock file', () => {
    it('refuses while a live process holds the folder, and gives it up on release', async () => {
      const dataDir = freshDir();
      const first = await lockDataDir(dataDir);
      expect(lockOf(dataDir)).toMatchObject({ pid: process.pid, hostname: hostname() });
      const refused = await lockDataDir(dataDir).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DataDirLockedError);
      expect((refused as Error).message).toContain(String(process.pid));
      first.release();
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
      (await lockDataDir(dataDir)).release();
    });

    it.runIf(existsSync('/proc/self/stat'))('takes over a lock whose pid now belongs to a later process (Linux: /proc tells)', async () => {
      const dataDir = freshDir();
      // Our own pid, but a start that is not ours: the process that wrote it is gone.
      const reused: LockHolder = { pid: process.pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z', procStart: '1' };
      writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify(reused));
      const lock = await lockDataDir(dataDir);
      expect(lockOf(dataDir).procStart).not.toBe('1');
      lock.release();
    });

    it('takes over a lock file left unreadable (a crash while writing it)', async () => {
      const dataDir = freshDir();
      writeFileSync(path.join(dataDir, LOCK_FILE), '');
      const lock = await lockDataDir(dataDir);
      expect(lockOf(dataDir).pid).toBe(process.pid);
      lock.release();
    });

    it('is not used for an in-memory database', async () => {
      // Two at once: neither takes a lock (from this run's snapshot, which skips initdb's ~3 s of CPU each).
      const db = await openMemoryDatabase();
      const other = await openMemoryDatabase();
      await Promise.all([db.close(), other.close()]);
    });
  });
});

import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/** The lock file inside a PGlite data directory. */
export const LOCK_FILE = 'jiuzhu.lock';

/** What the lock file says about the process that holds the directory. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** When the holding process started (ISO time), for people reading the message. */
  startedAt: string;
  /** Linux: the process's start in clock ticks since boot (`/proc/PID/stat`), which tells a reused pid apart. */
  procStart?: string;
}

/** Another live process holds the data directory: the embedded database must not be opened twice. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const elsewhere = holder.hostname !== hostname();
    const who = `${holder.pid}${elsewhere ? ` @ ${holder.hostname}` : ''}`;
    super(
      [
        `数据目录 ${dataDir} 正被另一个进程使用（进程号 ${who}，${holder.startedAt} 起）。` +
          '内置数据库不能同时由两个进程打开，否则写入的内容会丢失。请先停止正在运行的服务器再执行此命令，' +
          '或在运行中的服务器的“账号管理”页面里添加账号。' +
          (elsewhere ? `若该电脑上的进程确已停止，可删除 ${path.join(dataDir, LOCK_FILE)}。` : ''),
        `The data directory ${dataDir} is in use by another process (pid ${who}, since ${holder.startedAt}). ` +
          'Two processes must not open one embedded database: what one writes would be lost. Stop the running server ' +
          "first, then run this command again, or add the account through the running server's admin screen (账号管理)." +
          (elsewhere ? ` If that process on ${holder.hostname} is surely gone, delete ${path.join(dataDir, LOCK_FILE)}.` : ''),
      ].join('\n'),
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if it is still this process's (on close; also run when the process exits). */
  release(): void;
}

/** A process's state and start (clock ticks since boot) where the system tells (Linux `/proc`); else null. */
function procStat(pid: number): { state: string; start: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', start: fields[19] ?? '' };
  } catch {
    return null;
  }
}

/** Whether the process named in the lock file still runs (on this machine; another machine's is assumed to). */
export function holderIsAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const stat = procStat(holder.pid);
  if (!stat) return true;
  // Ended but not yet reaped (zombie), or the pid taken by a later process: the holder is gone.
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return holder.procStart === undefined || stat.start === holder.procStart;
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(value.pid) || typeof value.hostname !== 'string' || typeof value.startedAt !== 'string') return null;
    return value as LockHolder;
  } catch {
    return null;
  }
}

type Found = { kind: 'gone' } | { kind: 'held'; text: string; holder: LockHolder | null };

function readLock(file: string): Found {
  try {
    const text = readFileSync(file, 'utf8');
    return { kind: 'held', text, holder: parseHolder(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A file is written right after it is created: one with nothing readable for this long was left by a crash. */
const UNFINISHED_MS = 2_000;

function createExclusive(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeIfSame(file: string, text: string): void {
  try {
    if (readFileSync(file, 'utf8') === text) unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Removes a stale lock file, one process at a time: two processes that both found the same dead
 * holder must not both remove a lock, or the second could remove the one the first just took.
 */
async function takeOver(file: string, staleText: string): Promise<void> {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, String(process.pid))) {
    // Someone else is taking over (a moment's work), or crashed doing it long ago.
    try {
      if (Date.now() - statSync(guard).mtimeMs > UNFINISHED_MS * 5) unlinkSync(guard);
    } catch {
      // gone meanwhile
    }
    await sleep(50);
    return;
  }
  try {
    removeIfSame(file, staleText);
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Takes the data directory for this process: creates `LOCK_FILE` in it atomically (`wx`),
 * holding the pid and start time. Refuses with `DataDirLockedError` while another live process
 * holds it; a lock left by a process that is gone (crash, power cut) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const procStart = procStat(process.pid)?.start;
  const mine: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    ...(procStart === undefined ? {} : { procStart }),
  };
  const text = `${JSON.stringify(mine)}\n`;
  let unreadableSince: number | null = null;
  for (let attempt = 0; attempt < 200; attempt++) {
    if (createExclusive(file, text)) {
      const release = () => {
        process.off('exit', release);
        try {
          removeIfSame(file, text);
        } catch {
          // Left behind, it names a process that is gone: the next opener takes it over.
        }
      };
      process.on('exit', release);
      return { file, release };
    }
    const found = readLock(file);
    if (found.kind === 'gone') continue;
    if (found.holder) {
      if (holderIsAlive(found.holder)) throw new DataDirLockedError(dataDir, found.holder);
      await takeOver(file, found.text);
      continue;
    }
    // Being written this very moment, or left half-written by a crash long ago.
    unreadableSince ??= Date.now();
    if (Date.now() - unreadableSince < UNFINISHED_MS) await sleep(50);
    else await takeOver(file, found.text);
  }
  throw new Error(`could not lock ${dataDir}: ${file} keeps changing`);
}

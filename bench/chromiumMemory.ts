/**
 * A Chromium's memory, from /proc (Linux only): its browser process (found by the profile directory
 * on its command line, as Playwright launches it) and every process under it (zygotes, pages, GPU,
 * network and storage utilities), so two Chromiums running at once are never mixed up. RSS summed
 * over the processes is what a task manager adds up; PSS shares each shared page out between the
 * processes that map it, so it is the fairer total and is given beside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright';

export interface ChromiumMemory {
  /** Sum of the processes' resident set sizes, MB (2^20 bytes). */
  rssMb: number;
  /** Sum of their proportional set sizes, MB; NaN where smaps_rollup cannot be read. */
  pssMb: number;
  processes: number;
  /** RSS and PSS (MB) by kind of process: `browser` (where IndexedDB runs), or its `--type=` (renderer, gpu-process, utility, zygote). */
  byKind: Record<string, { rssMb: number; pssMb: number }>;
}

/**
 * The process's kind: its `--type=` (a utility named by its sub-type), or `browser`. Chromium's
 * child processes rewrite their command line as one space-separated string, so it is searched as text.
 */
function kindOf(commandLine: string): string {
  const type = /--type=(\S+)/.exec(commandLine)?.[1];
  if (!type) return 'browser';
  const sub = /--utility-sub-type=(\S+)/.exec(commandLine)?.[1]?.split('.').pop();
  return type === 'utility' && sub ? `utility ${sub}` : type;
}

const read = (file: string) => readFileSync(file, 'utf8');

/** Every process's parent, from /proc/<pid>/stat. */
function parents(): Map<number, number> {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = read(`/proc/${name}/stat`);
      // After the parenthesised command name: state, then the parent's pid.
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Ended between the listing and the read.
    }
  }
  return parentOf;
}

/** kB of a field (`VmRSS:`, `Pss:`) in a /proc status-like file, 0 where absent. */
function kbOf(text: string, field: string): number {
  const match = new RegExp(`^${field}\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

/** The Chromium started with `--user-data-dir=<profileDir>` and all its processes; null when it is not running. */
export function chromiumMemory(profileDir: string): ChromiumMemory | null {
  const parentOf = parents();
  const root = [...parentOf.keys()].find((pid) => {
    try {
      const args = read(`/proc/${pid}/cmdline`).split('\0');
      return args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type=')) && /chrom/i.test(args[0] ?? '');
    } catch {
      return false;
    }
  });
  if (root === undefined) return null;
  const members = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parentOf) {
      if (!members.has(pid) && members.has(parent)) {
        members.add(pid);
        grew = true;
      }
    }
  }
  let rssKb = 0;
  let pssKb = 0;
  let pssKnown = true;
  const byKind: ChromiumMemory['byKind'] = {};
  for (const pid of members) {
    let rss: number;
    let pss = 0;
    let kind: string;
    try {
      rss = kbOf(read(`/proc/${pid}/status`), 'VmRSS:');
      kind = kindOf(read(`/proc/${pid}/cmdline`).replaceAll('\0', ' '));
    } catch {
      continue;
    }
    try {
      pss = kbOf(read(`/proc/${pid}/smaps_rollup`), 'Pss:');
    } catch {
      pssKnown = false;
    }
    rssKb += rss;
    pssKb += pss;
    const entry = (byKind[kind] ??= { rssMb: 0, pssMb: 0 });
    entry.rssMb += rss / 1024;
    entry.pssMb += pss / 1024;
  }
  return { rssMb: rssKb / 1024, pssMb: pssKnown ? pssKb / 1024 : Number.NaN, processes: members.size, byKind };
}

export const describeMemory = (m: ChromiumMemory | null) =>
  m
    ? `${m.rssMb.toFixed(0)} MB RSS summed over ${m.processes} processes (PSS ${m.pssMb.toFixed(0)} MB; by kind, RSS/PSS: ${Object.entries(m.byKind)
        .sort(([, a], [, b]) => b.rssMb - a.rssMb)
        .map(([kind, k]) => `${kind} ${k.rssMb.toFixed(0)}/${k.pssMb.toFixed(0)}`)
        .join(', ')})`
    : 'Chromium not found in /proc';

/** The page's JavaScript heap (DevTools protocol), MB, for the log: in use, and committed (what the process holds for it). */
export async function pageHeapMb(page: Page): Promise<{ usedMb: number; committedMb: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { usedSize, totalSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    return { usedMb: usedSize / 2 ** 20, committedMb: totalSize / 2 ** 20 };
  } finally {
    await cdp.detach();
  }
}

/**
 * The Chromium's memory once the page's garbage is collected (DevTools protocol), so a collection
 * that happens to be due or not does not sway the figure; the page keeps everything it holds.
 */
export async function settledChromiumMemory(page: Page, profileDir: string): Promise<ChromiumMemory | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
  } finally {
    await cdp.detach();
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  return chromiumMemory(profileDir);
}

/**
 * The same Chromium once told memory runs short (DevTools protocol: a critical memory-pressure
 * notice, as the system sends it), so its processes give back what they keep only for speed —
 * freed allocator pages, caches. For the log only: the figure is read before it.
 */
export async function chromiumMemoryUnderPressure(page: Page, profileDir: string): Promise<ChromiumMemory | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Memory.simulatePressureNotification', { level: 'critical' });
    await cdp.send('HeapProfiler.collectGarbage');
  } finally {
    await cdp.detach();
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return chromiumMemory(profileDir);
}

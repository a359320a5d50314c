/**
 * CPU time of the processes taking part in a measurement, by role, from /proc (Linux only):
 * the answer to "where does the time go" when the page itself is mostly idle. Chromium runs
 * IndexedDB in its browser process, not in the page, so a page profile alone cannot show it.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type CpuRole = 'Chromium browser process (IndexedDB)' | 'Chromium page' | 'Chromium other' | 'server' | 'PostgreSQL';

// /proc/<pid>/stat counts in clock ticks; 100 per second on every Linux this runs on.
const TICKS_PER_SECOND = 100;

function roleOf(cmdline: string): CpuRole | null {
  if (cmdline.includes('chromium')) {
    if (cmdline.includes('--type=renderer')) return 'Chromium page';
    if (cmdline.includes('--type=')) return 'Chromium other';
    return 'Chromium browser process (IndexedDB)';
  }
  if (cmdline.includes('server/main.ts')) return 'server';
  if (cmdline.startsWith('postgres') || cmdline.includes('/bin/postgres')) return 'PostgreSQL';
  return null;
}

type Snapshot = Map<number, { role: CpuRole; ticks: number }>;

/** Every relevant process's CPU ticks so far; empty where /proc is not there. */
export function cpuSnapshot(): Snapshot {
  const snapshot: Snapshot = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return snapshot;
  }
  for (const pid of pids) {
    try {
      const role = roleOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
      if (!role) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      snapshot.set(Number(pid), { role, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return snapshot;
}

/** CPU seconds each role used between two snapshots (processes that ended meanwhile are missed). */
export function cpuSecondsBetween(before: Snapshot, after: Snapshot): Map<CpuRole, number> {
  const seconds = new Map<CpuRole, number>();
  for (const [pid, { role, ticks }] of after) {
    const used = (ticks - (before.get(pid)?.ticks ?? 0)) / TICKS_PER_SECOND;
    seconds.set(role, (seconds.get(role) ?? 0) + used);
  }
  return seconds;
}

export function describeCpu(seconds: Map<CpuRole, number>): string {
  return [...seconds]
    .sort((a, b) => b[1] - a[1])
    .map(([role, s]) => `${role} ${s.toFixed(1)} s`)
    .join(', ');
}

/** How long Chromium's browser process must be nearly idle to count as settled, in 1 s samples. */
let settle = { sampleMs: 1000, samples: 2 };

/**
 * A smoke run's figures are not judged and its phases run side by side (bench/run.ts), so its
 * settles only bound a wait: half a second, in quarter-second samples.
 */
export function settleBriefly(): void {
  settle = { sampleMs: 250, samples: 2 };
}

/**
 * Waits until Chromium's browser process (IndexedDB, including any LevelDB compaction after a bulk
 * write) has been nearly idle for two seconds in a row, at most `limitMs`; returns the time waited.
 * So the searches after a bulk load of ~150 MB do not race background work of that load.
 */
export async function waitForIndexedDbToSettle(limitMs = 60_000): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  let before = cpuSnapshot();
  while (performance.now() - started < limitMs && quiet < settle.samples) {
    await new Promise((resolve) => setTimeout(resolve, settle.sampleMs));
    const after = cpuSnapshot();
    const busy = cpuSecondsBetween(before, after).get('Chromium browser process (IndexedDB)') ?? 0;
    // Nearly idle: under a tenth of a core.
    quiet = busy < (0.1 * settle.sampleMs) / 1000 ? quiet + 1 : 0;
    before = after;
  }
  return performance.now() - started;
}

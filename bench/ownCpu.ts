/**
 * CPU seconds of one bench phase's own server and PostgreSQL cluster, from /proc (Linux only):
 * unlike processCpu.ts's roles, which count every such process on the machine, this counts only
 * the server's process group and the postmaster on the cluster's port with its children — so a
 * split stays true on a machine where other servers and clusters run.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

interface Proc {
  pid: string;
  ppid: string;
  pgid: string;
  ticks: number;
}

function processes(): Proc[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: Proc[] = [];
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After the parenthesised name: state, ppid, pgrp, …; utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      found.push({ pid, ppid: fields[1]!, pgid: fields[2]!, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

export interface OwnProcesses {
  /** The server's process group (harness/serverProcess.ts starts it detached, as its own group). */
  serverGroup: number;
  /** The cluster's port: its postmaster is the postgres process started with `-p PORT`. */
  postgresPort: string;
}

export type OwnCpu = { server: number; postgres: number };

export function ownCpuSnapshot(own: OwnProcesses): OwnCpu {
  const all = processes();
  const master = all.find((p) => {
    try {
      const cmdline = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0').join(' ');
      return cmdline.includes('bin/postgres -D') && cmdline.includes(`-p ${own.postgresPort} `);
    } catch {
      return false;
    }
  });
  let server = 0;
  let postgres = 0;
  for (const p of all) {
    if (p.pgid === String(own.serverGroup)) server += p.ticks;
    if (master && (p.pid === master.pid || p.ppid === master.pid)) postgres += p.ticks;
  }
  return { server: server / TICKS_PER_SECOND, postgres: postgres / TICKS_PER_SECOND };
}

export const ownCpuBetween = (before: OwnCpu, after: OwnCpu): OwnCpu => ({
  server: after.server - before.server,
  postgres: after.postgres - before.postgres,
});

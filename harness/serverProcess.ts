import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { freePort } from './postgresCluster';

/**
 * Whether any process of the group still runs (zombies aside). npx and tsx exit before the server
 * itself has finished closing (and given back its PGlite folder), so stopping waits for all of them.
 */
function groupRuns(groupId: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return false; // no /proc: the exit of npx is all we can wait for
  }
  return entries.some((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields[2] === String(groupId) && fields[0] !== 'Z' && fields[0] !== 'X';
    } catch {
      return false;
    }
  });
}

async function groupEnded(groupId: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (groupRuns(groupId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

export interface ServerProcess {
  url: string;
  process: ChildProcess;
  /** Ends the process; with SIGKILL it gets no chance to clean up, like a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The server program with its arguments: the bundle the test run built once (`JIUZHU_SERVER_JS`,
 * scripts/buildServer.ts — the very file a county installs, started by plain Node in a third of a
 * second), or else the TypeScript through tsx as `npm run server` runs it.
 */
export function serverProgram(args: readonly string[]): [string, string[]] {
  const built = process.env['JIUZHU_SERVER_JS'];
  return built ? [process.execPath, [built, ...args]] : ['npx', ['tsx', 'server/main.ts', ...args]];
}

/** Starts the server (`serverProgram`) as its own process, as `npm run server` would, and waits for /health. */
/** `args`: a sub-command that runs a server too (`relay --upstream …`). */
export async function startServerProcess(env: Record<string, string>, port?: number, args: readonly string[] = []): Promise<ServerProcess> {
  const listen = port ?? (await freePort());
  const [program, programArgs] = serverProgram(args);
  const child = spawn(program, programArgs, {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(listen), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${listen}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    process: child,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          // npx starts tsx, which starts node: signal the whole group.
          process.kill(-child.pid!, signal);
        });
      }
      await groupEnded(child.pid!);
    },
  };
}

import { spawn } from 'node:child_process';
import { serverProgram } from '../../harness/serverProcess';

/** `npm run server -- …` as a county's IT operator types it, with the server's settings in the environment. */
export function serverCommand(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const [program, programArgs] = serverProgram(args);
    const child = spawn(program, programArgs, { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

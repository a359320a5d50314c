/**
 * One phase of the benchmark in its own process (`run.ts` starts it): each with a fresh heap, its
 * own throwaway PostgreSQL and server.
 */
import { writeFileSync } from 'node:fs';
import type { Figure } from './stats';

async function main(): Promise<void> {
  const [phase, mode, out] = process.argv.slice(2);
  const quick = mode === 'quick';
  const log = (line: string) => console.log(line);
  let figures: Figure[];
  if (phase === 'server') figures = await (await import('./serverFigures')).serverFigures({ quick, log });
  else if (phase === 'browser') figures = await (await import('./browserFigures')).browserFigures({ quick, log });
  else if (phase === 'ui') figures = await (await import('./uiColdStart')).uiColdStartFigures({ mode: mode === 'smoke' || mode === 'quick' ? mode : 'full', log });
  else throw new Error(`unknown phase ${phase}`);
  if (!out) throw new Error('usage: phase.ts server|browser quick|full OUT.json');
  writeFileSync(out, JSON.stringify(figures));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);

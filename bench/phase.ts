/**
 * One phase of the benchmark in its own process (`run.ts` starts it): a fresh heap for the large
 * in-memory IndexedDB, and RxDB's limit of 13 open collections per process starts from zero.
 */
import { writeFileSync } from 'node:fs';
import type { Figure } from './stats';

async function main(): Promise<void> {
  const [phase, mode, out] = process.argv.slice(2);
  const quick = mode === 'quick';
  const log = (line: string) => console.log(line);
  let figures: Figure[];
  if (phase === 'server') figures = await (await import('./serverFigures')).serverFigures({ quick, log });
  else if (phase === 'local') figures = await (await import('./localFigures')).localFigures({ quick, log });
  else throw new Error(`unknown phase ${phase}`);
  if (!out) throw new Error('usage: phase.ts server|local quick|full OUT.json');
  writeFileSync(out, JSON.stringify(figures));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);

/**
 * One phase of the benchmark in its own process (`run.ts` starts it): each with a fresh heap, its
 * own throwaway PostgreSQL and server.
 */
import { writeFileSync } from 'node:fs';
import { settleBriefly } from './processCpu';
import { BENCH_SIZES, sizedOptions, type BenchSize } from './size';
import type { Figure } from './stats';

async function main(): Promise<void> {
  const [phase, mode, out] = process.argv.slice(2);
  if (!out || !BENCH_SIZES.includes(mode as BenchSize)) throw new Error('usage: phase.ts server|browser full|quick|smoke OUT.json');
  const options = { ...sizedOptions(mode as BenchSize), log: (line: string) => console.log(line) };
  if (options.size === 'smoke') settleBriefly();
  let figures: Figure[];
  if (phase === 'server') figures = await (await import('./serverFigures')).serverFigures(options);
  else if (phase === 'browser') figures = await (await import('./browserFigures')).browserFigures(options);
  else if (phase === 'ui') figures = await (await import('./uiColdStart')).uiColdStartFigures({ mode: options.size, log: options.log });
  else throw new Error(`unknown phase ${phase}`);
  writeFileSync(out, JSON.stringify(figures));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);

/**
 * No import cycles in renderer/, server/, shared/ and electron/ (issue 12). madge reads every .ts
 * and .tsx file with the project's tsconfig.json and counts every import: type-only imports,
 * re-exports and dynamic import() too. Any cycle fails the check, except the few listed in
 * KNOWN_CYCLES below, which are printed on every run.
 *
 *   npm run check:cycles                    the four layers
 *   npx tsx scripts/checkCycles.ts DIR …    other folders (tests/lint/cycles.test.ts plants cycles)
 */
import { spawnSync } from 'node:child_process';

/**
 * Cycles in server/ and shared/ allowed while they are being removed on their own branch; delete
 * each entry once its cycle is gone (the check says so). None now: the three of issue 12 went with
 * server/storage/ and shared/vocabulary/. renderer/ and electron/ may list none.
 */
const KNOWN_CYCLES: readonly (readonly string[])[] = [];

const LAYERS = ['renderer', 'server', 'shared', 'electron'];

/** One way of writing a cycle: it starts at its smallest path, so a rotation is the same cycle. */
export function cycleKey(cycle: readonly string[]): string {
  let start = 0;
  cycle.forEach((file, i) => {
    if (file < (cycle[start] ?? '')) start = i;
  });
  return [...cycle.slice(start), ...cycle.slice(0, start)].join(' > ');
}

function findCycles(dirs: readonly string[]): string[][] {
  const madge = spawnSync(
    'npx',
    ['--no-install', 'madge', '--circular', '--json', '--no-spinner', '--basedir', '.', '--extensions', 'ts,tsx', '--ts-config', 'tsconfig.base.json', ...dirs],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  try {
    const cycles = JSON.parse(madge.stdout) as unknown;
    if (Array.isArray(cycles) && cycles.every((c) => Array.isArray(c) && c.every((f) => typeof f === 'string'))) return cycles as string[][];
  } catch {
    // madge did not answer with its list: said below.
  }
  console.error(`madge did not run (exit ${madge.status}):\n${madge.stderr}${madge.stdout}`);
  process.exit(2);
}

function main(): void {
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : LAYERS;
  const misplaced = KNOWN_CYCLES.filter((cycle) => cycle.some((file) => !file.startsWith('server/') && !file.startsWith('shared/')));
  if (misplaced.length > 0) {
    console.error(`KNOWN_CYCLES may name server/ and shared/ only: ${misplaced.map(cycleKey).join('; ')}`);
    process.exit(2);
  }
  const known = new Set(KNOWN_CYCLES.map(cycleKey));
  const found = findCycles(dirs).map(cycleKey);
  const unknown = found.filter((cycle) => !known.has(cycle));
  for (const cycle of found) console.log(`${known.has(cycle) ? 'known (being removed on its own branch)' : 'CYCLE'}: ${cycle}`);
  if (dirs === LAYERS) {
    for (const cycle of known) if (!found.includes(cycle)) console.log(`gone, delete it from KNOWN_CYCLES in scripts/checkCycles.ts: ${cycle}`);
  }
  if (unknown.length > 0) {
    console.error(`${unknown.length} import cycle(s) in ${dirs.join(', ')}: break each (ARCHITECTURE.md says which way imports point).`);
    process.exit(1);
  }
  console.log(`no import cycles in ${dirs.join(', ')}${found.length > 0 ? ` but the ${found.length} known above` : ''}`);
}

main();

/**
 * `npm run bench [-- --quick | --smoke] [-- --json FILE] [-- --only browser|server]`: generates the dataset,
 * measures every figure of issue 7 against its target, prints a table and optionally writes the
 * figures as JSON. Each phase runs in its own Node process (see phase.ts): `browser` (the laptop's
 * figures, in Chromium), `server` (many devices against the server on PostgreSQL) and `ui` (the
 * real app's start in a new Chromium process, bench/uiColdStart.ts). `--smoke`
 * computes every figure on tiny data and judges none (size.ts): it fails only when something broke.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeBenchPostgres } from './benchPostgres';
import type { BenchSize } from './size';
import { met, type Figure } from './stats';

const ORDER = [
  'local_search_p95_ms',
  'open_household_p95_ms',
  'save_visit_visible_ms',
  'initial_sync_30k_s',
  'initial_sync_30k_vs_floor',
  'first_village_usable_s',
  'push_500_slow_link_s',
  'wire_bytes_ratio',
  'server_push_saturation_docs_per_s',
  'server_push_p99_at_half_load_ms',
  'server_pull_docs_per_s',
  'server_pull_vs_pg_floor',
  'cold_start_interactive_ms',
  'ui_cold_start_ms',
  'ui_household_list_ms',
  'rxdb_vs_raw_dexie_write',
  'couchdb_protocol_first_sync_s',
  'initial_sync_vs_couchdb_protocol',
  'browser_memory_mb',
  'couchdb_protocol_browser_memory_mb',
  'chromium_empty_memory_mb',
  'local_search_p95_ms_3k_households',
  'local_search_p95_ms_30k_households',
  'local_search_p95_ms_100k_households',
  'initial_sync_3k_households_s',
  'initial_sync_30k_households_s',
  'initial_sync_100k_households_s',
];
/** A figure without a target (NaN) is a reference: the peer's own time, a point of a curve. */
const isReference = (f: Figure) => !Number.isFinite(f.target);

function chromiumVersion(): string | null {
  try {
    const out = execFileSync(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 });
    return /[\d.]+/.exec(out.split('\n').find((l) => /chrom/i.test(l)) ?? out)?.[0] ?? out.trim();
  } catch {
    return null;
  }
}

/** Load averages (1, 5, 15 min): other work on the machine inflates every time measured. */
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

function machine(loadAtStart: number[]) {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    chromium: chromiumVersion(),
    postgres: describeBenchPostgres(),
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: load(),
  };
}

/**
 * Runs one phase in its own process. `printAtEnd`: its output is kept and printed whole when it
 * ends (phases running side by side would otherwise interleave their lines).
 */
function runPhase(phase: string, size: BenchSize, dir: string, printAtEnd = false): Promise<Figure[]> {
  const out = path.join(dir, `${phase}.json`);
  const header = `\n== ${phase} (${size})`;
  if (!printAtEnd) console.log(header);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=8192', '--import', 'tsx', path.join('bench', 'phase.ts'), phase, size, out],
      { stdio: printAtEnd ? ['ignore', 'pipe', 'pipe'] : 'inherit' },
    );
    const kept: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => kept.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => kept.push(chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (printAtEnd) process.stdout.write(`${header}\n${Buffer.concat(kept).toString('utf8')}`);
      if (code !== 0) return reject(new Error(`bench phase ${phase} failed (exit ${code})`));
      resolve(JSON.parse(readFileSync(out, 'utf8')) as Figure[]);
    });
  });
}

const fmt = (value: number) =>
  !Number.isFinite(value) ? 'n/a' : Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, smoke: { type: 'boolean', default: false }, json: { type: 'string' }, only: { type: 'string' } },
  });
  const size: BenchSize = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
  const judged = size !== 'smoke';
  const started = performance.now();
  const loadAtStart = load();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-bench-'));
  const phases = values.only ? values.only.split(',') : ['browser', 'server', 'ui'];
  const figures: Figure[] = [];
  const failures: string[] = [];
  const failed = (error: unknown) => {
    failures.push(error instanceof Error ? error.message : String(error));
    console.error(failures[failures.length - 1]);
  };
  try {
    if (judged) {
      // Measured figures: one phase at a time, so no phase's work slows another's.
      for (const phase of phases) {
        try {
          figures.push(...(await runPhase(phase, size, dir)));
        } catch (error) {
          failed(error);
        }
      }
    } else {
      // A smoke run only shows every figure can still be computed: its phases run side by side
      // (CI waits for it; most of each phase is waiting on a launch, a server or a settle).
      const results = await Promise.allSettled(phases.map((phase) => runPhase(phase, size, dir, true)));
      for (const result of results) {
        if (result.status === 'fulfilled') figures.push(...result.value);
        else failed(result.reason);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  figures.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
  // A smoke run's figures come from tiny data: computed to show the bench works, never judged.
  const rows = figures.map((f) => ({ ...f, met: judged ? met(f) : null }));
  const width = Math.max(...rows.map((r) => r.name.length), 4);
  console.log(`\n${'figure'.padEnd(width)}  ${'value'.padStart(10)}  ${'unit'.padEnd(6)}  ${'target'.padStart(10)}  result`);
  for (const r of rows) {
    const target = isReference(r) ? '—' : `${r.better === 'lower' ? '≤' : '≥'} ${r.target}`;
    const result = isReference(r) ? 'reference' : r.met === null ? 'smoke' : r.met ? 'met' : 'MISSED';
    console.log(`${r.name.padEnd(width)}  ${fmt(r.value).padStart(10)}  ${r.unit.padEnd(6)}  ${target.padStart(10)}  ${result}   ${r.note}`);
  }
  const missing = ORDER.filter((name) => !rows.some((r) => r.name === name));
  if (missing.length > 0) console.log(`not measured: ${missing.join(', ')}`);
  // A figure that came out as no number (NaN, Infinity) was not computed: in a smoke run that is what broke.
  const uncomputed = rows.filter((r) => !Number.isFinite(r.value)).map((r) => r.name);
  if (!judged && uncomputed.length > 0) failures.push(`figures not computed: ${uncomputed.join(', ')}`);
  const info = machine(loadAtStart);
  console.log(
    `\nmachine: ${info.cpus} × ${info.cpuModel}, ${info.memGiB} GiB, Node ${info.node}, ${info.os}, Chromium ${info.chromium ?? 'not found'}, PostgreSQL ${info.postgres}; load average ${info.loadAverageAtStart.join(' ')} at start, ${info.loadAverageAtEnd.join(' ')} at end; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  if (values.json) {
    const json = {
      figures: rows.map((r) => ({ name: r.name, value: r.value, unit: r.unit, target: isReference(r) ? null : r.target, met: isReference(r) ? null : r.met, better: r.better, note: r.note })),
      machine: info,
      mode: size,
      measuredIn: { laptop: 'Chromium (Playwright, persistent profile: IndexedDB on disk)', server: 'Node clients against the server process on PostgreSQL' },
      failures,
      at: new Date().toISOString(),
    };
    writeFileSync(values.json, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`figures written to ${values.json}`);
  }
  if (failures.length > 0) {
    console.error(`\nbench failed: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}

void main();

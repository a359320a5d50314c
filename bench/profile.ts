/**
 * `BENCH_PROFILE=1 npm run bench`: records a CPU profile of the page (Chrome DevTools Protocol)
 * around a step, saves it to .tmp/bench-profiles/NAME.cpuprofile (open it in Chromium's DevTools)
 * and logs where the time went: self time per function and per source file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright';
import type { Log } from './stats';

export const profiling = process.env['BENCH_PROFILE'] === '1';
const DIR = path.resolve('.tmp/bench-profiles');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `step`; when profiling, with the page's CPU profile recorded and summarised. */
export async function profiled<T>(page: Page, name: string, log: Log, step: () => Promise<T>): Promise<T> {
  if (!profiling) return step();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await step();
  } finally {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    await cdp.detach();
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path.join(DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    summarise(profile, `${name} (.tmp/bench-profiles/${name}.cpuprofile)`, log);
  }
}

function summarise(profile: CpuProfile, name: string, log: Log): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const perFunction = new Map<string, number>();
  const perFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!node) return;
    total += ms;
    const file = node.callFrame.url ? (node.callFrame.url.split('/node_modules/').pop() ?? node.callFrame.url).replace(/^.*\/(bench|renderer|shared)\//, '$1/') : `(${node.callFrame.functionName || 'native'})`;
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
    perFunction.set(fn, (perFunction.get(fn) ?? 0) + ms);
    perFile.set(file, (perFile.get(file) ?? 0) + ms);
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `      ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  log(`  profile ${name} (${total.toFixed(0)} ms sampled): self time by file`);
  top(perFile, 10).forEach((line) => log(line));
  log('    by function');
  top(perFunction, 12).forEach((line) => log(line));
}

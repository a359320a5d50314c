/**
 * The server's push figures on durable PostgreSQL, with the unit of work a village's end of day (a
 * few households, their visits, an application), pushed as the app does: one request per
 * collection, the three at once.
 *
 * - server_push_saturation_docs_per_s: closed loop. N devices each push end-of-days back to back;
 *   N doubles until the throughput stops growing (two steps without 10 % more): the plateau is
 *   the server's capacity.
 * - server_push_p99_at_half_load_ms: open loop. Devices arrive at random (Poisson) at half that
 *   rate, whatever the server's answers; the p99 of request latency, timed from each arrival's
 *   planned instant so a late bench cannot hide a slow server (coordinated omission).
 */
import { jsonBody } from '../renderer/data/core/sync/gzip';
import { createRandom } from '../server/demo/random';
import { type BenchServer } from './benchServer';
import { loginDevices, nextSeed, rowsOf, spreadVillages, type Device } from './benchDevices';
import { checkDocuments, generateDataset, makeApplication } from './dataset';
import { ownCpuBetween, ownCpuSnapshot } from './ownCpu';
import { bySize, type SizedOptions } from './size';
import { median, percentile, type Figure, type Log } from './stats';

/** A busy village day: its assistant's laptop pushes it when it is back on line in the evening. */
export const END_OF_DAY = { households: 5, visitsPerHousehold: 3, applications: 1 };
const DOCS_PER_DAY = END_OF_DAY.households * (1 + END_OF_DAY.visitsPerHousehold) + END_OF_DAY.applications;

type PushOptions = SizedOptions & { log: Log };

interface Request {
  collection: 'households' | 'visits' | 'applications';
  count: number;
  body: BodyInit;
  headers: Record<string, string>;
}
type Day = Request[];

let checked = false;

/** `count` end-of-days of one device's village, bodies built (gzip, as the app) before any clock runs. */
async function endOfDays(server: BenchServer, device: Device, count: number): Promise<Day[]> {
  const data = await generateDataset({
    households: END_OF_DAY.households * count,
    villageCodes: [device.village],
    seed: nextSeed(),
    createdBy: device.user.id,
    visitsPerHousehold: END_OF_DAY.visitsPerHousehold,
    searchKeys: server.searchKeys,
  });
  const random = createRandom(nextSeed());
  const days: Day[] = [];
  for (let d = 0; d < count; d++) {
    const households = data.households.slice(d * END_OF_DAY.households, (d + 1) * END_OF_DAY.households);
    const perDay = END_OF_DAY.households * END_OF_DAY.visitsPerHousehold;
    const visits = data.visits.slice(d * perDay, (d + 1) * perDay);
    const applications = households.slice(0, END_OF_DAY.applications).map((h, i) => makeApplication(random, h, device.user.id, (d + i) % 2));
    const parts = { households, visits, applications };
    if (!checked) {
      (Object.keys(parts) as (keyof typeof parts)[]).forEach((c) => checkDocuments(c, parts[c]));
      checked = true;
    }
    days.push(
      await Promise.all(
        (Object.keys(parts) as (keyof typeof parts)[]).map(async (collection) => ({ collection, count: parts[collection].length, ...(await jsonBody(rowsOf(parts[collection]))) })),
      ),
    );
  }
  return days;
}

/** Pushes one end of day (the three collections at once); each request's latency from `plannedAt`. */
async function pushDay(server: BenchServer, device: Device, day: Day, plannedAt: number, latencies: number[]): Promise<number> {
  await Promise.all(
    day.map(async (request) => {
      const response = await fetch(`${server.url}/api/v1/sync/${request.collection}/push`, {
        method: 'POST',
        headers: { ...request.headers, authorization: `Bearer ${device.tokens.accessToken}` },
        body: request.body,
      });
      const answer = await response.text();
      if (response.status !== 200) throw new Error(`push ${request.collection}: ${response.status} ${answer.slice(0, 300)}`);
      if ((JSON.parse(answer) as { conflicts: unknown[] }).conflicts.length > 0) throw new Error(`push ${request.collection}: unexpected conflicts`);
      latencies.push(performance.now() - plannedAt);
    }),
  );
  return day.reduce((n, r) => n + r.count, 0);
}

/** Signed-in devices, more as a step needs them, each with a village of its own. */
function devicePool(server: BenchServer, log: Log) {
  const devices: Device[] = [];
  return async (count: number): Promise<Device[]> => {
    if (devices.length < count) devices.push(...(await loginDevices(server, spreadVillages(count - devices.length, devices.length), 'assistant', log)));
    return devices.slice(0, count);
  };
}

/**
 * One closed-loop step: every device pushes its days back to back. The rate is counted while all
 * devices are still busy (until the first runs out of days), so the step's tail does not dilute it.
 */
async function closedLoop(server: BenchServer, devices: Device[], daysPerDevice: number) {
  const work = await Promise.all(devices.map((device) => endOfDays(server, device, daysPerDevice)));
  const latencies: number[] = [];
  const done: { at: number; docs: number }[] = [];
  const cpuBefore = ownCpuSnapshot(server.own);
  const started = performance.now();
  const finished = await Promise.all(
    devices.map(async (device, i) => {
      for (const day of work[i]!) {
        const t0 = performance.now();
        done.push({ docs: await pushDay(server, device, day, t0, latencies), at: performance.now() });
      }
      return performance.now();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = ownCpuBetween(cpuBefore, ownCpuSnapshot(server.own));
  const allBusyUntil = Math.min(...finished);
  const docs = done.filter((d) => d.at <= allBusyUntil).reduce((n, d) => n + d.docs, 0);
  // Where the time went, as shares of the step's wall time (2 = two cores busy the whole step).
  const busy = `server ${(cpu.server / seconds).toFixed(2)}, PostgreSQL ${(cpu.postgres / seconds).toFixed(2)} cores`;
  return { rate: docs / ((allBusyUntil - started) / 1000), p50: median(latencies), p99: percentile(latencies, 99), busy };
}

async function saturation(server: BenchServer, devicesFor: (n: number) => Promise<Device[]>, options: PushOptions) {
  const { log } = options;
  const steps = bySize(options, [8, 16, 32, 64, 128], [4, 8, 16, 32], [2, 4]);
  const daysPerDevice = bySize(options, 10, 6, 2);
  log(`server push saturation (closed loop): devices each pushing end-of-days back to back (${DOCS_PER_DAY} documents in 3 requests), ${daysPerDevice} each, devices doubling from ${steps[0]} until two steps in a row bring less than 10 % more`);
  await closedLoop(server, await devicesFor(2), 2); // warm-up: connections, JIT, caches
  let best = { rate: 0, devices: 0 };
  let flat = 0;
  let most = 0;
  const seen: string[] = [];
  for (const count of steps) {
    const step = await closedLoop(server, await devicesFor(count), daysPerDevice);
    most = count;
    seen.push(`${count}: ${step.rate.toFixed(0)}`);
    log(`  ${count} devices: ${step.rate.toFixed(0)} docs/s (${(step.rate / DOCS_PER_DAY).toFixed(1)} end-of-days/s), request p50 ${step.p50.toFixed(0)} ms, p99 ${step.p99.toFixed(0)} ms; CPU ${step.busy}`);
    // Two steps in a row without 10 % more: the plateau (one step alone could be a noisy moment).
    flat = step.rate > best.rate * 1.1 ? 0 : flat + 1;
    if (step.rate > best.rate) best = { rate: step.rate, devices: count };
    if (flat >= 2) break;
  }
  return { ...best, seen, most };
}

/** Arrival instants (ms from the start) of a Poisson process: exponential gaps of mean 1000 / perSecond. */
function poissonArrivals(perSecond: number, seconds: number, seed: number): number[] {
  const random = createRandom(seed);
  const arrivals: number[] = [];
  for (let t = 0; ; ) {
    t += (-Math.log(1 - random.next()) / perSecond) * 1000;
    if (t >= seconds * 1000) return arrivals;
    arrivals.push(t);
  }
}

async function openLoop(server: BenchServer, devices: Device[], docsPerSecond: number, options: PushOptions) {
  const { log } = options;
  const seconds = bySize(options, 30, 10, 3);
  const perSecond = docsPerSecond / DOCS_PER_DAY;
  const arrivals = poissonArrivals(perSecond, seconds, 2026);
  log(`server push at half load (open loop): end-of-days arriving at random, ${perSecond.toFixed(1)}/s (${docsPerSecond.toFixed(0)} docs/s) for ${seconds} s: ${arrivals.length} arrivals over ${devices.length} devices`);
  // Arrival k is device k mod n's next day: prepared before the clock runs.
  const work = await Promise.all(devices.map((device, i) => endOfDays(server, device, Math.ceil((arrivals.length - i) / devices.length))));
  const latencies: number[] = [];
  const dayTimes: number[] = [];
  const busy = new Set<number>();
  let overlapped = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (const [k, at] of arrivals.entries()) {
    const wait = started + at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const d = k % devices.length;
    if (busy.has(d)) overlapped++;
    busy.add(d);
    const plannedAt = started + at;
    pending.push(
      pushDay(server, devices[d]!, work[d]![Math.floor(k / devices.length)]!, plannedAt, latencies).then(() => {
        busy.delete(d);
        dayTimes.push(performance.now() - plannedAt);
      }),
    );
  }
  await Promise.all(pending);
  log(
    `  request latency p50 ${median(latencies).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms; whole end of day p99 ${percentile(dayTimes, 99).toFixed(0)} ms; ${overlapped} arrivals found their device still pushing`,
  );
  return { p99: percentile(latencies, 99), p50: median(latencies), arrivals: arrivals.length, perSecond, seconds };
}

/** server_push_saturation_docs_per_s, server_push_p99_at_half_load_ms */
export async function pushFigures(server: BenchServer, options: PushOptions): Promise<Figure[]> {
  const devicesFor = devicePool(server, options.log);
  const sat = await saturation(server, devicesFor, options);
  // Arrivals are spread over every device signed in so far: different villages, rarely one still busy.
  const half = await openLoop(server, await devicesFor(sat.most), sat.rate / 2, options);
  const where = `${server.postgres}; end of day = ${END_OF_DAY.households} households, ${END_OF_DAY.households * END_OF_DAY.visitsPerHousehold} visits, ${END_OF_DAY.applications} application (3 gzip requests at once)`;
  return [
    {
      name: 'server_push_saturation_docs_per_s',
      value: sat.rate,
      unit: 'docs/s',
      target: 3000,
      better: 'higher',
      note: `closed loop, plateau at ${sat.devices} devices (devices: docs/s ${sat.seen.join(', ')}); ${where}`,
    },
    {
      name: 'server_push_p99_at_half_load_ms',
      value: half.p99,
      unit: 'ms',
      target: 300,
      better: 'lower',
      note: `open loop, Poisson arrivals ${half.perSecond.toFixed(1)} end-of-days/s for ${half.seconds} s (${half.arrivals}), request p50 ${half.p50.toFixed(0)} ms; ${where}`,
    },
  ];
}

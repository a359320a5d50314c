/**
 * The server figures' simulated devices: each a real user of its own area (created straight in the
 * database, see benchServer.ts), signed in over HTTP with its own device id, as a laptop does.
 */
import { allAreas } from '../shared/areas';
import type { PushRow, TokenResponse } from '../shared/sync/wire';
import { pool, type BenchServer } from './benchServer';
import { BENCH_TOWNSHIP } from './dataset';
import type { Log } from './stats';

export interface Device {
  user: { id: string; username: string };
  tokens: TokenResponse;
  village: string;
}

/** Push rows of new documents (no assumed master state), as the app's replication sends them. */
export const rowsOf = (docs: readonly object[]): PushRow<object>[] => docs.map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }));

let seed = 1000;
/** A fresh dataset seed for each generated batch, so no two batches share document ids. */
export const nextSeed = () => seed++;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Villages spread over the whole city, outside the township the sync figures use: the `from`-th
 * onwards of one fixed order (a stride coprime with their number), so successive calls hand out
 * different villages, each device its own.
 */
export function spreadVillages(count: number, from = 0): string[] {
  const villages = allAreas().filter((a) => a.level === 'village' && !a.code.startsWith(BENCH_TOWNSHIP));
  let stride = 97;
  while (gcd(stride, villages.length) !== 1) stride++;
  return Array.from({ length: count }, (_, i) => villages[((i + from) * stride) % villages.length]!.code);
}

export async function loginDevices(server: BenchServer, villages: string[], role: 'assistant' | 'township', log: Log): Promise<Device[]> {
  const users = await server.createUsers(villages.map((areaCode) => ({ role, areaCode })));
  const started = performance.now();
  // Each sign-in verifies a scrypt hash (~70 ms of CPU): a few at once.
  const tokens = await pool(users, 8, (user) => server.login(user.username));
  log(`  ${users.length} devices signed in (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return users.map((user, i) => ({ user, tokens: tokens[i]!, village: villages[i]! }));
}

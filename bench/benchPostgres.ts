/**
 * The PostgreSQL every bench phase runs on: durable, as a production server must be (every commit
 * flushed to disk), so no write figure is flattered by a cluster that may lose what it acknowledged.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { clusterSettings, findPostgresBin, type ClusterOptions } from '../harness/postgresCluster';

export const BENCH_CLUSTER: ClusterOptions = { durable: true };

/** "15.18, fsync=on, synchronous_commit=on": for the bench's machine line and JSON. */
export function describeBenchPostgres(): string {
  const bin = findPostgresBin();
  let version = 'not found';
  try {
    if (bin) version = /\d+(\.\d+)*/.exec(execFileSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }))?.[0] ?? version;
  } catch {
    // the phases say why when they start a cluster
  }
  const { fsync, synchronous_commit } = clusterSettings(BENCH_CLUSTER);
  return `${version}, fsync=${fsync}, synchronous_commit=${synchronous_commit}`;
}

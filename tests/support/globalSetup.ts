import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startThrowawayCluster } from '../../harness/postgresCluster';
import { buildServer } from '../../scripts/buildServer';
import { migrate } from '../../server/db/migrations';
import { openDatabase } from '../../server/db/openDatabase';
import { snapshotPgliteDatabase } from '../../server/db/pgliteDatabase';
import './pgliteSnapshots';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * Server tests run on PGlite and on a real PostgreSQL. CI passes TEST_DATABASE_URL; on a
 * developer's machine a throwaway cluster is started here so `npm test` needs no set-up.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  // Tests that start the server as its own process (a CLI command, a crash, a relay) run the bundle
  // a county installs, built once here (`serverProgram` in harness/serverProcess.ts), not tsx each time.
  const buildDir = path.resolve(`.tmp/test-server-${process.pid}`);
  process.env['JIUZHU_SERVER_JS'] = await buildServer(buildDir);
  // Every in-memory PGlite a test opens starts from one of these (tests/support/pgliteSnapshots.ts).
  const snapshotDir = path.resolve(`.tmp/test-pglite-${process.pid}`);
  mkdirSync(snapshotDir, { recursive: true });
  const snapshots = { empty: path.join(snapshotDir, 'empty.tar'), migrated: path.join(snapshotDir, 'migrated.tar'), folder: path.join(snapshotDir, 'folder') };
  writeFileSync(snapshots.empty, Buffer.from(await (await snapshotPgliteDatabase(async () => {})).arrayBuffer()));
  writeFileSync(snapshots.migrated, Buffer.from(await (await snapshotPgliteDatabase(migrate)).arrayBuffer()));
  // A PGlite folder with initdb and this run's migrations done: tests whose subject is not a
  // folder's first start copy it (`migratedPgliteFolder`) rather than pay ~7 s of CPU each.
  await (await openDatabase({ dataDir: snapshots.folder })).close();
  project.provide('pgliteSnapshots', snapshots);
  const removeFiles = () => {
    rmSync(buildDir, { recursive: true, force: true });
    rmSync(snapshotDir, { recursive: true, force: true });
  };
  const given = process.env['TEST_DATABASE_URL'];
  if (given) {
    project.provide('postgresUrl', given);
    return removeFiles;
  }
  const cluster = await startThrowawayCluster();
  project.provide('postgresUrl', cluster.url);
  return () => {
    cluster.stop();
    removeFiles();
  };
}

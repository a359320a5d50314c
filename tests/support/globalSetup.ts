import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startThrowawayCluster } from '../../harness/postgresCluster';
import { buildServer } from '../../scripts/buildServer';

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
  const removeBuild = () => rmSync(buildDir, { recursive: true, force: true });
  const given = process.env['TEST_DATABASE_URL'];
  if (given) {
    project.provide('postgresUrl', given);
    return removeBuild;
  }
  const cluster = await startThrowawayCluster();
  project.provide('postgresUrl', cluster.url);
  return () => {
    cluster.stop();
    removeBuild();
  };
}

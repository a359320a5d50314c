import type { TestProject } from 'vitest/node';
import { startThrowawayCluster } from '../../harness/postgresCluster';

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
  const given = process.env['TEST_DATABASE_URL'];
  if (given) {
    project.provide('postgresUrl', given);
    return () => undefined;
  }
  const cluster = await startThrowawayCluster();
  project.provide('postgresUrl', cluster.url);
  return cluster.stop;
}

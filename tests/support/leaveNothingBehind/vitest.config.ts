import { defineConfig } from 'vitest/config';
import project from '../../../vitest.config';

/** The project's own test settings, one worker, only the two fixtures beside this file. */
export default defineConfig({
  test: {
    ...project.test,
    include: ['tests/support/leaveNothingBehind/*.fixture.ts'],
    exclude: [],
    globalSetup: [],
    maxWorkers: 1,
  },
});

import { appendFileSync, mkdirSync } from 'node:fs';
import { test as base, type BrowserContext } from '@playwright/test';

/**
 * The app's own log: everything its pages write to the console (and uncaught errors) during the
 * end-to-end run goes to one file, which `scripts/checkLogsForPersonalData.ts` scans afterwards,
 * as it does the server's log. Personal data must never reach either.
 */
export const appLogPath = `.tmp/e2e-app-${process.env['E2E_PORT'] ?? 8799}.log`;

const recorded = new WeakSet<BrowserContext>();

/** Sends a context's console output to the app log; call it for contexts made outside the fixtures. */
export function recordAppLog(context: BrowserContext): BrowserContext {
  if (recorded.has(context)) return context;
  recorded.add(context);
  mkdirSync('.tmp', { recursive: true });
  context.on('console', (message) => appendFileSync(appLogPath, `[${message.type()}] ${message.text()}\n`));
  context.on('weberror', (error) => appendFileSync(appLogPath, `[pageerror] ${String(error.error())}\n`));
  return context;
}

/** Playwright's `test`, with every context (the default one and each `browser.newContext()`) logged. */
export const test = base.extend<object, { appLog: void }>({
  appLog: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => recordAppLog(await newContext(options));
      await use();
    },
    { scope: 'worker', auto: true },
  ],
  context: async ({ context }, use) => {
    await use(recordAppLog(context));
  },
});

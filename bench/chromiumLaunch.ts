/**
 * Debian's Chromium as the bench launches it (Playwright, persistent profile: IndexedDB on disk),
 * for the steps that each want a Chromium of their own with a fresh profile, so that its memory
 * and IndexedDB hold only what that step did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright';
import { settledChromiumMemory, type ChromiumMemory } from './chromiumMemory';
import type { Log } from './stats';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface FreshChromium {
  context: BrowserContext;
  page: Page;
  /** The profile directory (`--user-data-dir`), by which chromiumMemory finds its processes. */
  profile: string;
  close(): Promise<void>;
}

/**
 * A new Chromium on a new profile, its page at `url` once the page says `ready`. The page's errors
 * are logged, but for console messages matching `expected` (the CouchDB protocol answers a
 * checkpoint not yet written with 404, which Chromium reports as an error).
 */
export async function freshChromium(url: string, log: Log, expected?: RegExp): Promise<FreshChromium> {
  const { context, page, profile, close } = await launchOnFreshProfile();
  try {
    page.on('pageerror', (error) => log(`  page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !expected?.test(message.text())) log(`  page console: ${message.text().slice(0, 300)}`);
    });
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready', undefined, { timeout: 60_000 });
    return { context, page, profile, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Chromium launched as the bench launches it, on a new profile, with its first tab; `close` also deletes the profile. */
async function launchOnFreshProfile(): Promise<FreshChromium> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    return { context, page: context.pages()[0] ?? (await context.newPage()), profile, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The floor under every Chromium memory figure, measured in the same run: a new Chromium, as the
 * bench launches it, on a fresh profile with one blank tab, once it has been up for `settleMs` and
 * its page's garbage is collected. What a figure holds above it is what the page and its data add.
 */
export async function emptyChromiumMemory(settleMs: number): Promise<ChromiumMemory | null> {
  const { page, profile, close } = await launchOnFreshProfile();
  try {
    await page.goto('about:blank');
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return await settledChromiumMemory(page, profile);
  } finally {
    await close();
  }
}

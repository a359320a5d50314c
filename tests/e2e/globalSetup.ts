import { mkdirSync, writeFileSync } from 'node:fs';
import { appLogPath } from './appLog';

/** A fresh app log for this run, so the scan after the suite reads only this run's output. */
export default function globalSetup(): void {
  mkdirSync('.tmp', { recursive: true });
  writeFileSync(appLogPath, `# app console output of the end-to-end run, ${new Date().toISOString()}\n`);
}

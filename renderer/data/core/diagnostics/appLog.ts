/**
 * The app's own log: a small ring of recent events kept in memory only, for 导出诊断信息 when
 * something goes wrong. It never holds personal data: callers record what kind of thing happened
 * (a page pattern, a sync state, an error's message), and every text passes `scrubText` on the
 * way in, so a name, ID number, phone, address or note that slipped into an error message is
 * not kept either. In a browser nothing is written to disk and a reload starts it afresh; in the
 * desktop app every entry also goes to the host's rotating log file (`forwardTo`,
 * electron/main/laptopLog.ts), which 导出诊断信息 bundles.
 */

import { scrubText } from '../../../../shared/diagnostics/scrub';
import type { AppEventKind } from '../../../../shared/ipc/contract';

export type { AppEventKind };
// What strips personal data from a text is shared: the Electron host scrubs the log file's lines again.
export { scrubStack, scrubText } from '../../../../shared/diagnostics/scrub';

export interface AppLogEntry {
  /** ISO time of the event. */
  at: string;
  kind: AppEventKind;
  text: string;
}

/** Enough for the last few minutes of work; a diagnostics file stays small. */
export const APP_LOG_LIMIT = 200;

/**
 * A page's path with record ids and area codes replaced (any part with a digit in it: the app's
 * own words, households, new, edit, have none): which page, not which record.
 */
export function pagePattern(path: string): string {
  return path
    .split('/')
    .map((part) => (/\d/.test(part) ? ':id' : part))
    .join('/');
}

/** Where entries are sent on besides the ring (the host's log file); a batch at a time. */
export type AppLogSink = (entries: AppLogEntry[]) => Promise<unknown>;

/** Entries are sent on in batches: a burst of sync events is one call, not fifty. */
const FORWARD_DELAY_MS = 2000;
const FORWARD_BATCH = 200;

export class AppLog {
  private readonly entries: AppLogEntry[] = [];
  private sink: AppLogSink | null = null;
  private unsent: AppLogEntry[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly limit = APP_LOG_LIMIT,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(kind: AppEventKind, text: string): void {
    const entry = { at: this.now().toISOString(), kind, text: scrubText(text) };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    if (this.sink) this.queue(entry);
  }

  /** Sends every entry from now on (and those already in the ring) to `sink` too. */
  forwardTo(sink: AppLogSink): void {
    this.sink = sink;
    this.entries.forEach((entry) => this.queue(entry));
  }

  /** Sends what waits now (before the window closes, or in tests). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.sink && this.unsent.length > 0) {
      const batch = this.unsent.splice(0, FORWARD_BATCH);
      // A log that cannot be written must never break the app: the ring still has the entries.
      await this.sink(batch).catch(() => undefined);
    }
  }

  private queue(entry: AppLogEntry): void {
    this.unsent.push(entry);
    this.timer ??= setTimeout(() => void this.flush(), FORWARD_DELAY_MS);
  }

  /** Oldest first. */
  recent(): readonly AppLogEntry[] {
    return [...this.entries];
  }
}

/** The window's one log. */
export const appLog = new AppLog();

export function recordAppEvent(kind: AppEventKind, text: string): void {
  appLog.record(kind, text);
}

/** Errors nothing caught (a failed promise, a throw in a timer) go to the log too. */
export function watchUncaughtErrors(target: Pick<Window, 'addEventListener'>, log: AppLog = appLog): void {
  target.addEventListener('error', (event) => {
    const error = (event as ErrorEvent).error as unknown;
    log.record('error', `uncaught: ${error instanceof Error ? `${error.name}: ${error.message}` : String((event as ErrorEvent).message ?? '')}`);
  });
  target.addEventListener('unhandledrejection', (event) => {
    const reason = (event as PromiseRejectionEvent).reason as unknown;
    log.record('error', `unhandled rejection: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : typeof reason}`);
  });
}

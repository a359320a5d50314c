/**
 * The app's own log: a small ring of recent events kept in memory only, for 导出诊断信息 when
 * something goes wrong. It never holds personal data: callers record what kind of thing happened
 * (a page pattern, a sync state, an error's message), and every text passes `scrubText` on the
 * way in, so a name, ID number, phone, address or note that slipped into an error message is
 * not kept either. Nothing is written to disk; a reload starts it afresh.
 */

export type AppEventKind = 'start' | 'page' | 'sync' | 'error' | 'session';

export interface AppLogEntry {
  /** ISO time of the event. */
  at: string;
  kind: AppEventKind;
  text: string;
}

/** Enough for the last few minutes of work; a diagnostics file stays small. */
export const APP_LOG_LIMIT = 200;
const TEXT_LIMIT = 500;

// Chinese text (names, addresses, notes are written in it), digit runs long enough to be an ID
// number, phone or account number, e-mail addresses, and quoted snippets (JSON.parse and friends
// quote the text they failed on).
const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;
const LONG_NUMBER = /\d{5,}[Xx]?/g;
const EMAIL = /[^\s@]+@[^\s@]+/g;
const QUOTED = /"[^"]*"|“[^”]*”/g;

/** A text with anything that could name or locate a person taken out, and cut to a sane length. */
export function scrubText(text: string): string {
  return text
    .replace(QUOTED, '"…"')
    .replace(EMAIL, '…@…')
    .replace(CHINESE, '…')
    .replace(LONG_NUMBER, '#')
    .slice(0, TEXT_LIMIT);
}

/**
 * A stack trace's frames only (function and script position), scrubbed like a message but keeping
 * line and column numbers: the first line repeats the message, which may hold a value.
 */
export function scrubStack(stack: string | undefined): string {
  if (!stack) return '';
  return stack
    .split('\n')
    .filter((line) => /^\s*at\s/.test(line) || /@\S+:\d+:\d+$/.test(line))
    .slice(0, 30)
    .map((line) => line.replace(QUOTED, '"…"').replace(CHINESE, '…').trim())
    .join('\n');
}

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

export class AppLog {
  private readonly entries: AppLogEntry[] = [];

  constructor(
    private readonly limit = APP_LOG_LIMIT,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(kind: AppEventKind, text: string): void {
    this.entries.push({ at: this.now().toISOString(), kind, text: scrubText(text) });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
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

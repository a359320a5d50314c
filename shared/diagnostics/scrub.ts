/**
 * Takes out of a log or diagnostics text anything that could name or locate a person. Used by the
 * renderer's in-memory log and diagnostics file, and again by the Electron host before a line
 * reaches the laptop's log file (a page could be compromised; the file outlives the session).
 */
/** Longer texts are cut: a log line, not a document. */
export const TEXT_LIMIT = 500;

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


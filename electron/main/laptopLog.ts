import path from 'node:path';
import type { LogLine } from '../../shared/ipc/contract';
import { scrubText } from '../../shared/diagnostics/scrub';

/**
 * The laptop's log file (issue 16): what the app did, for a helpdesk that cannot see the laptop —
 * starts, pages opened (as patterns), sync states and errors, never a name, ID number, phone,
 * address or note (every line is scrubbed here again: the page could be compromised, and the
 * file outlives the session). It rotates by size: `jiuzhu.log`, then `jiuzhu.1.log` … the oldest
 * dropped, so it never grows without bound. 导出诊断信息 bundles its recent lines.
 */

/** The file operations the log needs (node:fs/promises), passed in so tests use a real temp folder. */
export interface LogFiles {
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
  appendFile(file: string, data: string, options: { encoding: 'utf8'; mode: number }): Promise<void>;
  stat(file: string): Promise<{ size: number }>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: true }): Promise<void>;
  readFile(file: string, encoding: 'utf8'): Promise<string>;
}

export interface LaptopLogOptions {
  /** A file is rotated once it would grow past this. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  keep?: number;
}

const FILE = 'jiuzhu.log';
const rotatedName = (n: number) => `jiuzhu.${n}.log`;
/** What 导出诊断信息 takes from the end of the log: the last hours of work, a small attachment. */
const READ_LIMIT = 256 * 1024;

/** One line of the file; tabs and line breaks in a text cannot forge another line. */
export function formatLogLine(line: LogLine): string {
  const text = scrubText(line.text).replace(/[\t\r\n]+/g, ' ');
  return `${line.at}\t${line.kind}\t${text}\n`;
}

export class LaptopLog {
  private readonly maxBytes: number;
  private readonly keep: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly files: LogFiles,
    options: LaptopLogOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 3;
  }

  /** Appends the lines (in order with every earlier call), rotating first when the file is full. */
  append(lines: readonly LogLine[]): Promise<void> {
    const data = lines.map(formatLogLine).join('');
    const next = this.queue.then(() => this.write(data));
    // A failed write must not stop the ones after it; the caller still hears of it.
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The recent lines, oldest first: the rotated files' then the current one's, up to the last 256 KB. */
  async read(): Promise<string> {
    await this.queue;
    const names = [...Array.from({ length: this.keep }, (_, i) => rotatedName(this.keep - i)), FILE];
    const parts = await Promise.all(names.map((name) => this.files.readFile(path.join(this.dir, name), 'utf8').catch(() => '')));
    const all = parts.join('');
    if (all.length <= READ_LIMIT) return all;
    const cut = all.slice(all.length - READ_LIMIT);
    // From the first whole line on.
    return cut.slice(cut.indexOf('\n') + 1);
  }

  private async write(data: string): Promise<void> {
    await this.files.mkdir(this.dir, { recursive: true });
    const current = path.join(this.dir, FILE);
    const size = await this.files.stat(current).then((found) => found.size, () => 0);
    if (size > 0 && size + Buffer.byteLength(data) > this.maxBytes) await this.rotate();
    // Readable by the laptop's user only: the helpdesk gets it through 导出诊断信息.
    await this.files.appendFile(current, data, { encoding: 'utf8', mode: 0o600 });
  }

  private async rotate(): Promise<void> {
    await this.files.rm(path.join(this.dir, rotatedName(this.keep)), { force: true });
    for (let n = this.keep - 1; n >= 1; n--) {
      await this.files.rename(path.join(this.dir, rotatedName(n)), path.join(this.dir, rotatedName(n + 1))).catch(() => undefined);
    }
    await this.files.rename(path.join(this.dir, FILE), path.join(this.dir, rotatedName(1)));
  }
}

import type { SavedFile } from '../../../../shared/ipc/contract';
import { platform } from '../platform';
import { appLog, scrubStack, scrubText, type AppLogEntry } from './appLog';

import { APP_VERSION } from '../appVersion';

export { APP_VERSION };

export interface CaughtError {
  /** 'page': one page failed and the menu still works; 'app': the whole window failed. */
  where: 'page' | 'app';
  error: unknown;
  /** React's component stack: component names only. */
  componentStack?: string | null;
}

export interface DiagnosticsInput extends CaughtError {
  version: string;
  at: Date;
  platformKind: string;
  userAgent: string;
  log: readonly AppLogEntry[];
  /** The desktop host's log file, its recent lines (absent in a browser). */
  hostLog?: string | null;
}

function describeError(error: unknown): { name: string; message: string; stack: string } {
  if (error instanceof Error) return { name: error.name, message: scrubText(error.message), stack: scrubStack(error.stack) };
  return { name: typeof error, message: '', stack: '' };
}

/** Component names only: each line of React's stack is "at Name (url)". */
function componentNames(stack: string | null | undefined): string {
  if (!stack) return '';
  return stack
    .split('\n')
    .map((line) => /^\s*at\s+([A-Za-z0-9_$.]+)(?:\s|$)/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name))
    .slice(0, 30)
    .join(' < ');
}

/**
 * The diagnostics file's text: the version, what failed and where in the code, and the recent app
 * log. Built only from scrubbed texts and code positions: no record, name, ID number, phone,
 * address or note can reach it (tests/renderer/diagnostics.test.ts plants them and looks).
 */
export function diagnosticsReport(input: DiagnosticsInput): string {
  const error = describeError(input.error);
  const lines = [
    '救助通 诊断信息 (diagnostics)',
    `version: ${input.version}`,
    `time: ${input.at.toISOString()}`,
    `platform: ${input.platformKind}`,
    `browser: ${scrubText(input.userAgent)}`,
    `where: ${input.where}`,
    '',
    '== error',
    `${error.name}: ${error.message}`,
    error.stack,
    '',
    '== components',
    componentNames(input.componentStack),
    '',
    `== app log (last ${input.log.length}, oldest first)`,
    ...input.log.map((entry) => `${entry.at} ${entry.kind} ${scrubText(entry.text)}`),
    '',
    ...(input.hostLog
      ? ['== laptop log file (recent lines, oldest first)', ...input.hostLog.split('\n').filter(Boolean).map((line) => scrubText(line)), '']
      : []),
  ];
  return lines.join('\n');
}

/** 救助通-诊断信息-20261205-2140.txt, in local time. */
export function diagnosticsFileName(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
  return `救助通-诊断信息-${stamp}.txt`;
}

/** 导出诊断信息: writes the file and hands it to the person (a download, or the save dialog on the desktop). */
export async function exportDiagnostics(caught: CaughtError): Promise<SavedFile> {
  const at = new Date();
  const host = platform().hostLog;
  await appLog.flush();
  const hostLog = host ? await host.readLog().then((answer) => (answer.ok ? answer.value : null), () => null) : null;
  const text = diagnosticsReport({
    hostLog,
    ...caught,
    version: APP_VERSION,
    at,
    platformKind: platform().kind,
    userAgent: typeof navigator === 'undefined' ? '' : navigator.userAgent,
    log: appLog.recent(),
  });
  return platform().saveFile(new TextEncoder().encode(text), diagnosticsFileName(at), 'text/plain;charset=utf-8');
}

import { chinaToday } from '../../../../shared/domain/chinaTime';
import type { SyncedCollection } from '../../../../shared/sync/collections';
import { offerFile, SaveFailedError } from '../exports/offerFile';
import { SyncHttpError } from '../httpErrors';
import type { Workspace } from '../workspace';
import { exportUnsent, importBundle, NoBundleKeysError, type ImportResult } from './bundles';

/**
 * U盘传送 as the person sees it: each step of an export or import told as it starts (the sync
 * centre shows them), and a failure named by the step it happened in, so the message can say
 * what went wrong and what to do.
 */
export type UsbExportStep = 'reading' | 'sealing' | 'writing';
export type UsbImportStep = 'reading' | 'checking';

export type UsbExportProgress = { step: 'reading'; read: number; total: number } | { step: 'sealing' } | { step: 'writing' };

/** Why an import failed: no network, a file the server refused, not a bundle at all, or the server's own trouble. */
export type UsbImportProblem = 'network' | 'refused' | 'notBundle' | 'server';

/** Why writing the file failed, when the desktop host could tell (a browser's download never says). */
export type UsbWriteProblem = 'noSpace' | 'gone' | 'readOnly';

const writeProblems: Record<string, UsbWriteProblem> = { no_space: 'noSpace', gone: 'gone', read_only: 'readOnly' };

export class UsbExportError extends Error {
  constructor(
    readonly step: UsbExportStep | 'noKeys',
    override readonly cause?: unknown,
  ) {
    super(`USB export failed at ${step}`);
  }

  /** The stick was full, gone or write-protected; null when nothing more is known. */
  get writeProblem(): UsbWriteProblem | null {
    return this.step === 'writing' && this.cause instanceof SaveFailedError ? (writeProblems[this.cause.code] ?? null) : null;
  }
}

export class UsbImportError extends Error {
  constructor(
    readonly problem: UsbImportProblem,
    override readonly cause?: unknown,
  ) {
    super(`USB import failed: ${problem}`);
  }
}

export interface UsbExportResult {
  /** False when the person closed the save dialog without saving (desktop): nothing was written. */
  saved: boolean;
  fileName?: string | undefined;
  counts: Partial<Record<SyncedCollection, number>>;
}

/** The file a village hands over: who, and the day, in the name (the content says nothing readable). */
export function bundleFileName(username: string, today = chinaToday()): string {
  return `jiuzhu-${username.replace(/[^A-Za-z0-9_-]/g, '_') || 'export'}-${today}.jzb`;
}

/** 导出未上传的数据 to a file the person saves (the USB stick): read, seal, write. Changes stay waiting here. */
export async function exportToUsb(workspace: Workspace, onProgress: (progress: UsbExportProgress) => void): Promise<UsbExportResult> {
  let step: UsbExportStep = 'reading';
  let exported: Awaited<ReturnType<typeof exportUnsent>>;
  try {
    exported = await exportUnsent(workspace, (progress) => {
      step = progress.step;
      onProgress(progress);
    });
  } catch (error) {
    throw new UsbExportError(error instanceof NoBundleKeysError ? 'noKeys' : step, error);
  }
  onProgress({ step: 'writing' });
  try {
    const bytes = new TextEncoder().encode(JSON.stringify(exported.file));
    const saved = await offerFile(bytes, bundleFileName(workspace.session.user.username), 'application/json');
    return { saved: saved.saved, fileName: saved.fileName, counts: exported.counts };
  } catch (error) {
    throw new UsbExportError('writing', error);
  }
}

/** Which import problem an error is: the server's answer when it gave one, else the network. */
export function importProblemOf(error: unknown): UsbImportProblem {
  if (error instanceof UsbImportError) return error.problem;
  if (error instanceof SyncHttpError) {
    if (error.kind === 'network') return 'network';
    if (error.kind === 'invalid' || error.kind === 'forbidden') return 'refused';
  }
  return 'server';
}

/** 导入U盘文件 at the township station: read the file, have the server check and store it, then pull. */
export async function importFromUsb(
  workspace: Workspace,
  file: { text(): Promise<string> },
  onProgress: (step: UsbImportStep) => void,
): Promise<ImportResult> {
  onProgress('reading');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch (error) {
    throw new UsbImportError('notBundle', error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsbImportError('notBundle');
  onProgress('checking');
  try {
    return await importBundle(workspace, parsed);
  } catch (error) {
    throw new UsbImportError(importProblemOf(error), error);
  }
}

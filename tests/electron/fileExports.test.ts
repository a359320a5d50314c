import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers, type IpcInvokeEventLike, type IpcMainLike } from '../../electron/main/ipc';
import { writeFailureCode, type FileExportDeps, type PdfSourceLike } from '../../electron/main/fileExports';
import { trustedOrigins } from '../../electron/main/origins';
import { IPC_CHANNELS } from '../../shared/ipc/contract';
import { fakeSafeStorage } from './fakes';

const APP_PAGE = 'app://jiuzhu/index.html#/print/visits/v-1';
const INFO = { name: '救助通', version: '0.1.0', platform: 'linux', electron: '45.5.0' };
const PDF_BYTES = new TextEncoder().encode('%PDF-1.7 fake');

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'jiuzhu-files-'));
});
afterEach(async () => rm(folder, { recursive: true, force: true }));

/** The IPC handlers with a save dialog that answers `chosen` (null: cancelled) and real file writes. */
function setup(chosen: string | null, options: { files?: boolean } = {}) {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const showSaveDialog = vi.fn<FileExportDeps['dialog']['showSaveDialog']>(async () =>
    chosen === null ? { canceled: true } : { canceled: false, filePath: path.join(folder, chosen) },
  );
  const log = vi.fn<(message: string) => void>();
  registerIpcHandlers(ipcMain, {
    appInfo: () => INFO,
    safeStorage: fakeSafeStorage(),
    platform: 'linux',
    trustedOrigins: trustedOrigins(),
    log,
    ...(options.files === false
      ? {}
      : { files: { dialog: { showSaveDialog }, writeFile: (p, data) => writeFile(p, data), defaultDir: () => '/home/xieli/文档', log } }),
  });
  const printToPDF = vi.fn<PdfSourceLike['printToPDF']>(async () => PDF_BYTES);
  const invoke = (channel: string, ...args: unknown[]) =>
    handlers.get(channel)!({ senderFrame: { url: APP_PAGE }, sender: { printToPDF } }, ...args);
  return { invoke, showSaveDialog, printToPDF, log };
}

describe('saveFile', () => {
  it('writes the export where the person chose, adding the extension the dialog dropped', async () => {
    const { invoke, showSaveDialog } = setup('家庭花名册');
    const bytes = Buffer.from('PK\u0003\u0004 workbook');
    const reply = await invoke(IPC_CHANNELS.saveFile, '救助通-家庭花名册-2026-11-29.xlsx', bytes.toString('base64'));
    expect(reply).toEqual({ ok: true, value: { saved: true, fileName: '家庭花名册.xlsx' } });
    expect(await readFile(path.join(folder, '家庭花名册.xlsx'))).toEqual(bytes);
    expect(showSaveDialog.mock.calls[0]![0]).toMatchObject({
      defaultPath: path.join('/home/xieli/文档', '救助通-家庭花名册-2026-11-29.xlsx'),
      filters: [{ extensions: ['xlsx'] }],
    });
  });

  it('saves a USB file (.jzb) for the township with its own filter, and says so when the stick is gone', async () => {
    const bytes = Buffer.from('{"header":{}}');
    const { invoke, showSaveDialog } = setup('jiuzhu-xieli_a-2026-11-29.jzb');
    const reply = await invoke(IPC_CHANNELS.saveFile, 'jiuzhu-xieli_a-2026-11-29.jzb', bytes.toString('base64'));
    expect(reply).toEqual({ ok: true, value: { saved: true, fileName: 'jiuzhu-xieli_a-2026-11-29.jzb' } });
    expect(await readFile(path.join(folder, 'jiuzhu-xieli_a-2026-11-29.jzb'))).toEqual(bytes);
    expect(showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ title: '保存到U盘', filters: [expect.objectContaining({ extensions: ['jzb'] })] }));
    // The stick pulled out after the dialog closed: its folder is no longer there.
    const gone = setup(path.join('removed-stick', 'jiuzhu-xieli_a-2026-11-29.jzb'));
    expect(await gone.invoke(IPC_CHANNELS.saveFile, 'jiuzhu-xieli_a-2026-11-29.jzb', bytes.toString('base64'))).toMatchObject({
      ok: false,
      error: { code: 'gone' },
    });
  });

  it('names why a write failed from the system’s error: a full stick, a pulled one, a write-protected one', () => {
    const failure = (code: string) => Object.assign(new Error('write failed'), { code });
    expect(writeFailureCode(failure('ENOSPC'))).toBe('no_space');
    expect(writeFailureCode(failure('ENOENT'))).toBe('gone');
    expect(writeFailureCode(failure('EIO'))).toBe('gone');
    expect(writeFailureCode(failure('EROFS'))).toBe('read_only');
    expect(writeFailureCode(failure('EACCES'))).toBe('read_only');
    expect(writeFailureCode(failure('EBUSY'))).toBe('failed');
    expect(writeFailureCode('not an error')).toBe('failed');
  });

  it('saves the diagnostics file (导出诊断信息) as .txt with a text filter', async () => {
    const { invoke, showSaveDialog } = setup('诊断信息');
    const text = Buffer.from('救助通 诊断信息\n版本 0.1.0\n');
    const reply = await invoke(IPC_CHANNELS.saveFile, '救助通-诊断信息-20261205-2140.txt', text.toString('base64'));
    expect(reply).toEqual({ ok: true, value: { saved: true, fileName: '诊断信息.txt' } });
    expect(await readFile(path.join(folder, '诊断信息.txt'))).toEqual(text);
    expect(showSaveDialog.mock.calls[0]![0]).toMatchObject({ title: '保存诊断信息', filters: [{ extensions: ['txt'] }] });
  });

  it('answers saved: false when the dialog is cancelled, and writes nothing', async () => {
    const { invoke } = setup(null);
    expect(await invoke(IPC_CHANNELS.saveFile, 'a.xlsx', 'UEsDBA==')).toEqual({ ok: true, value: { saved: false } });
  });

  it('refuses a name with a folder in it or the wrong type, before any dialog opens', async () => {
    const { invoke, showSaveDialog } = setup('x.xlsx');
    for (const name of ['../../etc/passwd.xlsx', 'C:\\Windows\\a.xlsx', 'roster.exe', 'roster.pdf']) {
      const reply = (await invoke(IPC_CHANNELS.saveFile, name, 'UEsDBA==')) as { ok: boolean; error?: { code: string; message: string } };
      expect(reply.ok).toBe(false);
      expect(reply.error).toMatchObject({ code: 'invalid_argument' });
      expect(reply.error!.message).toContain('suggestedName');
    }
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it('says so when the file cannot be written, without the path in the log', async () => {
    const { invoke, log } = setup(path.join('no-such-folder', '张三家.xlsx'));
    const reply = await invoke(IPC_CHANNELS.saveFile, 'a.xlsx', 'UEsDBA==');
    expect(reply).toMatchObject({ ok: false, error: { code: 'gone' } });
    expect(log.mock.calls.flat().join(' ')).not.toContain('张三');
  });

  it('is unavailable on a host without file access', async () => {
    const { invoke } = setup('a.xlsx', { files: false });
    expect(await invoke(IPC_CHANNELS.saveFile, 'a.xlsx', 'UEsDBA==')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});

describe('printToPdf', () => {
  it('prints the calling page on A4 with its own @page margins and saves the PDF', async () => {
    const { invoke, printToPDF } = setup('入户调查表.pdf');
    const reply = await invoke(IPC_CHANNELS.printToPdf, '入户调查表-2026-11-20.pdf');
    expect(reply).toEqual({ ok: true, value: { saved: true, fileName: '入户调查表.pdf' } });
    expect(printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(new Uint8Array(await readFile(path.join(folder, '入户调查表.pdf')))).toEqual(PDF_BYTES);
  });

  it('takes only a .pdf name', async () => {
    const { invoke, printToPDF } = setup('a.pdf');
    expect(await invoke(IPC_CHANNELS.printToPdf, 'a.xlsx')).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(printToPDF).not.toHaveBeenCalled();
  });
});

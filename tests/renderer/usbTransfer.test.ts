import { describe, expect, it } from 'vitest';
import { SyncHttpError } from '../../renderer/data/core/httpErrors';
import { SaveFailedError } from '../../renderer/data/core/platform';
import { bundleFileName, exportToUsb, importFromUsb, importProblemOf, UsbExportError, UsbImportError } from '../../renderer/data/core/sync/usbTransfer';
import type { Workspace } from '../../renderer/data/core/workspace';

describe('USB transfer: what a failure is called', () => {
  it('names an import failure by the server’s answer, or the network when there was none', () => {
    expect(importProblemOf(new SyncHttpError('network', 0, 'network'))).toBe('network');
    expect(importProblemOf(new SyncHttpError('invalid', 422, 'bad_signature'))).toBe('refused');
    expect(importProblemOf(new SyncHttpError('forbidden', 403, 'out_of_scope'))).toBe('refused');
    expect(importProblemOf(new SyncHttpError('server', 500, 'internal'))).toBe('server');
    expect(importProblemOf(new Error('anything else'))).toBe('server');
  });

  it('refuses a file that is not JSON before anything is sent, naming the step', async () => {
    const steps: string[] = [];
    const workspace = {} as Workspace;
    const failure = await importFromUsb(workspace, { text: async () => '村里的笔记' }, (step) => steps.push(step)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UsbImportError);
    expect((failure as UsbImportError).problem).toBe('notBundle');
    expect(steps).toEqual(['reading']);
    const list = await importFromUsb(workspace, { text: async () => '[1,2]' }, () => undefined).catch((e: unknown) => e);
    expect((list as UsbImportError).problem).toBe('notBundle');
  });

  it('says an export without the bundle keys needs an online sign-in first, before reading anything', async () => {
    const failure = await exportToUsb({ bundleKeys: null } as Workspace, () => undefined).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UsbExportError);
    expect((failure as UsbExportError).step).toBe('noKeys');
  });

  it('tells a full, pulled-out or write-protected stick apart when the desktop host says which', () => {
    expect(new UsbExportError('writing', new SaveFailedError('no_space')).writeProblem).toBe('noSpace');
    expect(new UsbExportError('writing', new SaveFailedError('gone')).writeProblem).toBe('gone');
    expect(new UsbExportError('writing', new SaveFailedError('read_only')).writeProblem).toBe('readOnly');
    expect(new UsbExportError('writing', new SaveFailedError('failed')).writeProblem).toBeNull();
    expect(new UsbExportError('writing', new DOMException('full', 'QuotaExceededError')).writeProblem).toBeNull();
    expect(new UsbExportError('sealing', new SaveFailedError('no_space')).writeProblem).toBeNull();
  });

  it('names the file after the user and the day, with nothing a file system refuses', () => {
    expect(bundleFileName('xieli_a', '2026-12-05')).toBe('jiuzhu-xieli_a-2026-12-05.jzb');
    expect(bundleFileName('王/秀兰', '2026-12-05')).toBe('jiuzhu-____-2026-12-05.jzb');
  });
});

import path from 'node:path';
import type { IpcErrorCode, IpcResult, SavedFile } from '../../shared/ipc/contract';

/** Electron's `dialog.showSaveDialog`, as far as it is used. */
export interface SaveDialogLike {
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string | undefined }>;
}

/** The calling page's webContents, as far as printing it to PDF goes. */
export interface PdfSourceLike {
  printToPDF(options: {
    pageSize: 'A4';
    printBackground: boolean;
    preferCSSPageSize: boolean;
  }): Promise<Uint8Array>;
}

export interface FileExportDeps {
  dialog: SaveDialogLike;
  writeFile(filePath: string, data: Uint8Array): Promise<void>;
  /** Where the save dialog opens: the user's documents folder. */
  defaultDir(): string;
  log?: (message: string) => void;
}

const filters = {
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
  jzb: { name: '救助通U盘文件', extensions: ['jzb'] },
  pdf: { name: 'PDF 文件', extensions: ['pdf'] },
  txt: { name: '文本文件', extensions: ['txt'] },
};
const titles = { xlsx: '保存Excel文件', jzb: '保存到U盘', pdf: '保存为PDF', txt: '保存诊断信息' };

/** The file's type by its name; the IPC schema has already refused any other ending. */
const extensionOf = (name: string): keyof typeof filters =>
  name.endsWith('.pdf') ? 'pdf' : name.endsWith('.jzb') ? 'jzb' : name.endsWith('.txt') ? 'txt' : 'xlsx';

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

/** Why a write failed, in the contract's words, from Node's error code (the path stays out). */
export function writeFailureCode(error: unknown): IpcErrorCode {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'no_space';
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO' || code === 'EIO') return 'gone';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read_only';
  return 'failed';
}

/**
 * Saving an export and printing a form to PDF: the person chooses where in the system's save
 * dialog, so a page can never write to a path of its own choosing. Cancelling is not an error.
 */
export function createFileExportHandlers(deps: FileExportDeps) {
  async function saveWithDialog(suggestedName: string, data: () => Promise<Uint8Array>): Promise<IpcResult<SavedFile>> {
    const extension = extensionOf(suggestedName);
    const choice = await deps.dialog.showSaveDialog({
      title: titles[extension],
      defaultPath: path.join(deps.defaultDir(), suggestedName),
      filters: [filters[extension]],
    });
    if (choice.canceled || !choice.filePath) return ok({ saved: false });
    // The dialog may drop the extension the filter shows; a file without it would not open by double-click.
    const filePath = choice.filePath.toLowerCase().endsWith(`.${extension}`) ? choice.filePath : `${choice.filePath}.${extension}`;
    try {
      await deps.writeFile(filePath, await data());
    } catch (error) {
      deps.log?.(`[files] could not write the ${extension} file: ${error instanceof Error ? error.name : typeof error}`);
      return { ok: false, error: { code: writeFailureCode(error), message: 'The file could not be written there.' } };
    }
    return ok({ saved: true, fileName: path.basename(filePath) });
  }

  return {
    saveFile: ({ suggestedName, base64 }: { suggestedName: string; base64: string }) =>
      saveWithDialog(suggestedName, async () => Buffer.from(base64, 'base64')),

    printToPdf: async ({ suggestedName }: { suggestedName: string }, sender: PdfSourceLike | undefined): Promise<IpcResult<SavedFile>> => {
      if (!sender) return { ok: false, error: { code: 'unavailable', message: 'No page to print.' } };
      // Rendered before the dialog opens, so what is saved is what was on screen when 打印 was clicked.
      const pdf = await sender.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      return saveWithDialog(suggestedName, async () => pdf);
    },
  };
}

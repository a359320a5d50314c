import { useCallback } from 'react';
import { exportUnsent, importBundle } from '../core/sync/bundles';
import { exportToUsb, importFromUsb, type UsbExportProgress, type UsbImportStep } from '../core/sync/usbTransfer';
import { useWorkspace } from './AppDataProvider';

/** 导出未上传的数据 and 导入U盘文件 for the signed-in user (core/sync/bundles.ts, core/sync/usbTransfer.ts). */
export function useBundles() {
  const workspace = useWorkspace();
  return {
    canExport: workspace.bundleKeys !== null,
    exportUnsent: useCallback(() => exportUnsent(workspace), [workspace]),
    importBundle: useCallback((file: unknown) => importBundle(workspace, file), [workspace]),
    /** Reads, seals and offers the file, telling each step; throws UsbExportError naming the step that failed. */
    exportToUsb: useCallback((onProgress: (progress: UsbExportProgress) => void) => exportToUsb(workspace, onProgress), [workspace]),
    /** Reads the chosen file and has the server import it, telling each step; throws UsbImportError. */
    importFromUsb: useCallback(
      (file: { text(): Promise<string> }, onProgress: (step: UsbImportStep) => void) => importFromUsb(workspace, file, onProgress),
      [workspace],
    ),
  };
}

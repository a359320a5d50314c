import { useCallback } from 'react';
import { exportUnsent, importBundle } from '../core/sync/bundles';
import { useWorkspace } from './AppDataProvider';

/** 导出未上传的数据 and 导入U盘文件 for the signed-in user (core/sync/bundles.ts). */
export function useBundles() {
  const workspace = useWorkspace();
  return {
    canExport: workspace.bundleKeys !== null,
    exportUnsent: useCallback(() => exportUnsent(workspace), [workspace]),
    importBundle: useCallback((file: unknown) => importBundle(workspace, file), [workspace]),
  };
}

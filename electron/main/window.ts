import type { BrowserWindowConstructorOptions, MessageBoxSyncOptions } from 'electron';
import { secureWebPreferences } from './security';

export const APP_TITLE = '救助通';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: APP_TITLE,
    // Shown on 'ready-to-show', so workers never see a white flash on slow township PCs.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/**
 * Asked when a page with an unsaved form is closed or reloaded (its beforeunload): Electron would
 * otherwise keep the window open without a word. Button 0 leaves; the draft stays either way.
 */
export const unsavedFormQuestion: MessageBoxSyncOptions = {
  type: 'question',
  title: APP_TITLE,
  message: '还有表格没有保存，确定关闭吗？',
  detail: '已填写的内容会作为草稿留在本机，下次打开这张表时可以继续填写。',
  buttons: ['关闭', '留下继续填写'],
  defaultId: 1,
  cancelId: 1,
};

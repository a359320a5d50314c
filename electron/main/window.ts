import type { BrowserWindowConstructorOptions } from 'electron';
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

import { browserPlatform } from './browser';
import { desktopPlatform } from './desktop';
import type { Platform } from './platform';

export { SaveFailedError, type Platform } from './platform';

let chosen: Platform | null = null;

/**
 * The platform the app runs on, chosen once at start: the desktop host when the preload put
 * `window.jiuzhu` there, a plain browser otherwise (Node tests: a browser without a window).
 */
export function platform(): Platform {
  chosen ??= typeof window !== 'undefined' && window.jiuzhu ? desktopPlatform(window.jiuzhu) : browserPlatform();
  return chosen;
}

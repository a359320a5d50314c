/**
 * In a plain browser, registers the service worker that keeps the app's files for offline
 * reloads. Not in Electron (app:// is local already) and not in the Vite dev server.
 */
export function registerOfflineShell(): void {
  if (!('serviceWorker' in navigator) || !location.protocol.startsWith('http') || import.meta.env.DEV) return;
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {
    // Without it the app still works online; offline reloads are what is lost.
  });
}

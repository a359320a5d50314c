import { platform } from '../platform';
import { appLog } from './appLog';

/**
 * In the desktop app, the app's log goes on to the host's rotating log file as well
 * (electron/main/laptopLog.ts), so a helpdesk can see what happened on a laptop after a restart;
 * in a browser there is no file and nothing changes. The last lines go out when the window closes.
 */
export function forwardAppLogToHost(target: Pick<Window, 'addEventListener'>): void {
  const host = platform().hostLog;
  if (!host) return;
  appLog.forwardTo((entries) => host.appendLog(entries));
  target.addEventListener('pagehide', () => void appLog.flush());
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/antd.css';
import { App } from './App';
import { AppDataProvider, forwardAppLogToHost, recordAppEvent, watchUncaughtErrors } from './data';
import { initI18n } from './i18n';
import { registerOfflineShell } from './offlineShell';
import { AppErrorBoundary } from './ui/shell/AppErrorBoundary';

registerOfflineShell();
watchUncaughtErrors(window);
forwardAppLogToHost(window);
recordAppEvent('start', `started at ${location.protocol}`);
await initI18n();
const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
createRoot(container).render(
  <StrictMode>
    {/* The last stop, should the data layer itself fail to draw; App has its own inside it. */}
    <AppErrorBoundary>
      <AppDataProvider>
        <App />
      </AppDataProvider>
    </AppErrorBoundary>
  </StrictMode>,
);

import type { ReactNode } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorScreen } from './ErrorScreen';

/** Around the whole app: the last stop before a blank window. */
export function AppErrorBoundary({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary where="app" fallback={(caught) => <ErrorScreen where="app" {...caught} />}>
      {children}
    </ErrorBoundary>
  );
}

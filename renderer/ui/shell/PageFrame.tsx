import { Suspense, useEffect, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { pagePattern, recordAppEvent } from '../../data';
import { PageState } from '../PageState';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorScreen } from './ErrorScreen';

/**
 * Around each page, inside the layout: its code loads on first visit (the routes are lazy) with
 * the menu already there, and an error while drawing it stays in it — the menu works, and going
 * to another page (another address) clears the error. The app log notes each page visited.
 */
export function PageFrame({ children }: { children: ReactNode }) {
  const { pathname, search } = useLocation();
  useEffect(() => recordAppEvent('page', pagePattern(pathname)), [pathname]);
  return (
    <ErrorBoundary where="page" resetKey={`${pathname}${search}`} fallback={(caught) => <ErrorScreen where="page" {...caught} />}>
      <Suspense fallback={<PageState kind="loading" />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

import { Component, type ErrorInfo, type ReactNode } from 'react';
import { recordAppEvent } from '../../data';

export interface CaughtRender {
  error: unknown;
  componentStack: string | null;
}

export interface ErrorBoundaryProps {
  children: ReactNode;
  /** What to show instead of the children once they failed to draw. */
  fallback: (caught: CaughtRender) => ReactNode;
  /** A change of this value (the page's address) tries the children again. */
  resetKey?: string;
  /** Written into the app log with the error: 'page' or 'app'. */
  where: string;
}

interface State {
  caught: CaughtRender | null;
  /** `resetKey` when the error happened: moving away from it clears the error. */
  caughtAt: string | undefined;
}

/**
 * React's error boundary (a class: hooks cannot catch a child's render error). A failed child
 * is replaced by `fallback`; what is around the boundary (the menu, the data layer, the sync)
 * keeps running.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { caught: null, caughtAt: undefined };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { caught: { error, componentStack: null }, caughtAt: undefined };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: State): Partial<State> | null {
    if (!state.caught) return null;
    // Just caught: remember where. Later, at another address: draw the children again.
    if (state.caughtAt === undefined) return { caughtAt: props.resetKey ?? '' };
    if (state.caughtAt !== (props.resetKey ?? '')) return { caught: null, caughtAt: undefined };
    return null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const described = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
    recordAppEvent('error', `${this.props.where} failed to draw: ${described}`);
    this.setState((state) => (state.caught ? { caught: { error: state.caught.error, componentStack: info.componentStack ?? null } } : null));
  }

  override render(): ReactNode {
    return this.state.caught ? this.props.fallback(this.state.caught) : this.props.children;
  }
}

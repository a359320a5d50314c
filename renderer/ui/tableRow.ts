import type { HTMLAttributes } from 'react';

/** Row props for an antd Table's `onRow`, with a `data-testid` (which HTMLAttributes does not declare). */
export function rowProps(testId: string, props: HTMLAttributes<HTMLElement> = {}): HTMLAttributes<HTMLElement> {
  const withTestId: HTMLAttributes<HTMLElement> & { 'data-testid': string } = { ...props, 'data-testid': testId };
  return withTestId;
}

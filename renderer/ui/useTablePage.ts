import { useMemo, useState } from 'react';

export const TABLE_PAGE_SIZE = 20;

export interface TablePage<T> {
  /** The rows on the page shown: the only ones whose households a list needs to read. */
  rows: T[];
  pagination: { current: number; pageSize: number; onChange: (page: number) => void };
}

/**
 * The page a list table shows, held by the list page rather than by the table, so that the page
 * can read (and decrypt) the households of those 20 rows only. Back to page 1 when `resetKey`
 * changes (a new filter or tab); a list that shrank below the page shows its last page.
 */
export function useTablePage<T>(rows: readonly T[], resetKey: string): TablePage<T> {
  const [held, setHeld] = useState({ key: resetKey, page: 1 });
  const page = held.key === resetKey ? held.page : 1;
  const last = Math.max(1, Math.ceil(rows.length / TABLE_PAGE_SIZE));
  const current = Math.min(page, last);
  const pageRows = useMemo(() => rows.slice((current - 1) * TABLE_PAGE_SIZE, current * TABLE_PAGE_SIZE), [rows, current]);
  return {
    rows: pageRows,
    pagination: { current, pageSize: TABLE_PAGE_SIZE, onChange: (next) => setHeld({ key: resetKey, page: next }) },
  };
}

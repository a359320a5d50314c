/** The shape every export builds before any spreadsheet library sees it: pure data, unit-tested. */

/** The lists that can be exported (导出Excel), one sheet each (roster: 保障金花名册). */
export const exportKinds = ['households', 'applications', 'visits', 'careNeeds', 'roster'] as const;
export type ExportKind = (typeof exportKinds)[number];

export type Cell = string | number | null;

export interface ExportColumn {
  /** Stable key, for tests and for code that looks a column up. */
  key: string;
  /** The Chinese header printed in the sheet's first row. */
  header: string;
  /** Width in characters; CJK characters count about two. */
  width: number;
}

export interface ExportSheet {
  kind: ExportKind;
  /** The worksheet's tab name (at most 31 characters, Excel's limit). */
  title: string;
  columns: readonly ExportColumn[];
  rows: Cell[][];
}

/** A row object keyed by column key, turned into cells in the columns' order. */
export function cellsOf(columns: readonly ExportColumn[], values: Record<string, Cell | undefined>): Cell[] {
  return columns.map((column) => values[column.key] ?? null);
}

/** File name of an export: 救助通-家庭花名册-2026-11-29.xlsx. */
export function exportFileName(sheet: Pick<ExportSheet, 'title'>, today: string): string {
  return `救助通-${sheet.title}-${today}.xlsx`;
}

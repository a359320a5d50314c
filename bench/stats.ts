/** Figures, their targets, and the small statistics the bench needs. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target: number;
  better: 'lower' | 'higher';
  /** How it was measured (where, how many). */
  note: string;
}

export type Log = (line: string) => void;

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export const met = (f: Pick<Figure, 'value' | 'target' | 'better'>) =>
  Number.isFinite(f.value) && (f.better === 'lower' ? f.value <= f.target : f.value >= f.target);

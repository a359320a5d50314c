/**
 * How big a bench run is: `full` (the figures, judged against their targets), `quick` (smaller,
 * judged, for development) or `smoke` (`--smoke`: every figure computed on tiny data in about a
 * minute, targets not judged — CI runs it so the bench itself never rots). Every phase gets the
 * size; `quick` is also true in a smoke run, so a figure that only knows `quick` still shrinks.
 */
export type BenchSize = 'full' | 'quick' | 'smoke';

export interface SizedOptions {
  quick: boolean;
  size: BenchSize;
}

export const BENCH_SIZES: readonly BenchSize[] = ['full', 'quick', 'smoke'];

export function sizedOptions(size: BenchSize): SizedOptions {
  return { quick: size !== 'full', size };
}

/** The value for this run's size: `bySize(options, 30000, 3000, 300)`. */
export function bySize<T>(options: Pick<SizedOptions, 'size'>, full: T, quick: T, smoke: T): T {
  return options.size === 'full' ? full : options.size === 'quick' ? quick : smoke;
}

/**
 * Retry delays for a link that comes and goes: doubling from `baseMs` to `maxMs`, each with
 * ±50% jitter so that a township's laptops coming back online together do not retry in step.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly baseMs = 2_000,
    private readonly maxMs = 120_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next try, after one more failure. */
  fail(): number {
    this.failures += 1;
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** (this.failures - 1));
    return Math.round(ceiling * (0.5 + this.random()));
  }

  reset(): number {
    this.failures = 0;
    return this.baseMs;
  }
}

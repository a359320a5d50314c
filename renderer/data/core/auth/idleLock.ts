import { BehaviorSubject } from 'rxjs';

/** What counts as someone at the keyboard. */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the app after a stretch without keyboard or mouse, so a laptop left open in a
 * courtyard shows no household's data to the next passer-by. Checked every few seconds
 * against the clock, so a laptop waking from sleep locks at once.
 */
export class IdleLock {
  readonly locked$ = new BehaviorSubject(false);
  private lastActivity: number;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly onActivity = () => {
    if (!this.locked$.value) this.lastActivity = this.now();
  };

  constructor(
    private readonly events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
    private timeoutMs: number,
    private readonly now: () => number = Date.now,
    checkEveryMs = 5_000,
  ) {
    this.lastActivity = now();
    for (const type of ACTIVITY_EVENTS) events.addEventListener(type, this.onActivity, { passive: true } as AddEventListenerOptions);
    this.timer = setInterval(() => this.check(), checkEveryMs);
  }

  check(): void {
    if (!this.locked$.value && this.now() - this.lastActivity >= this.timeoutMs) this.locked$.next(true);
  }

  /** A new idle time (the county changed it, told at a token refresh); counts from the last activity. */
  setTimeoutMs(timeoutMs: number): void {
    this.timeoutMs = timeoutMs;
  }

  lockNow(): void {
    this.locked$.next(true);
  }

  unlocked(): void {
    this.lastActivity = this.now();
    this.locked$.next(false);
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const type of ACTIVITY_EVENTS) this.events.removeEventListener(type, this.onActivity);
  }
}

import { BehaviorSubject, type Observable } from 'rxjs';
import { APP_VERSION_HEADER, versionParts } from '../../../shared/wire/appVersion';
import type { SyncHttpError } from './httpErrors';

/**
 * The app's version, set by the build (vite `define`); 'dev' under tests and the dev server. Plain
 * Node (the bench's tsx phases) has no `import.meta.env` at all.
 */
export const APP_VERSION: string = (import.meta.env as ImportMetaEnv | undefined)?.JIUZHU_VERSION ?? 'dev';

/** The header every request of a built app carries (none from a dev build: it has no version to compare). */
export function appVersionHeaders(version: string = APP_VERSION): Record<string, string> {
  return versionParts(version) ? { [APP_VERSION_HEADER]: version } : {};
}

/**
 * This app's version as one workspace's requests send it, and the server's refusal of it
 * (`426 app_too_old`). Once refused, no request leaves the laptop — the same refusal is thrown at
 * once — so the replications' retries stop knocking at the server, and the records wait in the
 * local database until the app is updated (a new start, a new version) or 立即同步 asks again.
 */
export class AppVersionGate {
  private readonly refused = new BehaviorSubject<SyncHttpError | null>(null);
  /** The version the server asked for, while it refuses this app; null otherwise. */
  readonly requiredVersion$: Observable<string | null>;

  constructor(readonly version: string = APP_VERSION) {
    this.requiredVersion$ = new BehaviorSubject<string | null>(null);
    this.refused.subscribe((error) => (this.requiredVersion$ as BehaviorSubject<string | null>).next(error?.minVersion ?? null));
  }

  headers(): Record<string, string> {
    return appVersionHeaders(this.version);
  }

  /** Throws the server's refusal instead of sending, while it stands. */
  check(): void {
    const error = this.refused.value;
    if (error) throw error;
  }

  /** Told of every failed answer: an `app_too_old` one closes the gate. */
  noteFailure(error: SyncHttpError): void {
    if (error.kind === 'tooOld') this.refused.next(error);
  }

  /** 立即同步: ask the server once more (the county may have lowered its minimum). */
  askAgain(): void {
    if (this.refused.value) this.refused.next(null);
  }
}

/**
 * What the server counts for Prometheus (sync-protocol.md: `GET /metrics`): requests and their
 * time, documents pushed and pulled, conflicts, open streams, upload bytes, sign-in failures, and
 * how far behind each area's laptops are. One registry per server instance (tests run several in
 * one process). Labels carry routes, collections and area codes only — never a person's data.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { naturalAreaCode } from '../../shared/areas';

/** A township's code (9 digits) for a caller's area; shorter scopes (county, city) stay as they are. */
const townshipOf = (areaCode: string): string => naturalAreaCode(areaCode).slice(0, 9);
const countyOf = (areaCode: string): string => naturalAreaCode(areaCode).slice(0, 6);

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'jiuzhu_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly requestSeconds = new Histogram({
    name: 'jiuzhu_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly pushedDocuments = new Counter({
    name: 'jiuzhu_push_documents_total',
    help: 'Documents laptops pushed, by collection (stored or answered with a conflict)',
    labelNames: ['collection'] as const,
    registers: [this.registry],
  });
  private readonly conflicts = new Counter({
    name: 'jiuzhu_push_conflicts_total',
    help: 'Pushed documents answered with a conflict (the server held a newer version), by collection',
    labelNames: ['collection'] as const,
    registers: [this.registry],
  });
  private readonly pulledDocuments = new Counter({
    name: 'jiuzhu_pull_documents_total',
    help: 'Documents sent to laptops, by collection and channel (pull or stream)',
    labelNames: ['collection', 'via'] as const,
    registers: [this.registry],
  });
  private readonly streams = new Gauge({
    name: 'jiuzhu_open_streams',
    help: 'Live change streams open on this process',
    registers: [this.registry],
  });
  private readonly uploadBytes = new Counter({
    name: 'jiuzhu_upload_bytes_total',
    help: 'Attachment bytes received through tus uploads',
    registers: [this.registry],
  });
  private readonly loginFailures = new Counter({
    name: 'jiuzhu_login_failures_total',
    help: 'Sign-in attempts refused, by reason (wrong password, unknown user, inactive user, too many attempts)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly pushLag = new Histogram({
    name: 'jiuzhu_push_lag_seconds',
    help: 'How long a change waited on its laptop before it reached the server (its updatedAt, by the laptop clock, to arrival), by county',
    labelNames: ['county'] as const,
    buckets: [10, 60, 300, 1800, 3600, 4 * 3600, 12 * 3600, 86_400, 3 * 86_400, 7 * 86_400, 30 * 86_400],
    registers: [this.registry],
  });
  private readonly lastPushAt = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {
    const lastPushAt = this.lastPushAt;
    const clock = this.now;
    new Gauge({
      name: 'jiuzhu_last_push_age_seconds',
      help: 'Seconds since this process last received a push from an area (a township, or the scope of a county or city user)',
      labelNames: ['area'] as const,
      registers: [this.registry],
      collect() {
        for (const [area, at] of lastPushAt) this.set({ area }, Math.max(0, (clock() - at) / 1000));
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'jiuzhu_' });
  }

  requestAnswered(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.requestSeconds.observe({ method, route }, seconds);
  }

  /** A push: how many documents, how many conflicted, and when each was last changed on the laptop. */
  pushed(collection: string, callerArea: string, updatedAts: readonly number[], conflicts: number): void {
    const now = this.now();
    this.pushedDocuments.inc({ collection }, updatedAts.length);
    if (conflicts > 0) this.conflicts.inc({ collection }, conflicts);
    this.lastPushAt.set(townshipOf(callerArea), now);
    const county = countyOf(callerArea);
    for (const at of updatedAts) if (Number.isFinite(at) && at <= now) this.pushLag.observe({ county }, (now - at) / 1000);
  }

  sent(collection: string, via: 'pull' | 'stream', count: number): void {
    if (count > 0) this.pulledDocuments.inc({ collection, via }, count);
  }

  streamOpened(): void {
    this.streams.inc();
  }

  streamClosed(): void {
    this.streams.dec();
  }

  uploaded(bytes: number): void {
    if (Number.isFinite(bytes) && bytes > 0) this.uploadBytes.inc(bytes);
  }

  loginFailed(reason: string): void {
    this.loginFailures.inc({ reason });
  }
}

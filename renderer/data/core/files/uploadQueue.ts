import { BehaviorSubject, combineLatest, distinctUntilChanged, type Observable, type Subscription } from 'rxjs';
import { Upload, type DetailedError } from 'tus-js-client';
import { FILES_PATH, UPLOAD_METADATA } from '../../../../shared/files/limits';
import type { JiuzhuDatabase } from '../database';
import { Backoff } from '../sync/backoff';
import type { KeyValueStore } from '../keyValueStore';
import type { PendingChanges } from '../sync/pendingChanges';
import { readFileBytes, type AttachmentFile } from './fileStore';
import type { FileClient } from './fileClient';
import { tusInput } from './tusInput';
import { TusUrlStorage } from './tusUrlStorage';

/** 等待上传 / 正在上传 / 上传失败，将自动重试 — what the screen shows for a file not yet on the server. */
export type UploadPhase = 'waiting' | 'uploading' | 'failed';

export interface UploadProgress {
  sha256: string;
  size: number;
  areaCode: string;
  phase: UploadPhase;
  /** 0–100 of the bytes the server has confirmed. */
  percent: number;
}

export interface UploadQueueDeps {
  db: JiuzhuDatabase;
  files: FileClient;
  pending: PendingChanges;
  store: KeyValueStore;
  userId: string;
  deviceId: string;
  /** True while the app believes it can reach the server. */
  online$: Observable<boolean>;
}

/** Where unfinished uploads of this user are remembered (removed with the user's local data). */
export const tusStorageKeyOf = (userId: string) => `jiuzhu:tus:${userId}`;

/**
 * Small enough that a cut link loses little (each PATCH the server confirms is kept), large
 * enough that a photo of a few hundred KB goes in two or three requests.
 */
const CHUNK_BYTES = 256 * 1024;

/**
 * Sends the bytes of every attachment the server may not have yet, one file at a time (a
 * village's link is slow): HEAD first (already there → nothing sent), else a tus upload named by
 * its SHA-256 that resumes from the server's offset after a cut, a reload or a restart. A file
 * waits until its description (the `attachments` record) has been pushed, because the server
 * serves the bytes by that record's scope. Failures retry with growing, jittered delays.
 */
export class AttachmentUploadQueue {
  readonly progress$ = new BehaviorSubject<ReadonlyMap<string, UploadProgress>>(new Map());
  private readonly urlStorage: TusUrlStorage;
  private readonly backoff = new Backoff(2_000, 120_000);
  private readonly subscriptions: Subscription[] = [];
  private waiting: AttachmentFile[] = [];
  private online = false;
  private running = false;
  private again = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private current: Upload | null = null;

  constructor(private readonly deps: UploadQueueDeps) {
    this.urlStorage = new TusUrlStorage(deps.store, tusStorageKeyOf(deps.userId));
  }

  /** HEAD and GET of stored bytes, with this user's token. */
  get files(): FileClient {
    return this.deps.files;
  }

  start(): void {
    const { db, pending } = this.deps;
    this.subscriptions.push(
      combineLatest([
        db.attachmentFiles.find({ selector: { uploaded: false } }).$,
        pending.count$,
        this.deps.online$.pipe(distinctUntilChanged()),
      ]).subscribe(([files, , online]) => {
        this.waiting = files.map((doc) => doc.toJSON() as AttachmentFile);
        this.online = online;
        this.publish();
        this.kick();
      }),
    );
  }

  /** Try now (the network may be back); cancels a pending retry delay. */
  kick(): void {
    if (this.stopped) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.subscriptions.forEach((s) => s.unsubscribe());
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.current?.abort().catch(() => undefined);
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        if (!this.online) break;
        for (const file of await this.ready()) {
          if (this.stopped) return;
          try {
            await this.send(file);
            this.backoff.reset();
          } catch {
            this.patch(file.sha256, { phase: 'failed' });
            this.retryTimer = setTimeout(() => this.kick(), this.backoff.fail());
            return;
          }
        }
      } while (this.again && !this.stopped);
    } finally {
      this.running = false;
    }
  }

  /** Waiting files whose description the server already has. */
  private async ready(): Promise<AttachmentFile[]> {
    const notPushed = new Set(this.deps.pending.idsOf('attachments'));
    const ready: AttachmentFile[] = [];
    for (const file of this.waiting) {
      const described = await this.deps.db.attachments.find({ selector: { sha256: file.sha256 } }).exec();
      if (described.some((doc) => !notPushed.has(doc.id))) ready.push(file);
    }
    return ready;
  }

  private async send(file: AttachmentFile): Promise<void> {
    const { db, files } = this.deps;
    if (!(await files.has(file.sha256))) {
      const bytes = await readFileBytes(db.attachmentFiles, file.sha256);
      if (!bytes) throw new Error('attachment bytes missing on this laptop');
      this.patch(file.sha256, { phase: 'uploading' });
      await this.upload(file, bytes);
    }
    const doc = await db.attachmentFiles.findOne(file.sha256).exec();
    await doc?.incrementalPatch({ uploaded: true });
  }

  private upload(file: AttachmentFile, bytes: Uint8Array): Promise<void> {
    const { files, userId, deviceId } = this.deps;
    return new Promise<void>((resolve, reject) => {
      const upload = new Upload(tusInput(bytes, file.contentType), {
        endpoint: `${files.serverUrl}${FILES_PATH}`,
        uploadSize: bytes.byteLength,
        chunkSize: CHUNK_BYTES,
        retryDelays: [0, 1_000, 3_000, 5_000],
        metadata: {
          [UPLOAD_METADATA.sha256]: file.sha256,
          [UPLOAD_METADATA.contentType]: file.contentType,
          [UPLOAD_METADATA.areaCode]: file.areaCode,
        },
        // Same file, same person, same laptop: the same unfinished upload to go on with.
        fingerprint: async () => `jiuzhu-${userId}-${deviceId}-${file.sha256}`,
        urlStorage: this.urlStorage,
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        onBeforeRequest: async (request) => {
          // The app's version, as on every request; none at all once the server refused it.
          files.version.check();
          for (const [name, value] of Object.entries(files.version.headers())) request.setHeader(name, value);
          request.setHeader('Authorization', `Bearer ${await files.tokens.token()}`);
        },
        onShouldRetry: (error: DetailedError, attempt: number) => {
          const status = error.originalResponse?.getStatus() ?? 0;
          if (status === 401) {
            files.tokens.invalidate();
            return attempt < 1;
          }
          // 409 (offset moved) and 423 (locked) clear up on their own; other refusals do not.
          return status === 0 || status >= 500 || status === 409 || status === 423;
        },
        onProgress: (sent, total) => this.patch(file.sha256, { phase: 'uploading', percent: Math.floor((sent * 100) / Math.max(total, 1)) }),
        onSuccess: () => resolve(),
        onError: (error) => reject(error),
      });
      this.current = upload;
      upload
        .findPreviousUploads()
        .then((previous) => {
          if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
          if (this.stopped) return reject(new Error('stopped'));
          upload.start();
        })
        .catch(reject);
    });
  }

  private readonly live = new Map<string, Partial<UploadProgress>>();

  private patch(sha256: string, change: Partial<UploadProgress>): void {
    this.live.set(sha256, { ...this.live.get(sha256), ...change });
    this.publish();
  }

  private publish(): void {
    const next = new Map<string, UploadProgress>();
    for (const file of this.waiting) {
      next.set(file.sha256, { sha256: file.sha256, size: file.size, areaCode: file.areaCode, phase: 'waiting', percent: 0, ...this.live.get(file.sha256) });
    }
    for (const sha of this.live.keys()) if (!next.has(sha)) this.live.delete(sha);
    this.progress$.next(next);
  }
}

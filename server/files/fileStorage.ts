import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/server';

/**
 * Where attachment bytes live: unfinished tus uploads (one per device, area and hash) and the
 * finished blobs, each named `sha256/HEX`. Disk by default, S3-compatible by configuration.
 */
export interface FileStorage {
  readonly kind: 'disk' | 's3';
  /** The tus data store holding unfinished uploads. */
  readonly uploads: DataStore;
  /** Whether an unfinished (or finished but not yet kept) upload with this id exists. */
  hasUpload(uploadId: string): Promise<boolean>;
  /** The bytes of a finished upload, to hash them before keeping them. */
  readUpload(uploadId: string): Promise<Readable>;
  /** Drops an upload and its bytes (refused, or a copy of a blob already kept). */
  discardUpload(uploadId: string): Promise<void>;
  /** Moves a finished upload's bytes to `sha256/HEX`; the upload is gone afterwards. */
  keepUpload(uploadId: string, sha256: string): Promise<void>;
  hasBlob(sha256: string): Promise<boolean>;
  readBlob(sha256: string): Promise<Readable>;
  /**
   * Drops unfinished uploads begun before `before` (a laptop that never came back); returns how
   * many. A client coming back later just starts that file again. Absent where the storage
   * expires them itself (an S3 bucket's lifecycle rule).
   */
  sweepUnfinished?(before: Date): Promise<number>;
}

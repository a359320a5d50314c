import type { Readable } from 'node:stream';
import { S3Store } from '@tus/s3-store';
import { isSha256Hex } from '../../shared/files/limits';
import type { FilesConfig } from './filesConfig';
import type { FileStorage } from './fileStorage';

type S3Config = Extract<FilesConfig, { kind: 's3' }>;

const isNotFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/** tus's S3 store, lent the few object calls that keeping a blob needs (its client is protected). */
class BlobS3Store extends S3Store {
  constructor(private readonly config: S3Config) {
    super({
      s3ClientConfig: {
        bucket: config.bucket,
        endpoint: config.endpoint,
        region: config.region,
        credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
        // Self-hosted S3-compatible servers (MinIO and the like) name the bucket in the path.
        forcePathStyle: true,
        // Newer AWS SDKs frame bodies with trailing checksums (aws-chunked) that many
        // S3-compatible servers store verbatim; our own SHA-256 check covers integrity.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      },
      // Tags on objects are an AWS feature many compatible servers lack.
      useTags: false,
    });
  }

  async objectExists(key: string): Promise<boolean> {
    try {
      await this.client.headObject({ Bucket: this.config.bucket, Key: key });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async readObject(key: string): Promise<Readable> {
    const answer = await this.client.getObject({ Bucket: this.config.bucket, Key: key });
    return answer.Body as Readable;
  }

  /** Copies a finished upload to its blob name, then drops the upload and its `.info`. */
  async keep(uploadId: string, blobKey: string): Promise<void> {
    await this.client.copyObject({
      Bucket: this.config.bucket,
      Key: blobKey,
      CopySource: `${this.config.bucket}/${encodeURIComponent(uploadId)}`,
    });
    await this.client.deleteObjects({
      Bucket: this.config.bucket,
      Delete: { Objects: [{ Key: uploadId }, { Key: this.infoKey(uploadId) }] },
    });
    await this.clearCache(uploadId);
  }
}

/** Attachments in an S3-compatible bucket: uploads under their ids, blobs under `sha256/HEX`. */
export function s3Storage(config: S3Config): FileStorage {
  const uploads = new BlobS3Store(config);
  const blobKey = (sha256: string) => {
    if (!isSha256Hex(sha256)) throw new Error('not a sha256 hex digest');
    return `sha256/${sha256}`;
  };
  return {
    kind: 's3',
    uploads,
    async hasUpload(uploadId) {
      try {
        await uploads.getUpload(uploadId);
        return true;
      } catch {
        return false;
      }
    },
    readUpload: (uploadId) => uploads.read(uploadId) as Promise<Readable>,
    async discardUpload(uploadId) {
      await uploads.remove(uploadId).catch(() => undefined);
    },
    keepUpload: (uploadId, sha256) => uploads.keep(uploadId, blobKey(sha256)),
    hasBlob: (sha256) => uploads.objectExists(blobKey(sha256)),
    readBlob: (sha256) => uploads.readObject(blobKey(sha256)),
  };
}

/** Helpers for the attachment tests: real tus-js-client uploads in Node, and raw tus requests. */
import { createHash, randomBytes } from 'node:crypto';
import { Upload, type DetailedError } from 'tus-js-client';
import { FILES_PATH, UPLOAD_METADATA, uploadUrlFor } from '../../shared/files/limits';
import type { Attachment } from '../../shared/schemas/attachment';
import { makeAttachment, makeHousehold, newRow } from '../support/documents';
import { api } from '../support/testServer';

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Random bytes that start like a JPEG, so the server's content check accepts them. */
export function fakeJpeg(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return bytes;
}

export function encodeMetadata(metadata: Record<string, string>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
}

export interface UploadResult {
  ok: boolean;
  status: number | null;
  body: string | null;
  /** How many PATCH requests carried bytes. */
  patches: number;
}

/**
 * Uploads `bytes` as the app does: tus-js-client with the deterministic upload URL (so it asks
 * HEAD first and resumes) and the creation endpoint, retrying after cuts.
 */
export function tusUpload(
  baseUrl: string,
  token: string,
  bytes: Buffer,
  meta: { areaCode: string; contentType?: string; sha256?: string },
  options: { retryDelays?: number[] } = {},
): Promise<UploadResult> {
  const sha256 = meta.sha256 ?? sha256Of(bytes);
  let patches = 0;
  return new Promise((resolve) => {
    const upload = new Upload(bytes, {
      endpoint: `${baseUrl}${FILES_PATH}`,
      uploadUrl: `${baseUrl}${uploadUrlFor(sha256, meta.areaCode)}`,
      headers: { authorization: `Bearer ${token}` },
      metadata: {
        [UPLOAD_METADATA.sha256]: sha256,
        [UPLOAD_METADATA.contentType]: meta.contentType ?? 'image/jpeg',
        [UPLOAD_METADATA.areaCode]: meta.areaCode,
      },
      retryDelays: options.retryDelays ?? [],
      storeFingerprintForResuming: false,
      onBeforeRequest: (req) => {
        if (req.getMethod() === 'PATCH') patches++;
      },
      onSuccess: () => resolve({ ok: true, status: null, body: null, patches }),
      onError: (error) => {
        const response = (error as DetailedError).originalResponse;
        resolve({ ok: false, status: response?.getStatus() ?? null, body: response?.getBody() ?? null, patches });
      },
    });
    upload.start();
  });
}

/** A bare tus creation request, to see the server's answer to headers a real client would not send. */
export async function createRequest(
  baseUrl: string,
  token: string | null,
  headers: { length: number | string; metadata: Record<string, string> },
): Promise<{ status: number; body: string; location: string | null }> {
  const response = await fetch(`${baseUrl}${FILES_PATH}`, {
    method: 'POST',
    headers: {
      'tus-resumable': '1.0.0',
      'upload-length': String(headers.length),
      'upload-metadata': encodeMetadata(headers.metadata),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  return { status: response.status, body: await response.text(), location: response.headers.get('location') };
}

export async function headBlob(baseUrl: string, token: string | null, sha256: string) {
  const response = await fetch(`${baseUrl}${FILES_PATH}sha256/${sha256}`, {
    method: 'HEAD',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, length: response.headers.get('content-length'), type: response.headers.get('content-type') };
}

export async function getBlob(baseUrl: string, token: string | null, sha256: string) {
  const response = await fetch(`${baseUrl}${FILES_PATH}sha256/${sha256}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes, type: response.headers.get('content-type') };
}

export async function headUpload(baseUrl: string, token: string, sha256: string, areaCode: string) {
  const response = await fetch(`${baseUrl}${uploadUrlFor(sha256, areaCode)}`, {
    method: 'HEAD',
    headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' },
  });
  return { status: response.status, offset: response.headers.get('upload-offset'), length: response.headers.get('upload-length') };
}

/**
 * What the app does before it sends a file: the record that owns it (a household's photo) is
 * pushed first. A file is read through such a record only (server/files/fileRecords.ts).
 */
export async function attachFileRecord(server: { url: string }, token: string, areaCode: string, bytes: Buffer): Promise<Attachment> {
  const household = makeHousehold(areaCode);
  const attachment = makeAttachment(household, 'households', { sha256: sha256Of(bytes), size: bytes.length });
  for (const [collection, doc] of [['households', household], ['attachments', attachment]] as const) {
    const answer = await api(server, token, 'POST', `/api/v1/sync/${collection}/push`, [newRow(doc)]);
    if (answer.status !== 200) throw new Error(`pushing the ${collection} record: ${answer.status}`);
  }
  return attachment;
}

import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import { mimeTypeOf } from './mimeTypes';
import { APP_HOST, APP_SCHEME } from './origins';
import { CONTENT_SECURITY_POLICY } from './security';

export type AppRequestResolution =
  | { kind: 'file'; path: string; mimeType: string }
  | { kind: 'refused'; status: 400 | 403 | 404 | 405 };

const refused = (status: 400 | 403 | 404 | 405): AppRequestResolution => ({ kind: 'refused', status });

/** `scheme://authority` at the start of a URL, before any normalisation by a URL parser. */
const AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
/** Separators and drive/stream markers that must never come out of a decoded segment. */
const FORBIDDEN_IN_SEGMENT = /[/\\\0:]/;

/**
 * Maps an `app://jiuzhu/...` URL to a file under `rootDir` (the built renderer).
 *
 * Chromium already folds `..` out of standard-scheme URLs, but this check does not rely on it:
 * the raw path is inspected before any URL parser sees it, each segment is decoded once and
 * refused if it could climb or switch directories, and the joined path must stay under root.
 * Paths without a file extension are client-side routes and get index.html.
 */
export function resolveAppRequest(rootDir: string, url: string): AppRequestResolution {
  if (url.includes('\0') || url.includes('\\')) return refused(403);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refused(400);
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) {
    return refused(404);
  }
  const authority = AUTHORITY.exec(url);
  if (!authority) return refused(400);
  const rawPath = url.slice(authority[0].length).replace(/[?#][\s\S]*$/, '');

  const segments: string[] = [];
  const rawSegments = rawPath.split('/').slice(1);
  for (const [index, raw] of rawSegments.entries()) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refused(400);
    }
    if (segment === '') {
      // Only a trailing slash may leave a segment empty; `//` would start an absolute path.
      if (index === rawSegments.length - 1) continue;
      return refused(403);
    }
    if (segment === '.' || segment === '..' || FORBIDDEN_IN_SEGMENT.test(segment)) {
      return refused(403);
    }
    segments.push(segment);
  }

  const root = path.resolve(rootDir);
  const target = path.resolve(root, ...segments);
  const relative = path.relative(root, target);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return refused(403);

  if (isFile(target)) return { kind: 'file', path: target, mimeType: mimeTypeOf(target) };
  const last = segments.at(-1);
  if (last !== undefined && path.extname(last) !== '') return refused(404);
  const index = path.join(root, 'index.html');
  return isFile(index) ? { kind: 'file', path: index, mimeType: mimeTypeOf(index) } : refused(404);
}

function isFile(filePath: string): boolean {
  try {
    return statSync(filePath).isFile();
  } catch {
    return false;
  }
}

/** The part of Electron's `protocol` this module uses. */
export interface AppProtocolHost {
  registerSchemesAsPrivileged(
    schemes: { scheme: string; privileges: Record<string, boolean> }[],
  ): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

/**
 * Must run before the app is ready. `standard` gives the scheme a real origin (IndexedDB,
 * relative URLs), `secure` makes it a secure context, `supportFetchAPI` lets fetch() reach it.
 */
export function registerAppScheme(protocol: Pick<AppProtocolHost, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // An update replaces the files in place; always revalidate rather than serve a stale bundle.
  'Cache-Control': 'no-cache',
};

export function registerAppProtocol(
  protocol: Pick<AppProtocolHost, 'handle'>,
  rootDir: string,
  read: (filePath: string) => Promise<Uint8Array> = readFile,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: BASE_HEADERS });
    }
    const resolution = resolveAppRequest(rootDir, request.url);
    if (resolution.kind === 'refused') {
      return new Response(null, { status: resolution.status, headers: BASE_HEADERS });
    }
    let body: Uint8Array;
    try {
      body = await read(resolution.path);
    } catch {
      return new Response(null, { status: 404, headers: BASE_HEADERS });
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: { ...BASE_HEADERS, 'Content-Type': resolution.mimeType },
    });
  });
}

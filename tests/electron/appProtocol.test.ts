import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  registerAppProtocol,
  registerAppScheme,
  resolveAppRequest,
  type AppProtocolHost,
} from '../../electron/main/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'jiuzhu-protocol-'));
  root = path.join(base, 'renderer');
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>救助通</title>',
    'assets/index-3f2a.js': 'console.log(1)',
    'assets/index-3f2a.css': 'body{}',
    'assets/logo.svg': '<svg/>',
    'assets/font.woff2': 'wOF2',
    'assets/data.bin': '\u0001',
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  // Neighbours of the root that a traversal would aim at.
  writeFileSync(path.join(base, 'secret.txt'), 'secret');
  mkdirSync(path.join(base, 'renderer-evil'));
  writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppRequest', () => {
  it.each([
    ['app://jiuzhu/index.html', 'index.html'],
    ['app://jiuzhu/', 'index.html'],
    ['app://jiuzhu', 'index.html'],
    ['app://jiuzhu/index.html?x=1#top', 'index.html'],
  ])('serves %s from %s', (url, file) => {
    expect(resolveAppRequest(root, url)).toEqual({
      kind: 'file',
      path: path.join(root, file),
      mimeType: 'text/html; charset=utf-8',
    });
  });

  it.each([
    ['assets/index-3f2a.js', 'text/javascript; charset=utf-8'],
    ['assets/index-3f2a.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/data.bin', 'application/octet-stream'],
  ])('serves %s as %s', (file, mimeType) => {
    expect(resolveAppRequest(root, `app://jiuzhu/${file}`)).toEqual({
      kind: 'file',
      path: path.join(root, file),
      mimeType,
    });
  });

  it.each(['app://jiuzhu/login', 'app://jiuzhu/households/42/visits', 'app://jiuzhu/households/?page=2', 'app://jiuzhu/assets'])(
    'falls back to index.html for the client-side route %s',
    (url) => {
      const result = resolveAppRequest(root, url);
      expect(result).toEqual({ kind: 'file', path: path.join(root, 'index.html'), mimeType: 'text/html; charset=utf-8' });
    },
  );

  it('answers 404 for a missing file that has an extension', () => {
    expect(resolveAppRequest(root, 'app://jiuzhu/assets/missing-9a.js')).toEqual({ kind: 'refused', status: 404 });
  });

  it('answers 404 when the SPA has no index.html at all', () => {
    expect(resolveAppRequest(path.join(base, 'renderer-evil'), 'app://jiuzhu/login')).toEqual({
      kind: 'refused',
      status: 404,
    });
  });

  it.each([
    ['app://jiuzhu/../../etc/passwd', 403],
    ['app://jiuzhu/../secret.txt', 403],
    ['app://jiuzhu/assets/../../secret.txt', 403],
    ['app://jiuzhu/./index.html', 403],
    ['app://jiuzhu/%2e%2e/secret.txt', 403],
    ['app://jiuzhu/%2E%2E/secret.txt', 403],
    ['app://jiuzhu/.%2e/secret.txt', 403],
    ['app://jiuzhu/%2e%2e%2fsecret.txt', 403],
    ['app://jiuzhu/%2e%2e%2f%2e%2e%2fetc%2fpasswd', 403],
    ['app://jiuzhu/..%5csecret.txt', 403],
    ['app://jiuzhu/..%5c..%5cetc%5cpasswd', 403],
    ['app://jiuzhu/..\\secret.txt', 403],
    ['app://jiuzhu//etc/passwd', 403],
    ['app://jiuzhu/%2fetc%2fpasswd', 403],
    ['app://jiuzhu/C:/Windows/win.ini', 403],
    ['app://jiuzhu/C%3A%5CWindows%5Cwin.ini', 403],
    ['app://jiuzhu/index.html%00.png', 403],
    ['app://jiuzhu/index.html\u0000.png', 403],
    ['app://jiuzhu/index.html::$DATA', 403],
    ['app://jiuzhu/%E0%A4%A', 400],
    ['app://other/index.html', 404],
    ['app://jiuzhu.evil/index.html', 404],
    ['https://jiuzhu/index.html', 404],
    ['file:///etc/passwd', 404],
    ['file:///tmp/secret.txt', 404],
    ['not a url', 400],
  ])('refuses %s with %i', (url, status) => {
    expect(resolveAppRequest(root, url)).toEqual({ kind: 'refused', status });
  });

  it('never resolves outside the root, whatever a double-encoded or sibling path says', () => {
    for (const url of [
      'app://jiuzhu/%252e%252e/secret.txt',
      'app://jiuzhu/%252e%252e%252fsecret.txt',
      '../renderer-evil/x.js',
      'app://jiuzhu/../renderer-evil/x.js',
    ]) {
      const result = resolveAppRequest(root, url);
      if (result.kind === 'file') expect(result.path.startsWith(root + path.sep)).toBe(true);
    }
  });
});

describe('registerAppScheme', () => {
  it('declares app: as standard, secure and reachable by fetch', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => calls.push(schemes) });
    expect(calls).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
    ]);
  });
});

describe('registerAppProtocol', () => {
  function handlerFor(rootDir: string) {
    let registered: { scheme: string; handler: (request: Request) => Promise<Response> } | undefined;
    const protocol: Pick<AppProtocolHost, 'handle'> = {
      handle: (scheme, handler) => void (registered = { scheme, handler }),
    };
    registerAppProtocol(protocol, rootDir);
    if (!registered) throw new Error('nothing registered');
    return registered;
  }

  it('handles the app scheme and serves files with type and CSP headers', async () => {
    const { scheme, handler } = handlerFor(root);
    expect(scheme).toBe('app');
    const response = await handler(new Request('app://jiuzhu/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>救助通</title>');

    const script = await handler(new Request('app://jiuzhu/assets/index-3f2a.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers refusals with their status and no body', async () => {
    const { handler } = handlerFor(root);
    const response = await handler(new Request('app://jiuzhu/%2e%2e%2fsecret.txt'));
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('');
    expect((await handler(new Request('app://jiuzhu/assets/nope.js'))).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    const { handler } = handlerFor(root);
    expect((await handler(new Request('app://jiuzhu/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handler(new Request('app://jiuzhu/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

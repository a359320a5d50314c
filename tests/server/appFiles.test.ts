import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ResolvedConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressedCopies } from '../../renderer/vite.config';
import { startTestServer, type TestServer } from '../support/testServer';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

function get(url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/** Text like a built chunk: large enough to be compressed, different in each file. */
const chunkText = (name: string) => Array.from({ length: 2000 }, (_, i) => `export const ${name}${i} = ${i * 7};`).join('\n');

describe('the web app’s files, with the gzip copies the build writes', () => {
  let dir: string;
  let server: TestServer;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-app-files-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), `<!doctype html><title>救助通</title>${'<!-- padding -->'.repeat(100)}`);
    writeFileSync(path.join(dir, 'assets', 'index-abc.js'), chunkText('a'));
    writeFileSync(path.join(dir, 'assets', 'logo.png'), Buffer.alloc(4096, 7));
    // The build's own step, on this folder as vite leaves it.
    const plugin = precompressedCopies();
    (plugin.configResolved as (config: ResolvedConfig) => void)({ root: dir, build: { outDir: '.' } } as ResolvedConfig);
    (plugin.closeBundle as () => void)();
    // A file added after the build (no copy) is still served, compressed on the fly.
    writeFileSync(path.join(dir, 'assets', 'late-abc.js'), chunkText('late'));
    server = await startTestServer('pglite', { staticDir: dir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the build writes a gzip copy of each text file, and of nothing else', () => {
    expect(gunzipSync(readFileSync(path.join(dir, 'assets', 'index-abc.js.gz'))).toString()).toBe(chunkText('a'));
    expect(gunzipSync(readFileSync(path.join(dir, 'index.html.gz'))).toString()).toContain('<title>救助通</title>');
    expect(existsSync(path.join(dir, 'assets', 'logo.png.gz'))).toBe(false);
  });

  it('sends a built file’s gzip copy as it is to a browser that accepts gzip, and the file itself to one that does not', async () => {
    const gzipped = await get(`${server.url}/assets/index-abc.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toMatch(/javascript/);
    expect(gzipped.headers['vary']).toMatch(/accept-encoding/i);
    // The very bytes the build wrote: nothing was compressed again for this answer.
    expect(gzipped.bytes.equals(readFileSync(path.join(dir, 'assets', 'index-abc.js.gz')))).toBe(true);
    expect(gunzipSync(gzipped.bytes).toString()).toBe(chunkText('a'));

    const plain = await get(`${server.url}/assets/index-abc.js`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.toString()).toBe(chunkText('a'));
  });

  it('compresses a file without a copy on the fly, and opens the app at / and at a deep link', async () => {
    const late = await get(`${server.url}/assets/late-abc.js`, { 'accept-encoding': 'gzip' });
    expect(late.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(late.bytes).toString()).toBe(chunkText('late'));
    for (const address of ['/', '/households/42']) {
      const page = await get(`${server.url}${address}`, { 'accept-encoding': 'gzip' });
      expect(page.status).toBe(200);
      expect(gunzipSync(page.bytes).toString()).toContain('<title>救助通</title>');
    }
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CancellationToken } from 'builder-util-runtime';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeUpdateExecutor } from '../support/nodeUpdateExecutor';
import { startTestServer, type TestServer } from '../support/testServer';

const installer = randomBytes(300_000);
const sha512 = createHash('sha512').update(installer).digest('base64');

/** A feed as electron-builder writes it beside its installer. */
function feedFor(file: string): string {
  return [
    'version: 0.3.0',
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512}`,
    `    size: ${installer.length}`,
    `path: ${file}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T08:00:00.000Z'",
    '',
  ].join('\n');
}

function providerFor(server: TestServer, platform: 'win32' | 'linux'): GenericProvider {
  return new GenericProvider(
    { provider: 'generic', url: `${server.url}/updates/` },
    // What the provider reads of the updater: its channel (none) and whether to add a no-cache query.
    { channel: null, isAddNoCacheQuery: false } as unknown as ConstructorParameters<typeof GenericProvider>[1],
    // The provider only asks the executor for requests (`request`), which the Node one makes the same way.
    { executor: new NodeUpdateExecutor() as unknown as ConstructorParameters<typeof GenericProvider>[2]['executor'], platform, isUseMultipleRangeRequest: true },
  );
}

let dir: string;
let server: TestServer;
let bare: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-updates-'));
  writeFileSync(path.join(dir, 'jiuzhu-setup-0.3.0.exe'), installer);
  writeFileSync(path.join(dir, 'jiuzhu-0.3.0.AppImage'), installer);
  writeFileSync(path.join(dir, 'latest.yml'), feedFor('jiuzhu-setup-0.3.0.exe'));
  writeFileSync(path.join(dir, 'latest-linux.yml'), feedFor('jiuzhu-0.3.0.AppImage'));
  writeFileSync(path.join(dir, '.county-private-key.pem'), 'never served');
  server = await startTestServer('pglite', { server: { updatesDir: dir } });
  bare = await startTestServer('pglite', { server: { updatesDir: path.join(dir, 'no-such-folder') } });
});
afterAll(async () => {
  await server?.close();
  await bare?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the update feed at /updates/', () => {
  it("is accepted by electron-updater's own generic provider, for Windows and Linux, without signing in", async () => {
    for (const [platform, file] of [['win32', 'jiuzhu-setup-0.3.0.exe'], ['linux', 'jiuzhu-0.3.0.AppImage']] as const) {
      const provider = providerFor(server, platform);
      const info = await provider.getLatestVersion();
      expect(info.version).toBe('0.3.0');
      const [resolved] = provider.resolveFiles(info);
      expect(resolved!.url.href).toBe(`${server.url}/updates/${file}`);
      expect(resolved!.info.sha512).toBe(sha512);
    }
  });

  it('serves the installer byte-identical, checked against the feed by the updater\'s downloader, and answers Range requests', async () => {
    const provider = providerFor(server, 'win32');
    const [resolved] = provider.resolveFiles(await provider.getLatestVersion());
    // Through the updater's request code, then checked as it checks: the feed's sha512 of the bytes.
    const downloaded = await new NodeUpdateExecutor().downloadToBuffer(resolved!.url, { cancellationToken: new CancellationToken() });
    expect(createHash('sha512').update(downloaded).digest('base64')).toBe(resolved!.info.sha512);
    expect(downloaded.equals(installer)).toBe(true);
    const whole = await fetch(resolved!.url);
    expect(Buffer.from(await whole.arrayBuffer()).equals(installer)).toBe(true);
    expect(whole.headers.get('content-encoding')).toBeNull();

    const part = await fetch(resolved!.url, { headers: { range: 'bytes=1000-1999', 'accept-encoding': 'gzip' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${installer.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(installer.subarray(1000, 2000))).toBe(true);
    // The feed itself is never cached, so a new release is seen at the next check.
    expect((await fetch(`${server.url}/updates/latest.yml`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('serves only plain files of the folder: no way out of it, no dot files, a 404 in words', async () => {
    for (const tricky of ['..%2Fpackage.json', '%2e%2e/%2e%2e/package.json', '.county-private-key.pem', 'sub/latest.yml', 'missing.yml']) {
      const response = await fetch(`${server.url}/updates/${tricky}`);
      expect(response.status, tricky).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.message).toMatch(/找不到/);
    }
  });

  it('says in words that no updates are offered when the folder is missing', async () => {
    const response = await fetch(`${bare.url}/updates/latest.yml`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'updates_not_configured', message: '本服务器未提供客户端更新（未设置更新文件夹）' } });
    await expect(providerFor(bare, 'win32').getLatestVersion()).rejects.toMatchObject({ code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' });
  });
});

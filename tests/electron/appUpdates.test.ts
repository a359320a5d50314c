import { EventEmitter } from 'node:events';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppUpdates, feedUrlOf, type UpdaterLike, type UpdateState } from '../../electron/main/appUpdates';
import { updateDialogFor } from '../../electron/main/updateDialogs';
import { readUpdatePublicKey, verifyInstaller } from '../../electron/main/updateSignature';
import { makeUpdateKeys, releaseVersionOf, signInstaller } from '../../scripts/signUpdate';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The laptop's updater (electron/main/appUpdates.ts) with a fake electron-updater, against the
 * real server's /updates/ folder as the county fills it: an installer runs only when the county's
 * key signed its bytes.
 */
const INSTALLER = 'jiuzhu-0.3.0-win-x64.exe';
const original = randomBytes(50_000);
const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('base64');

let dir: string;
let feedDir: string;
let server: TestServer;
let keys: { privateKeyFile: string; publicKeyFile: string };
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-updater-'));
  feedDir = path.join(dir, 'feed');
  keys = makeUpdateKeys(path.join(dir, 'county-keys'));
  await fs.mkdir(feedDir);
  writeFileSync(path.join(feedDir, INSTALLER), original);
  // As electron-builder writes it: the signer takes the installer's version from here.
  writeFileSync(
    path.join(feedDir, 'latest.yml'),
    `version: 0.3.0\nfiles:\n  - url: ${INSTALLER}\n    sha512: ${sha512(original)}\n    size: ${original.length}\npath: ${INSTALLER}\nsha512: ${sha512(original)}\nreleaseDate: '2026-12-01T00:00:00.000Z'\n`,
  );
  // The county signs what it puts in the folder; the .sig lies beside the installer.
  expect(signInstaller(path.join(feedDir, INSTALLER), readFileSync(keys.privateKeyFile, 'utf8'))).toBe(path.join(feedDir, `${INSTALLER}.sig`));
  server = await startTestServer('pglite', { server: { updatesDir: feedDir } });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** electron-updater's autoUpdater as far as the module drives it: a check finds `version` (0.3.0) and "downloads" `downloaded`. */
function fakeUpdater(downloaded: Uint8Array, fileUrl = INSTALLER, version = '0.3.0') {
  const events = new EventEmitter();
  const file = path.join(dir, `download-${Math.random()}.exe`);
  writeFileSync(file, downloaded);
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    feeds: [] as string[],
    setFeedURL(options: { provider: 'generic'; url: string }) {
      updater.feeds.push(options.url);
    },
    async checkForUpdates() {
      // The feed's sha512 is of the bytes downloaded: a changed installer comes with a feed changed to match.
      const info = { version, files: [{ url: fileUrl, sha512: sha512(downloaded) }] };
      events.emit('update-available', info);
      events.emit('update-downloaded', { ...info, downloadedFile: file });
      return info;
    },
    quitAndInstall: vi.fn(),
    on(event: string, listener: Parameters<UpdaterLike['on']>[1]) {
      events.on(event, listener);
      return updater;
    },
  };
  return updater satisfies UpdaterLike;
}

async function run(updater: ReturnType<typeof fakeUpdater>, publicKeyPem = readFileSync(keys.publicKeyFile, 'utf8')) {
  const log: string[] = [];
  const states: UpdateState[] = [];
  const asked: string[] = [];
  const updates = new AppUpdates({
    updater,
    publicKey: readUpdatePublicKey(publicKeyPem),
    readFile: (file) => fs.readFile(file),
    fetchText: async (url) => {
      asked.push(url);
      const response = await fetch(url);
      return response.ok ? response.text() : null;
    },
    log: (message) => log.push(message),
    onState: (state) => states.push(state),
  });
  const settled = new Promise<UpdateState>((resolve) => {
    const check = () => (['ready', 'refused', 'failed'].includes(updates.state.state) ? resolve(updates.state) : setImmediate(check));
    check();
  });
  await updates.checkAt(server.url);
  return { updates, final: await settled, log, states, asked };
}

describe("the laptop's updates", () => {
  it('points electron-updater at the server it signs in to, downloads by itself and never installs by itself', async () => {
    const updater = fakeUpdater(original);
    const { final, asked } = await run(updater);
    expect(updater.feeds).toEqual([`${server.url}/updates/`]);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: false, allowDowngrade: false });
    expect(final).toEqual({ state: 'ready', version: '0.3.0' });
    expect(asked).toEqual([`${server.url}/updates/${INSTALLER}.sig`]);
    expect(feedUrlOf('https://jiuzhu.example.gov.cn/base')).toBe('https://jiuzhu.example.gov.cn/base/updates/');
  });

  it('runs an installer the county signed, only when asked', async () => {
    const updater = fakeUpdater(original);
    const { updates, log } = await run(updater);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(updates.installNow()).toBe(true);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
    expect(log).toContain('update 0.3.0 downloaded and verified');
    expect(updates.installAtQuit()).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('refuses a changed installer — even with a feed rewritten to match it — and says so in the log', async () => {
    const changed = Buffer.from(original);
    changed[1234] = changed[1234]! ^ 0xff;
    const updater = fakeUpdater(changed);
    const { updates, final, log } = await run(updater);
    expect(final).toEqual({ state: 'refused', version: '0.3.0', reason: 'bad_signature' });
    expect(updates.installNow()).toBe(false);
    expect(updates.installAtQuit()).toBe(false);
    expect(updater).toMatchObject({ autoInstallOnAppQuit: false });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(log).toContain('update 0.3.0 refused: bad_signature');
    // The person is told, in words, that it will not be installed.
    expect(updateDialogFor(final)).toMatchObject({ type: 'warning', message: '救助通 0.3.0 的安装文件没有通过签名验证，不会安装。' });
  });

  it('refuses an installer without a signature, and every installer when the app carries no key', async () => {
    copyFileSync(path.join(feedDir, INSTALLER), path.join(feedDir, 'unsigned.exe'));
    const unsigned = fakeUpdater(original, 'unsigned.exe');
    expect((await run(unsigned)).final).toEqual({ state: 'refused', version: '0.3.0', reason: 'no_signature' });

    // The placeholder committed in resources/ until the county puts its own key there.
    const placeholder = readFileSync('resources/update-public-key.pem', 'utf8');
    const keyless = fakeUpdater(original);
    const { updates, final } = await run(keyless, placeholder);
    expect(final).toEqual({ state: 'refused', version: '0.3.0', reason: 'no_public_key' });
    expect(updates.installNow()).toBe(false);
    expect(keyless.quitAndInstall).not.toHaveBeenCalled();
  });

  it('is packaged with a generic feed, so electron-builder writes the latest.yml and .blockmap files the server serves', () => {
    const config = readFileSync('electron-builder.yml', 'utf8');
    expect(config).toMatch(/^publish:\n {2}- provider: generic\n {4}url: https:\/\/\S+\/updates\/\n/m);
  });

  it('refuses an old signed installer listed in the feed under a higher version, and still runs one signed as the version it is listed under', async () => {
    // 0.2.0, signed by the county when it was released; someone who controls the feed lists it as 0.3.0.
    const old = randomBytes(40_000);
    const oldInstaller = 'jiuzhu-0.2.0-win-x64.exe';
    writeFileSync(path.join(feedDir, oldInstaller), old);
    signInstaller(path.join(feedDir, oldInstaller), readFileSync(keys.privateKeyFile, 'utf8'), '0.2.0');
    const rollback = fakeUpdater(old, oldInstaller, '0.3.0');
    const { updates, final, log } = await run(rollback);
    expect(final).toEqual({ state: 'refused', version: '0.3.0', reason: 'bad_signature' });
    expect(updates.installNow()).toBe(false);
    expect(rollback.quitAndInstall).not.toHaveBeenCalled();
    expect(log).toContain('update 0.3.0 refused: bad_signature');

    // The same bytes under the version the county signed them as are its genuine release.
    const genuine = fakeUpdater(old, oldInstaller, '0.2.0');
    expect((await run(genuine)).final).toEqual({ state: 'ready', version: '0.2.0' });
  });

  it('signs an installer as the version its latest*.yml gives, and refuses to guess one when none lists it', () => {
    expect(releaseVersionOf(path.join(feedDir, INSTALLER))).toBe('0.3.0');
    const signature = readFileSync(path.join(feedDir, `${INSTALLER}.sig`), 'utf8');
    const publicKey = readUpdatePublicKey(readFileSync(keys.publicKeyFile, 'utf8'));
    expect(verifyInstaller(original, '0.3.0', signature, publicKey)).toEqual({ ok: true });
    expect(verifyInstaller(original, '0.4.0', signature, publicKey)).toEqual({ ok: false, reason: 'bad_signature' });
    const lone = path.join(dir, 'lone.exe');
    writeFileSync(lone, original);
    expect(() => signInstaller(lone, readFileSync(keys.privateKeyFile, 'utf8'))).toThrow(/--version/);
  });

  it("accepts only the county's key: another key's signature of the same bytes is refused", () => {
    const other = makeUpdateKeys(path.join(dir, 'someone-else'));
    const copy = path.join(dir, 'copy.exe');
    writeFileSync(copy, original);
    const signature = readFileSync(signInstaller(copy, readFileSync(other.privateKeyFile, 'utf8'), '0.3.0'), 'utf8');
    expect(verifyInstaller(original, '0.3.0', signature, readUpdatePublicKey(readFileSync(other.publicKeyFile, 'utf8')))).toEqual({ ok: true });
    expect(verifyInstaller(original, '0.3.0', signature, readUpdatePublicKey(readFileSync(keys.publicKeyFile, 'utf8')))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(() => makeUpdateKeys(path.join(dir, 'county-keys'))).toThrow(/exists already/);
  });
});


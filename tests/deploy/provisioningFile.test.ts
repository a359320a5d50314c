import { execFile } from 'node:child_process';
import { serverProgram } from '../../harness/serverProcess';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { registerIpcHandlers } from '../../electron/main/ipc';
import { trustedOrigins } from '../../electron/main/origins';
import { findProvisioning } from '../../electron/main/provisioning';
import { createHostApi } from '../../electron/preload/api';
import { fakeIpcMain, fakeSafeStorage } from '../electron/fakes';
import { memoryStore } from '../../harness/memoryStore';
import { chooseServer, forgetProvisioning, importProvisioning, savedProvisioning, signInServerOf } from '../../renderer/data/core/provisioning';
import { PROVISIONING_FILE_NAME, readProvisioningText } from '../../shared/wire/provisioning';

/**
 * The county's provisioning file (issue 16), made by the command an IT office runs and read by
 * each place that reads it: the desktop host from beside the app, the sign-in page's import, and
 * a phone's scan of the QR code (the same text).
 */
const run = promisify(execFile);
const folders: string[] = [];
const freshDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `jiuzhu-${name}-`));
  folders.push(dir);
  return dir;
};
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const provisioningCli = (...args: string[]) => run(...serverProgram(['provisioning', ...args]), { env: { ...process.env, DATABASE_URL: '' } });

/** What a phone's scanner reads from the PNG. */
function decodeQr(file: string): string | null {
  const png = PNG.sync.read(readFileSync(file));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}

describe('the provisioning file, from the county’s command to the laptop', () => {
  it('is written with its QR code, and the desktop host, the sign-in page’s import and the QR code all read the same settings', async () => {
    const out = path.join(freshDir('provisioning'), 'for-wudi');
    const { stdout } = await provisioningCli('--server-url', 'https://jiuzhu.wudi.example/', '--county', '371623', '--out', out);
    expect(stdout).toContain('371623');

    const text = readFileSync(path.join(out, PROVISIONING_FILE_NAME), 'utf8');
    const made = readProvisioningText(text);
    expect(made).toMatchObject({
      ok: true,
      provisioning: { kind: 'jiuzhu-provisioning', version: 1, county: '371623', countyName: '无棣县', servers: [{ name: '无棣县民政局', url: 'https://jiuzhu.wudi.example' }] },
    });
    if (!made.ok) throw new Error('unreachable');

    // The desktop host: nothing beside the executable, the file in the resources folder.
    const exeDir = freshDir('exe');
    expect(await findProvisioning(fs, [exeDir])).toBeNull();
    const fromHost = await findProvisioning(fs, [exeDir, out]);
    expect(fromHost).toEqual({ ok: true, provisioning: made.provisioning, file: path.join(out, PROVISIONING_FILE_NAME) });
    // …and the page gets it through the IPC contract (preload API → host handler).
    const fake = fakeIpcMain();
    const host = { appInfo: () => ({ name: '救助通', version: '0', platform: 'linux', electron: '45' }), safeStorage: fakeSafeStorage(), platform: 'linux', trustedOrigins: trustedOrigins() };
    registerIpcHandlers(fake.ipcMain, { ...host, provisioning: () => findProvisioning(fs, [exeDir, out]) });
    const page = createHostApi((channel, ...args) => fake.invoke(channel, 'app://jiuzhu/index.html', ...args));
    expect(await page.readProvisioning()).toEqual({ ok: true, value: fromHost });
    const bare = fakeIpcMain();
    registerIpcHandlers(bare.ipcMain, host);
    expect(await bare.invoke('jiuzhu:readProvisioning', 'app://jiuzhu/index.html')).toEqual({ ok: true, value: null });

    // The sign-in page's 导入配置文件: kept, and read back at the next start.
    const store = memoryStore();
    expect(importProvisioning(store, text)).toEqual({ ok: true, provisioning: made.provisioning });
    expect(savedProvisioning(store)).toEqual(made.provisioning);
    expect(signInServerOf(store, savedProvisioning(store)!)).toBe('https://jiuzhu.wudi.example');
    forgetProvisioning(store);
    expect(savedProvisioning(store)).toBeNull();

    // The QR code carries the same settings, as text the sign-in page takes when pasted.
    const scanned = decodeQr(path.join(out, 'jiuzhu-provisioning.png'));
    expect(scanned).not.toBeNull();
    expect(readProvisioningText(scanned!)).toEqual(made);
    expect(importProvisioning(store, scanned!)).toEqual(made);
  }, 120_000);

  it('names the township stations’ relays after the county’s server, in the file and in its QR code, and the laptop signs in to the one chosen', async () => {
    const out = path.join(freshDir('provisioning-relays'), 'for-wudi');
    const { stdout } = await provisioningCli(
      '--server-url', 'https://jiuzhu.wudi.example', '--county', '371623', '--out', out,
      '--relay-url', 'http://192.168.1.20:8787/', '--relay-name', '碣石山镇中转站',
      '--relay-url', 'http://192.168.7.5:8787', '--relay-name', '马山子镇中转站',
    );
    expect(stdout).toContain('relays http://192.168.1.20:8787 http://192.168.7.5:8787');
    const made = readProvisioningText(readFileSync(path.join(out, PROVISIONING_FILE_NAME), 'utf8'));
    if (!made.ok) throw new Error(made.problems.join('; '));
    expect(made.provisioning.servers).toEqual([
      { name: '无棣县民政局', url: 'https://jiuzhu.wudi.example', kind: 'county' },
      { name: '碣石山镇中转站', url: 'http://192.168.1.20:8787', kind: 'relay' },
      { name: '马山子镇中转站', url: 'http://192.168.7.5:8787', kind: 'relay' },
    ]);
    // A phone's scanner reads the same list.
    const scanned = decodeQr(path.join(out, 'jiuzhu-provisioning.png'));
    expect(scanned).not.toBeNull();
    expect(readProvisioningText(scanned!)).toEqual(made);

    // The laptop: the county's server until a station is chosen; the choice is kept for the next
    // sign-in, and forgotten when the file no longer lists that address.
    const store = memoryStore();
    importProvisioning(store, scanned!);
    const provisioning = savedProvisioning(store)!;
    expect(signInServerOf(store, provisioning)).toBe('https://jiuzhu.wudi.example');
    chooseServer(store, provisioning, 'http://192.168.1.20:8787');
    expect(signInServerOf(store, savedProvisioning(store)!)).toBe('http://192.168.1.20:8787');
    chooseServer(store, provisioning, 'http://10.9.9.9:8787');
    expect(signInServerOf(store, provisioning)).toBe('http://192.168.1.20:8787');
    importProvisioning(store, JSON.stringify({ ...provisioning, servers: [provisioning.servers[0], provisioning.servers[2]] }));
    expect(signInServerOf(store, savedProvisioning(store)!)).toBe('https://jiuzhu.wudi.example');
  }, 120_000);

  it('refuses a relay without its name, or an address written twice, in words, and writes nothing', async () => {
    const out = path.join(freshDir('relays-refused'), 'nothing');
    const county = ['--server-url', 'https://jiuzhu.wudi.example', '--county', '371623', '--out', out];
    await expect(provisioningCli(...county, '--relay-url', 'http://192.168.1.20:8787')).rejects.toMatchObject({
      stderr: expect.stringContaining('--relay-url http://192.168.1.20:8787: 缺少中转站的名称'),
    });
    await expect(provisioningCli(...county, '--relay-name', '碣石山镇中转站', '--relay-url', 'http://192.168.1.20:8787')).rejects.toMatchObject({
      stderr: expect.stringContaining('--relay-name 碣石山镇中转站: 前面缺少 --relay-url'),
    });
    await expect(provisioningCli(...county, '--relay-url', '192.168.1.20:8787', '--relay-name', '碣石山镇中转站')).rejects.toMatchObject({
      stderr: expect.stringContaining('--relay-url (第1个中转站): 服务器地址应以 http:// 或 https:// 开头'),
    });
    await expect(provisioningCli(...county, '--relay-url', 'https://jiuzhu.wudi.example/', '--relay-name', '碣石山镇中转站')).rejects.toMatchObject({
      stderr: expect.stringContaining('这个地址写了两次'),
    });
    await expect(fs.readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);

  it('refuses a county or address that is not one, in words, and writes nothing', async () => {
    const out = path.join(freshDir('refused'), 'nothing');
    await expect(provisioningCli('--server-url', 'https://x.example', '--county', '371699', '--out', out)).rejects.toMatchObject({
      stderr: expect.stringContaining('不是滨州市的县区代码'),
    });
    await expect(provisioningCli('--server-url', 'jiuzhu.example', '--county', '371623', '--out', out)).rejects.toMatchObject({
      stderr: expect.stringContaining('服务器地址应以 http:// 或 https:// 开头'),
    });
    await expect(fs.readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);

  it('says in words, field by field, what is wrong with a file, wherever it is read', async () => {
    const good = {
      kind: 'jiuzhu-provisioning',
      version: 1,
      county: '371623',
      countyName: '无棣县',
      servers: [{ name: '无棣县民政局', url: 'https://jiuzhu.wudi.example' }],
      createdAt: '2026-12-06T03:00:00.000Z',
    };
    expect(readProvisioningText('{"kind": "jiuzhu-prov')).toEqual({ ok: false, problems: [expect.stringContaining('不是有效的 JSON')] });
    expect(readProvisioningText(JSON.stringify({ ...good, kind: 'other' }))).toEqual({ ok: false, problems: ['文件类型：不是救助通的配置文件'] });
    expect(readProvisioningText(JSON.stringify({ ...good, version: 2 }))).toEqual({ ok: false, problems: ['版本：配置文件的版本不是本程序能读的（应为 1）'] });
    expect(readProvisioningText(JSON.stringify({ ...good, servers: [] }))).toEqual({ ok: false, problems: ['服务器列表：至少要有一个服务器地址'] });
    const { countyName: _name, ...unnamed } = good;
    expect(readProvisioningText(JSON.stringify({ ...unnamed, servers: 'https://x.example' }))).toEqual({ ok: false, problems: ['县区名称：缺少这一项', '服务器列表：格式不对'] });
    expect(readProvisioningText(JSON.stringify({ ...good, county: '3716', servers: [good.servers[0], { name: '', url: 'ftp://relay' }] }))).toEqual({
      ok: false,
      problems: ['县区代码：县区代码应为6位数字', '服务器列表第2个服务器名称：服务器名称不能为空', '服务器列表第2个服务器地址：服务器地址应以 http:// 或 https:// 开头，不含空格'],
    });
    // A later version's extra fields (a township relay's role, issue 17) do not stop an older app.
    const withMore = { ...good, servers: [...good.servers, { name: '某镇中转站', url: 'http://10.0.0.5:8787', role: 'relay' }], note: 'x' };
    expect(readProvisioningText(JSON.stringify(withMore))).toMatchObject({ ok: true, provisioning: { servers: [good.servers[0], { name: '某镇中转站', url: 'http://10.0.0.5:8787' }] } });

    // The desktop host tells the same words, with where the file lies; a damaged kept copy is no provisioning.
    const dir = freshDir('broken');
    writeFileSync(path.join(dir, PROVISIONING_FILE_NAME), JSON.stringify({ ...good, version: 2 }));
    expect(await findProvisioning(fs, [dir])).toEqual({ ok: false, problems: ['版本：配置文件的版本不是本程序能读的（应为 1）'], file: path.join(dir, PROVISIONING_FILE_NAME) });
    const store = memoryStore();
    expect(importProvisioning(store, JSON.stringify({ ...good, version: 2 })).ok).toBe(false);
    expect(savedProvisioning(store)).toBeNull();
    store.setItem('jiuzhu:provisioning', '{"damaged');
    expect(savedProvisioning(store)).toBeNull();
  });
});

import 'fake-indexeddb/auto';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { firstValueFrom, filter } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess, serverProgram } from '../../harness/serverProcess';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { Workspace } from '../../renderer/data/core/workspace';
import { setCountyIdleMinutes } from '../../server/settings/countySettings';
import { addUser } from '../../server/users/userStore';
import type { TokenResponse } from '../../shared/sync/wire';
import { laptop, openWorkspace, type Laptop } from '../support/laptop';
import { migratedPgliteFolder } from '../support/pgliteSnapshots';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

/**
 * The idle-lock time is set per county on the server (issue 16) and reaches that county's laptops
 * — at sign-in, at a token refresh, and kept for an offline start — and no other county's.
 */
const WUDI_VILLAGE = '371623102201'; // 无棣县
const HUIMIN_VILLAGE = '371621104303'; // 惠民县
const PASSWORD = 'password-123';

const run = promisify(execFile);
const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const cli = (dataDir: string, ...args: string[]) => run(...serverProgram(args), { env: { ...process.env, JIUZHU_DATA_DIR: dataDir, DATABASE_URL: '' } });

describe('county set, the command a county’s IT office runs', () => {
  let dataDir: string;
  // Kept as a promise, so a test that gives up while the server starts still stops it afterwards.
  let starting: Promise<ServerProcess> | null = null;
  beforeAll(() => {
    dataDir = migratedPgliteFolder(mkdtempSync(path.join(tmpdir(), 'jiuzhu-county-')));
    folders.push(dataDir);
  });
  afterAll(async () => (await starting?.catch(() => null))?.stop());

  it('refuses a time out of 1–60 minutes or an area that is no county, in words; a set time is in the sign-in answer of that county only', async () => {
    // Refused before the database opens, so these may run side by side.
    await Promise.all([
      expect(cli(dataDir, 'county', 'set', '--area', '371623', '--idle-minutes', '0')).rejects.toMatchObject({ stderr: expect.stringContaining('锁屏时间不能少于1分钟') }),
      expect(cli(dataDir, 'county', 'set', '--area', '371623', '--idle-minutes', '61')).rejects.toMatchObject({ stderr: expect.stringContaining('锁屏时间不能超过60分钟') }),
      expect(cli(dataDir, 'county', 'set', '--area', '371623', '--idle-minutes', 'ten')).rejects.toMatchObject({ stderr: expect.stringContaining('锁屏时间应为整数分钟或 default') }),
      expect(cli(dataDir, 'county', 'set', '--area', '371623102', '--idle-minutes', '5')).rejects.toMatchObject({ stderr: expect.stringContaining('不是滨州市的县区代码') }),
    ]);

    const { stdout } = await cli(dataDir, 'county', 'set', '--area', '371623', '--idle-minutes', '3');
    expect(stdout).toContain('371623');
    const passwordFile = path.join(dataDir, 'password.txt');
    writeFileSync(passwordFile, `${PASSWORD}\n`);
    await cli(dataDir, 'user', 'add', '--username', 'wudi', '--role', 'assistant', '--area', WUDI_VILLAGE, '--password-file', passwordFile);
    await cli(dataDir, 'user', 'add', '--username', 'huimin', '--role', 'assistant', '--area', HUIMIN_VILLAGE, '--password-file', passwordFile);

    starting = startServerProcess({ JIUZHU_DATA_DIR: dataDir, DATABASE_URL: '' });
    const server = await starting;
    const login = async (username: string) => {
      const answer = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD, deviceId: `dev-${username}-laptop` }),
      });
      expect(answer.status).toBe(200);
      return (await answer.json()) as TokenResponse;
    };
    expect((await login('wudi')).idleMinutes).toBe(3);
    expect((await login('huimin')).idleMinutes).toBe(10);
  }, 300_000);
});

describe.each(databaseKinds)('a county’s idle time on the laptops, on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    await addUser(server.db, { username: 'wudi', password: PASSWORD, role: 'assistant', areaCode: WUDI_VILLAGE });
    await addUser(server.db, { username: 'huimin', password: PASSWORD, role: 'assistant', areaCode: HUIMIN_VILLAGE });
  });
  afterAll(async () => server?.close());

  const open = (device: Laptop, outcome: Extract<Awaited<ReturnType<typeof signIn>>, { ok: true }>) =>
    Workspace.open(outcome.session, outcome, { storage: getRxStorageDexie(), store: device.store, events: device.events, isNavigatorOnline: () => device.online });

  it('reaches a laptop of that county at sign-in and at its next token refresh, stays for an offline start, and never reaches another county', async () => {
    await setCountyIdleMinutes(server.db, '371623', 3);
    const wudi = laptop();
    const huimin = laptop();

    const signedIn = await signIn({ serverUrl: server.url, username: 'wudi', password: PASSWORD }, wudi.store, 'test');
    if (!signedIn.ok) throw new Error(signedIn.reason);
    let workspace = await open(wudi, signedIn);
    expect(workspace.idleMinutes$.value).toBe(3);
    await workspace.close();
    // One workspace open at a time (RxDB's open-core limit on collections per process).
    const other = await openWorkspace(server, huimin, 'huimin', PASSWORD);
    expect(other.idleMinutes$.value).toBe(10);
    await other.close();

    // The county changes it; a reload (no access token, the refresh token kept) refreshes and takes it.
    await setCountyIdleMinutes(server.db, '371623', 25);
    workspace = await open(wudi, { ...signedIn, tokens: null });
    await firstValueFrom(workspace.idleMinutes$.pipe(filter((minutes) => minutes === 25)));
    await workspace.close();

    // Offline: the laptop locks as its county last said.
    const offline = await signIn({ serverUrl: 'http://127.0.0.1:9', username: 'wudi', password: PASSWORD }, wudi.store, 'test');
    if (!offline.ok) throw new Error(offline.reason);
    expect(offline.session.offline).toBe(true);
    workspace = await open(wudi, offline);
    expect(workspace.idleMinutes$.value).toBe(25);
    await workspace.close();

    // 惠民县 set nothing: its laptop keeps the default.
    const again = await openWorkspace(server, huimin, 'huimin', PASSWORD);
    expect(again.idleMinutes$.value).toBe(10);
    await again.close();
  });

  it('is set by the county’s own staff (or the city) through the server, bounded and refused in words, and reaches that county’s laptops only', async () => {
    const wudiCounty = await server.signIn('county', '371623000000');
    const huiminCounty = await server.signIn('county', '371621000000');
    const township = await server.signIn('township', '371623102000');
    const city = await server.signIn('city', '371600000000');
    const set = (token: string, body: unknown) => api<{ county?: string; idleMinutes?: number; error?: { code: string; message: string } }>(server, token, 'POST', '/api/v1/county-settings', body);

    expect(await set(wudiCounty.accessToken, { county: '371623', idleMinutes: 15 })).toEqual({ status: 200, body: { county: '371623', idleMinutes: 15 } });
    const tooLong = await set(wudiCounty.accessToken, { county: '371623', idleMinutes: 240 });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error?.message).toBe('idleMinutes：锁屏时间不能超过60分钟');
    expect((await set(wudiCounty.accessToken, { county: '371623', idleMinutes: 0 })).body.error?.message).toBe('idleMinutes：锁屏时间不能少于1分钟');
    // Another county's staff, and a township, may not set it; the city may.
    expect((await set(huiminCounty.accessToken, { county: '371623', idleMinutes: 1 })).status).toBe(403);
    expect((await set(township.accessToken, { county: '371623', idleMinutes: 1 })).status).toBe(403);
    expect((await set(city.accessToken, { county: '371621', idleMinutes: 20 })).status).toBe(200);

    const login = async (username: string) => (await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD, deviceId: `dev-${username}-route` })).body.idleMinutes;
    expect(await login('wudi')).toBe(15);
    expect(await login('huimin')).toBe(20);
    const audited = await server.db.query<{ details: unknown }>(`SELECT details FROM audit_log WHERE action = 'change_setting' ORDER BY id`);
    expect(audited.map((row) => row.details)).toEqual([
      { county: '371623', setting: 'idleMinutes', value: 15 },
      { county: '371621', setting: 'idleMinutes', value: 20 },
    ]);
    await set(city.accessToken, { county: '371621', idleMinutes: null });
  });

  it('keeps a county’s time within 1–60 minutes in the database too', async () => {
    await expect(setCountyIdleMinutes(server.db, '371625', 0)).rejects.toThrow('锁屏时间不能少于1分钟');
    await expect(server.db.query('INSERT INTO county_settings (county, idle_minutes) VALUES ($1, $2)', ['371625', 90])).rejects.toThrow();
    await setCountyIdleMinutes(server.db, '371623', null);
    const answer = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'wudi', password: PASSWORD, deviceId: 'dev-wudi-default' }),
    });
    expect(((await answer.json()) as TokenResponse).idleMinutes).toBe(10);
  });
});

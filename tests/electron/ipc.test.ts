import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/contract';
import { MAX_SECRET_LENGTH } from '../../shared/ipc/schemas';
import { registerIpcHandlers, type IpcDeps } from '../../electron/main/ipc';
import { trustedOrigins } from '../../electron/main/origins';
import { fakeIpcMain, fakeSafeStorage } from './fakes';

const APP_PAGE = 'app://jiuzhu/index.html';
const INFO = { name: '救助通', version: '0.1.0', platform: 'linux', electron: '45.5.0' };
/** Looks like personal data on purpose: it must never reach a log line or an error message. */
const PERSONAL = '370102199001011234';

function setup(overrides: Partial<IpcDeps> = {}) {
  const fake = fakeIpcMain();
  const log = vi.fn<(message: string) => void>();
  const deps: IpcDeps = {
    appInfo: () => INFO,
    safeStorage: fakeSafeStorage(),
    platform: 'linux',
    trustedOrigins: trustedOrigins(),
    log,
    ...overrides,
  };
  const unregister = registerIpcHandlers(fake.ipcMain, deps);
  return { ...fake, deps, log, unregister };
}

describe('registerIpcHandlers', () => {
  it('registers exactly the contract’s channels and can remove them again', () => {
    const { channels, unregister } = setup();
    expect(channels()).toEqual(Object.values(IPC_CHANNELS).sort());
    unregister();
    expect(channels()).toEqual([]);
  });

  it('answers getAppInfo', async () => {
    const { invoke } = setup();
    expect(await invoke(IPC_CHANNELS.getAppInfo, APP_PAGE)).toEqual({ ok: true, value: INFO });
  });

  it('seals a secret to base64 that is not the secret, and opens it again', async () => {
    const { invoke } = setup();
    const sealed = await invoke(IPC_CHANNELS.protectSecret, APP_PAGE, PERSONAL);
    expect(sealed).toMatchObject({ ok: true });
    const value = (sealed as { value: string }).value;
    expect(value).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(value, 'base64').toString('utf8')).not.toContain(PERSONAL);
    expect(await invoke(IPC_CHANNELS.unprotectSecret, APP_PAGE, value)).toEqual({ ok: true, value: PERSONAL });
  });

  it('accepts calls from the dev server when it is trusted', async () => {
    const { invoke } = setup({ trustedOrigins: trustedOrigins('http://localhost:5173') });
    expect(await invoke(IPC_CHANNELS.getAppInfo, 'http://localhost:5173/login')).toMatchObject({ ok: true });
  });
});

describe('checkForUpdates', () => {
  it('hands the signed-in server to the updater, only an http(s) address, and says when the host does not update itself', async () => {
    const checkAt = vi.fn(async () => undefined);
    const { invoke } = setup({ updates: { checkAt } });
    expect(await invoke(IPC_CHANNELS.checkForUpdates, APP_PAGE, 'https://jiuzhu.example.gov.cn')).toEqual({ ok: true, value: null });
    expect(checkAt).toHaveBeenCalledWith('https://jiuzhu.example.gov.cn');
    expect(await invoke(IPC_CHANNELS.checkForUpdates, APP_PAGE, 'file:///etc/passwd')).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await invoke(IPC_CHANNELS.checkForUpdates, 'https://evil.example/', 'https://evil.example')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(checkAt).toHaveBeenCalledTimes(1);
    expect(await setup().invoke(IPC_CHANNELS.checkForUpdates, APP_PAGE, 'https://jiuzhu.example.gov.cn')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});

describe('argument checks', () => {
  async function expectInvalid(result: Promise<unknown>, field: RegExp) {
    const reply = (await result) as { ok: boolean; error: { code: string; message: string } };
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('invalid_argument');
    expect(reply.error.message).toMatch(field);
    return reply.error.message;
  }

  it('names the field of a wrongly typed argument', async () => {
    const { invoke, deps } = setup();
    await expectInvalid(invoke(IPC_CHANNELS.protectSecret, APP_PAGE, 42), /^plain: /);
    await expectInvalid(invoke(IPC_CHANNELS.protectSecret, APP_PAGE), /^plain: /);
    await expectInvalid(invoke(IPC_CHANNELS.protectSecret, APP_PAGE, ''), /^plain: /);
    await expectInvalid(invoke(IPC_CHANNELS.unprotectSecret, APP_PAGE, { sealed: 'abcd' }), /^sealed: /);
    expect(deps.safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(deps.safeStorage.decryptStringAsync).not.toHaveBeenCalled();
  });

  it('never repeats the value it refused', async () => {
    const { invoke } = setup();
    const tooLong = PERSONAL.repeat(Math.ceil((MAX_SECRET_LENGTH + 1) / PERSONAL.length));
    const message1 = await expectInvalid(invoke(IPC_CHANNELS.protectSecret, APP_PAGE, tooLong), /^plain: /);
    const message2 = await expectInvalid(invoke(IPC_CHANNELS.unprotectSecret, APP_PAGE, `${PERSONAL}!`), /^sealed: /);
    expect(message1).not.toContain(PERSONAL);
    expect(message2).not.toContain(PERSONAL);
  });

  it('refuses extra arguments', async () => {
    const { invoke } = setup();
    await expectInvalid(invoke(IPC_CHANNELS.getAppInfo, APP_PAGE, 'extra'), /0 argument/);
    await expectInvalid(invoke(IPC_CHANNELS.protectSecret, APP_PAGE, 'a', 'b'), /1 argument/);
  });
});

describe('sender checks', () => {
  it.each([
    'https://example.com/',
    'app://jiuzhu.example.com/index.html',
    'app://other/index.html',
    'file:///work/out/renderer/index.html',
    'http://localhost:5173/',
    'about:blank',
    '',
  ])('refuses a call from %s', async (frameUrl) => {
    const { invoke, deps } = setup();
    for (const [channel, args] of [
      [IPC_CHANNELS.getAppInfo, []],
      [IPC_CHANNELS.protectSecret, ['x']],
      [IPC_CHANNELS.unprotectSecret, ['eHl6']],
    ] as const) {
      const reply = await invoke(channel, frameUrl, ...args);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(deps.safeStorage.isAsyncEncryptionAvailable).not.toHaveBeenCalled();
  });

  it('refuses a call whose frame is gone', async () => {
    const { invoke } = setup();
    expect(await invoke(IPC_CHANNELS.getAppInfo, null)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('key store', () => {
  it('replies unavailable when the OS cannot encrypt', async () => {
    const { invoke, deps } = setup({ safeStorage: fakeSafeStorage({ available: false }) });
    expect(await invoke(IPC_CHANNELS.protectSecret, APP_PAGE, 'key')).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(await invoke(IPC_CHANNELS.unprotectSecret, APP_PAGE, 'eHl6')).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(deps.safeStorage.encryptStringAsync).not.toHaveBeenCalled();
  });

  it('replies unavailable on Linux when only the built-in password would protect the secret', async () => {
    const { invoke } = setup({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }) });
    expect(await invoke(IPC_CHANNELS.protectSecret, APP_PAGE, 'key')).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('still seals on Windows, where there is no Linux backend to ask about', async () => {
    const { invoke } = setup({ platform: 'win32', safeStorage: fakeSafeStorage({ backend: 'basic_text' }) });
    expect(await invoke(IPC_CHANNELS.protectSecret, APP_PAGE, 'key')).toMatchObject({ ok: true });
  });

  it('replies failed, without throwing, for data sealed under another key', async () => {
    const sealedElsewhere = await setup({ safeStorage: fakeSafeStorage({ key: 0x11 }) }).invoke(
      IPC_CHANNELS.protectSecret,
      APP_PAGE,
      PERSONAL,
    );
    const { invoke, log } = setup();
    const reply = await invoke(IPC_CHANNELS.unprotectSecret, APP_PAGE, (sealedElsewhere as { value: string }).value);
    expect(reply).toMatchObject({ ok: false, error: { code: 'failed' } });
    for (const [line] of log.mock.calls) expect(line).not.toContain(PERSONAL);
  });
});

describe('unexpected errors', () => {
  it('turn into internal without throwing across IPC or logging arguments', async () => {
    const safeStorage = fakeSafeStorage();
    safeStorage.isAsyncEncryptionAvailable = async () => {
      throw new TypeError(`broken while holding ${PERSONAL}`);
    };
    const { invoke, log } = setup({
      safeStorage,
      appInfo: () => {
        throw new Error('boom');
      },
    });
    await expect(invoke(IPC_CHANNELS.getAppInfo, APP_PAGE)).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    const reply = await invoke(IPC_CHANNELS.protectSecret, APP_PAGE, PERSONAL);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain(PERSONAL);
    expect(log).toHaveBeenCalledTimes(2);
    for (const [line] of log.mock.calls) {
      expect(line).toMatch(/^\[ipc\] jiuzhu:/);
      expect(line).not.toContain(PERSONAL);
    }
  });
});

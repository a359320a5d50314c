import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { browserPlatform } from '../../renderer/data/core/platform/browser';
import { desktopPlatform } from '../../renderer/data/core/platform/desktop';
import { platform, SaveFailedError } from '../../renderer/data/core/platform';
import type { JiuzhuHostApi } from '../../shared/ipc/contract';

const ROOT = path.resolve(__dirname, '../..');
const ADAPTER = path.join('renderer', 'data', 'core', 'platform');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe('the platform adapter (Electron or browser), chosen once at start', () => {
  it('is the only renderer code that looks for the desktop host (window.jiuzhu)', () => {
    const outside = sources(path.join(ROOT, 'renderer'))
      .filter((file) => !path.relative(ROOT, file).startsWith(ADAPTER))
      .filter((file) => /window\s*\.\s*jiuzhu|globalThis\s*\.\s*jiuzhu/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(outside).toEqual([]);
  });

  it('saves and prints through the host on the desktop, and says the host refused in its own words', async () => {
    const host = {
      saveFile: vi.fn(async (name: string, base64: string) => ({ ok: true as const, value: { saved: true, fileName: `${name}:${base64}` } })),
      printToPdf: vi.fn(async () => ({ ok: false as const, error: { code: 'failed' as const, message: 'disk full' } })),
      protectSecret: vi.fn(),
      unprotectSecret: vi.fn(),
      getAppInfo: vi.fn(),
    } as unknown as JiuzhuHostApi;
    const desktop = desktopPlatform(host);
    expect(desktop.kind).toBe('desktop');
    expect(await desktop.saveFile(new Uint8Array([104, 105]), '家庭.xlsx', 'application/octet-stream')).toEqual({ saved: true, fileName: '家庭.xlsx:aGk=' });
    await expect(desktop.print('入户调查表.pdf')).rejects.toEqual(new SaveFailedError('failed'));
    expect(desktop.keyring).toBe(host);
  });

  it('in a plain browser has no keyring, and is what Node tests (no window) get', () => {
    expect(browserPlatform().keyring).toBeNull();
    expect(platform().kind).toBe('browser');
  });
});

import fs from 'node:fs/promises';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type LogLine } from '../../shared/ipc/contract';
import { registerIpcHandlers } from '../../electron/main/ipc';
import { LaptopLog } from '../../electron/main/laptopLog';
import { trustedOrigins } from '../../electron/main/origins';
import { fakeIpcMain, fakeSafeStorage } from './fakes';

/**
 * The laptop's log file (issue 16): in a real folder, as the host writes it. What a helpdesk
 * would check: the lines are there in order, nothing personal is, the files stay bounded.
 */
const APP_PAGE = 'app://jiuzhu/index.html';
const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-log-'));
  dirs.push(dir);
  return path.join(dir, 'logs');
};
const line = (n: number, text = `sync state ${n}`): LogLine => ({ at: `2026-12-06T02:${String(n % 60).padStart(2, '0')}:00.000Z`, kind: 'sync', text });

afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("the laptop's log file", () => {
  it('keeps the lines in order, and nothing that names or reaches a person', async () => {
    const dir = folder();
    const log = new LaptopLog(dir, fs);
    await log.append([line(1), { at: '2026-12-06T02:02:00.000Z', kind: 'error', text: 'save failed for 张秀兰 370102199001011234 13812345678 zhang@example.cn' }]);
    await log.append([{ at: '2026-12-06T02:03:00.000Z', kind: 'page', text: 'opened /households/:id\nforged\terror\tline' }]);
    const file = readFileSync(path.join(dir, 'jiuzhu.log'), 'utf8');
    const rows = file.trim().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe('2026-12-06T02:01:00.000Z\tsync\tsync state 1');
    expect(rows[1]).toMatch(/^2026-12-06T02:02:00.000Z\terror\tsave failed for/);
    for (const personal of ['张秀兰', '370102199001011234', '13812345678', 'zhang@example.cn']) expect(file).not.toContain(personal);
    // A line break in a text cannot make a line of its own.
    expect(rows[2]!.split('\t')).toHaveLength(3);
    expect(statSync(path.join(dir, 'jiuzhu.log')).mode & 0o077).toBe(0);
    expect(await log.read()).toBe(file);
  });

  it('rotates by size, keeps a bounded number of files, and reads them back oldest first', async () => {
    const dir = folder();
    const log = new LaptopLog(dir, fs, { maxBytes: 400, keep: 2 });
    for (let n = 1; n <= 60; n++) await log.append([line(n)]);
    expect(readdirSync(dir).sort()).toEqual(['jiuzhu.1.log', 'jiuzhu.2.log', 'jiuzhu.log']);
    for (const name of readdirSync(dir)) expect(statSync(path.join(dir, name)).size).toBeLessThanOrEqual(400);
    const recent = (await log.read()).trim().split('\n');
    // The newest is last, the first lines are gone, and what is kept runs without a gap.
    expect(recent.at(-1)).toMatch(/sync state 60$/);
    expect(recent.some((row) => row.endsWith('sync state 1'))).toBe(false);
    const numbers = recent.map((row) => Number(/(\d+)$/.exec(row)![1]));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  });

  it('takes lines from the app page through IPC, checked, and gives them back for 导出诊断信息', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const dir = folder();
    registerIpcHandlers(ipcMain, {
      appInfo: () => ({ name: '救助通', version: '0.1.0', platform: 'linux', electron: '45.5.0' }),
      safeStorage: fakeSafeStorage(),
      platform: 'linux',
      trustedOrigins: trustedOrigins(),
      laptopLog: new LaptopLog(dir, fs),
    });
    expect(await invoke(IPC_CHANNELS.appendLog, APP_PAGE, [line(5)])).toEqual({ ok: true, value: null });
    expect(await invoke(IPC_CHANNELS.appendLog, APP_PAGE, [{ ...line(6), kind: 'secret' }])).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining('lines.0.kind') },
    });
    expect(await invoke(IPC_CHANNELS.appendLog, APP_PAGE, [{ ...line(7), text: 'x'.repeat(501) }])).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining('lines.0.text') },
    });
    expect(await invoke(IPC_CHANNELS.appendLog, 'https://evil.example/', [line(8)])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke(IPC_CHANNELS.readLog, APP_PAGE)).toEqual({ ok: true, value: '2026-12-06T02:05:00.000Z\tsync\tsync state 5\n' });
  });
});

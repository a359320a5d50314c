import { describe, expect, it } from 'vitest';
import { BehaviorSubject } from 'rxjs';
import { AppLog, APP_LOG_LIMIT, pagePattern, scrubText, watchUncaughtErrors, type AppLogEntry } from '../../renderer/data/core/diagnostics/appLog';
import { diagnosticsFileName, diagnosticsReport } from '../../renderer/data/core/diagnostics/diagnosticsReport';
import { logSyncChanges } from '../../renderer/data/core/diagnostics/syncLog';
import type { SyncStatus } from '../../renderer/data/core/types';
import { makeIdNumber } from '../../shared/domain/idNumber';

/**
 * A person as a household record holds them: everything here is personal data. (Names, addresses
 * and notes are written in Chinese characters here; English words are kept, as error messages
 * are English.)
 */
const person = {
  name: '王秀兰',
  idNumber: makeIdNumber('371623', '1962-03-14', 21),
  phone: '13905431234',
  address: '无棣县水湾镇西王村三排12号',
  note: '独居，左腿残疾，儿子在外打工',
  email: 'xiulan.wang@example.cn',
};
const personalTexts = Object.values(person);

function report(error: unknown, log = new AppLog(), componentStack = '\n    at MembersTable (http://x/assets/a.js:1:2)\n    at http://x/assets/c.js:5:6\n    at HouseholdDetailPage (http://x/assets/b.js:3:4)') {
  return diagnosticsReport({
    where: 'page',
    error,
    componentStack,
    version: '0.1.0',
    at: new Date('2026-12-05T13:40:00Z'),
    platformKind: 'browser',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0',
    log: log.recent(),
  });
}

describe('the diagnostics file (导出诊断信息)', () => {
  it('holds the version, the error, where in the code it happened, and the recent app log', () => {
    const log = new AppLog();
    log.record('page', pagePattern('/households/6f1c2a9e-8d1b-4c3e-9a7f-0b1c2d3e4f50'));
    log.record('sync', 'online=false pending=1 error=sync.error.network');
    const error = new TypeError("Cannot read properties of undefined (reading 'map')");
    const text = report(error, log);
    expect(text).toContain('version: 0.1.0');
    expect(text).toContain("TypeError: Cannot read properties of undefined (reading 'map')");
    expect(text).toMatch(/at .*\.test\.ts:\d+:\d+/); // the stack's frames, with positions
    expect(text).toContain('MembersTable < HouseholdDetailPage');
    expect(text).toContain('page /households/:id');
    expect(pagePattern('/households/hh-2a1ac6b70c2c/edit')).toBe('/households/:id/edit');
    expect(pagePattern('/print/public-notice/371623102201')).toBe('/print/public-notice/:id');
    expect(text).toContain('sync online=false pending=1 error=sync.error.network');
  });

  it('holds no name, ID number, phone, address, note or e-mail, wherever they slipped in', () => {
    const log = new AppLog();
    // Every way a text reaches the file: the log, the error's message (raw and quoted, as
    // JSON.parse quotes what it failed on), its stack's first line, the component stack.
    for (const text of personalTexts) log.record('error', `failed on ${text}`);
    log.record('page', `/households/${person.idNumber}`);
    const error = new SyntaxError(
      `Unexpected token, "${JSON.stringify(person)}" is not valid JSON; ${person.name} ${person.idNumber} ${person.phone} ${person.address} ${person.note} ${person.email}`,
    );
    const text = report(error, log, `\n    at ${person.name} (http://x/a.js:1:2)`);
    for (const personal of personalTexts) expect(text).not.toContain(personal);
    expect(text).not.toMatch(/\d{11}/);
    // What was scrubbed still shows the error's shape.
    expect(text).toContain('SyntaxError: Unexpected token, ');
    expect(text).toContain('is not valid JSON');
  });

  it('keeps the last 200 events only, oldest first', () => {
    const log = new AppLog();
    for (let i = 0; i < APP_LOG_LIMIT + 50; i += 1) log.record('page', `/p${i}`);
    const recent = log.recent();
    expect(recent).toHaveLength(APP_LOG_LIMIT);
    expect(recent[0]?.text).toBe('/p50');
    expect(recent.at(-1)?.text).toBe(`/p${APP_LOG_LIMIT + 49}`);
  });

  it('logs uncaught errors and failed promises from the window', () => {
    const listeners = new Map<string, (event: unknown) => void>();
    const log = new AppLog();
    watchUncaughtErrors({ addEventListener: ((type: string, listener: (event: unknown) => void) => listeners.set(type, listener)) as Window['addEventListener'] }, log);
    listeners.get('error')?.({ error: new RangeError(`bad ${person.phone}`), message: '' });
    listeners.get('unhandledrejection')?.({ reason: new Error(`no ${person.name}`) });
    expect(log.recent().map((e) => e.text)).toEqual(['uncaught: RangeError: bad #', 'unhandled rejection: Error: no …']);
  });

  it('logs the sync state when it changes, as counts and codes', () => {
    const log = new AppLog();
    const status$ = new BehaviorSubject<SyncStatus>({ online: true, pending: 0, lastSyncAt: null, lastError: null, syncing: false });
    const subscription = logSyncChanges(status$, log);
    status$.next({ ...status$.value, syncing: true }); // no change worth a line
    status$.next({ ...status$.value, online: false, pending: 2, lastError: 'sync.error.network' });
    subscription.unsubscribe();
    expect(log.recent().map((e) => e.text)).toEqual(['online=true pending=0 error=none', 'online=false pending=2 error=sync.error.network']);
  });

  it('names the file by the local time, as a .txt the desktop save dialog accepts', () => {
    expect(diagnosticsFileName(new Date(2026, 11, 5, 21, 40))).toBe('救助通-诊断信息-20261205-2140.txt');
    expect(scrubText('x'.repeat(2000))).toHaveLength(500);
  });

  it('sends the log on to the desktop host in batches, and bundles the host’s log file, scrubbed', async () => {
    const log = new AppLog();
    log.record('start', 'started at app:');
    const batches: AppLogEntry[][] = [];
    log.forwardTo(async (entries) => {
      batches.push(entries);
    });
    log.record('page', '/households/:id');
    log.record('error', `save failed for ${person.name} ${person.idNumber}`);
    await log.flush();
    // One call for what gathered, the entry from before forwarding included, already scrubbed.
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((entry) => entry.kind)).toEqual(['start', 'page', 'error']);
    expect(JSON.stringify(batches)).not.toContain(person.name);
    // A host that fails to write never breaks the app: the ring keeps the entries.
    log.forwardTo(() => Promise.reject(new Error('disk full')));
    log.record('sync', 'online=false');
    await expect(log.flush()).resolves.toBeUndefined();
    expect(log.recent().at(-1)?.text).toBe('online=false');

    const text = diagnosticsReport({
      where: 'app',
      error: new Error('boom'),
      version: '0.1.0',
      at: new Date('2026-12-06T02:40:00Z'),
      platformKind: 'desktop',
      userAgent: 'Electron',
      log: log.recent(),
      hostLog: `2026-12-05T09:00:00.000Z\tstart\thost 0.1.0 on linux\n2026-12-05T09:01:00.000Z\terror\tpush failed for ${person.name} ${person.phone}\n`,
    });
    expect(text).toContain('== laptop log file');
    expect(text).toContain('host 0.1.0 on linux');
    for (const personal of personalTexts) expect(text).not.toContain(personal);
  });
});


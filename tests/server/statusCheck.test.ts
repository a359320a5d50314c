import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../shared/domain/chinaTime';
import { formatTrackingCode, newTrackingCode } from '../../shared/domain/trackingCode';
import { addCalendarDays } from '../../shared/rules/dates';
import type { Application } from '../../shared/schemas/application';
import type { Household } from '../../shared/schemas/household';
import { applicationStatusTerms } from '../../shared/vocabulary/applicationStatuses';
import { applicationTypeTerms } from '../../shared/vocabulary/applicationTypes';
import { documentKindTerms } from '../../shared/vocabulary/documentKinds';
import { readStatusCheckSettings } from '../../server/statusCheck/statusCheckSettings';
import { trackingCodeHash } from '../../server/sync/trackingCodes';
import { makeApplication, makeHousehold, newRow, stepApplication, wire } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
const PUBLIC_URL = 'https://jiuzhu.example.gov.cn';
type Session = Awaited<ReturnType<TestServer['signIn']>>;

/** What a resident's phone does: open the page, type four characters, send the form. */
async function lookUp(server: TestServer, code: string, check: string) {
  const response = await fetch(`${server.url}/q/${code}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ check }).toString(),
  });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** Everything of the household a page must never show. */
function personalTexts(household: Household, application: Application): string[] {
  return [
    household.address,
    ...household.members.flatMap((m) => [m.name, m.idNumber, m.idNumber.slice(0, 14)]),
    application.reason ?? '',
  ].filter((text) => text.length > 0);
}

describe.each(databaseKinds)('码上查 on %s: a resident checks the case with the code on the receipt', (kind) => {
  let server: TestServer;
  let assistant: Session;
  let township: Session;
  let county: Session;
  let household: Household;

  const push = (who: Session, before: Application | null, after: Application) =>
    api<{ conflicts: unknown[]; error?: { code: string; details?: { problems?: { field: string }[] } } }>(server, who.accessToken, 'POST', '/api/v1/sync/applications/push', [
      before ? { assumedMasterState: wire(before), newDocumentState: wire(after) } : newRow(after),
    ]);

  beforeAll(async () => {
    server = await startTestServer(kind, { server: { statusCheck: { ...readStatusCheckSettings({}), publicUrl: PUBLIC_URL } } });
    assistant = await server.signIn('assistant', VILLAGE);
    township = await server.signIn('township', '371623102000');
    county = await server.signIn('county', '371623000000');
    household = makeHousehold(VILLAGE, { address: '滨城区测试路88号', phone: '13905431234' });
    expect((await api(server, assistant.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(household)])).status).toBe(200);
  });
  afterAll(async () => server?.close());

  const checkOf = () => household.members[0]!.idNumber.slice(-4);

  /** Submitted by the village, accepted by the township with a fresh code. */
  async function accepted(extra: Partial<Application> = {}): Promise<{ app: Application; code: string }> {
    const draft = makeApplication(household, {
      reason: '丈夫因病去世，无劳动能力',
      documents: [
        { kind: 'idAndHukou', state: 'provided' },
        { kind: 'incomeDeclaration', state: 'missing' },
        { kind: 'propertyDeclaration', state: 'promised', promisedBy: addCalendarDays(chinaToday(), 5) },
      ],
      ...extra,
    });
    const submitted = stepApplication(draft, { action: 'submit', to: 'submitted', by: assistant.user });
    expect((await push(assistant, null, submitted)).status).toBe(200);
    const code = newTrackingCode();
    const app = stepApplication(submitted, { action: 'accept', to: 'accepted', by: township.user }, { trackingCode: code });
    const answer = await push(township, submitted, app);
    expect(answer.status).toBe(200);
    expect(answer.body.conflicts).toEqual([]);
    return { app, code };
  }

  it('tells the laptop the public address receipts print', async () => {
    const answer = await api<{ publicUrl: string }>(server, township.accessToken, 'GET', '/api/v1/status-check/settings');
    expect(answer).toEqual({ status: 200, body: { publicUrl: PUBLIC_URL } });
    expect((await api(server, null, 'GET', '/api/v1/status-check/settings')).status).toBe(401);
  });

  it('shows the programme, the step and its date, the next deadline and missing documents after each B1 step, the decision and monthly amount at the end, and nothing personal', async () => {
    const first0 = await accepted();
    let app = first0.app;
    const code = first0.code;
    const today = chinaToday();
    const pages: string[] = [];
    const expectStatus = async (status: Application['status']) => {
      const page = await lookUp(server, code, checkOf());
      expect(page.status, status).toBe(200);
      expect(page.html).toContain(applicationTypeTerms.dibao.zh);
      expect(page.html).toContain(`${applicationStatusTerms[status].zh}（${today}）`);
      pages.push(page.html);
      return page;
    };

    const first = await expectStatus('accepted');
    expect(first.html).toContain(formatTrackingCode(code));
    expect(first.html).toContain('下一个办理时限');
    expect(first.html).toContain(documentKindTerms.incomeDeclaration.zh);
    expect(first.html).toContain(documentKindTerms.propertyDeclaration.zh);
    expect(first.html).not.toContain(documentKindTerms.idAndHukou.zh);

    const steps: [Session, Parameters<typeof stepApplication>[1]['action'], Application['status'], Partial<Application>][] = [
      [township, 'startInvestigation', 'investigating', { investigation: { investigators: ['刘芳', '陈静'], startedOn: addCalendarDays(today, -1), findings: '户主长期卧床' } }],
      [township, 'preliminaryReview', 'preliminaryReviewed', { documents: app.documents.map((d) => ({ kind: d.kind, state: 'provided' as const })) }],
      [township, 'startPublicNotice', 'publicNotice', { publicNotice: { start: addCalendarDays(today, -20) } }],
      [township, 'sendToCounty', 'pendingConfirmation', {}],
      [county, 'approve', 'approved', { decision: { approvedMonthlyAmount: 420, method: 'gap' }, verification: { result: 'consistent', checkedOn: addCalendarDays(today, -1) } }],
    ];
    for (const [who, action, to, extra] of steps) {
      const next = stepApplication(app, { action, to, by: who.user }, extra);
      const answer = await push(who, app, next);
      expect(answer.status, action).toBe(200);
      expect(answer.body.conflicts).toEqual([]);
      app = next;
      const page = await expectStatus(to);
      if (to === 'preliminaryReviewed') expect(page.html).toContain('暂无需要补交的材料');
    }
    const decided = pages[pages.length - 1]!;
    expect(decided).toContain('审核确认结果');
    expect(decided).toContain('420.00 元');
    expect(decided).toMatch(/\d{4}年\d{1,2}月起发放/);
    expect(decided).not.toContain('下一个办理时限');

    for (const html of pages) {
      for (const text of [...personalTexts(household, app), '刘芳', '户主长期卧床', household.phone!]) expect(html).not.toContain(text);
      expect(html).not.toContain('<script');
    }
  });

  it('sends the page with the security headers, uncached, and the same form for any code', async () => {
    const { code } = await accepted();
    const known = await fetch(`${server.url}/q/${code}`);
    const unknown = await fetch(`${server.url}/q/${newTrackingCode()}`);
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    for (const answer of [known, unknown]) {
      expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
    }
    const html = await known.text();
    expect(html).toContain('身份证号码的最后四位');
    for (const text of personalTexts(household, makeApplication(household))) expect(html).not.toContain(text);
  });

  it('registers each code once: a code another application holds, or a changed code, is refused', async () => {
    const { app, code } = await accepted();
    const draft = makeApplication(household);
    const submitted = stepApplication(draft, { action: 'submit', to: 'submitted', by: assistant.user });
    expect((await push(assistant, null, submitted)).status).toBe(200);
    const reused = stepApplication(submitted, { action: 'accept', to: 'accepted', by: township.user }, { trackingCode: code });
    const refused = await push(township, submitted, reused);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('tracking_code_used');

    // Outside 受理 the write policy refuses it; with the step (a returned case accepted again) the register does.
    const changed = await push(township, app, { ...app, trackingCode: newTrackingCode(), updatedAt: app.updatedAt + 1 });
    expect(changed.status).toBe(403);
    // The village may not set a code at all.
    const byVillage = await push(assistant, null, { ...stepApplication(makeApplication(household), { action: 'submit', to: 'submitted', by: assistant.user }), trackingCode: newTrackingCode() });
    expect(byVillage.status).toBe(403);
  });

  it('locks the code after ten wrong check characters, then refuses even the right ones', async () => {
    const { code } = await accepted();
    const wrong = checkOf() === '0000' ? '1111' : '0000';
    for (let i = 1; i <= 9; i++) {
      const page = await lookUp(server, code, wrong);
      expect(page.status, `attempt ${i}`).toBe(200);
      expect(page.html).toContain('身份证号后四位不对');
    }
    const tenth = await lookUp(server, code, wrong);
    expect(tenth.status).toBe(429);
    expect(tenth.html).toContain('暂时不能查询');
    const right = await lookUp(server, code, checkOf());
    expect(right.status).toBe(429);
    expect(right.html).not.toContain(applicationTypeTerms.dibao.zh);
  });

  it('shows nothing for a stopped code — the same page as an unknown one — and the township may stop it', async () => {
    const { app, code } = await accepted();
    expect((await lookUp(server, code, checkOf())).status).toBe(200);
    const byVillage = await push(assistant, app, { ...app, trackingRevoked: true, updatedAt: app.updatedAt + 1 });
    expect(byVillage.status).toBe(403);
    const stopped = { ...app, trackingRevoked: true, updatedAt: app.updatedAt + 1 };
    expect((await push(township, app, stopped)).status).toBe(200);
    const revoked = await lookUp(server, code, checkOf());
    const unknown = await lookUp(server, newTrackingCode(), checkOf());
    expect(revoked.status).toBe(404);
    expect(revoked.html).toBe(unknown.html);
    expect(revoked.html).not.toContain(applicationTypeTerms.dibao.zh);
  });

  it('locks the code twice as long each time it is locked again in a row, so the ~500 candidate IDs take years to try', async () => {
    const { app, code } = await accepted();
    const wrong = checkOf() === '0000' ? '1111' : '0000';
    // Each round starts once the lock before it has run out and the rate-limit window has passed.
    const lockRunsOut = async () => {
      await server.db.query('UPDATE tracking_codes SET locked_until = 0 WHERE application_id = $1', [app.id]);
      await server.db.query('DELETE FROM status_lookups');
    };
    const tenWrong = async () => {
      for (let i = 1; i < 10; i++) expect((await lookUp(server, code, wrong)).status).toBe(200);
      const tenth = await lookUp(server, code, wrong);
      expect(tenth.status).toBe(429);
      return tenth.html;
    };
    await lockRunsOut();
    expect(await tenWrong()).toContain('请 30 分钟后再试');
    await lockRunsOut();
    expect(await tenWrong()).toContain('请 60 分钟后再试');
    await lockRunsOut();
    expect(await tenWrong()).toContain('请 120 分钟后再试');
    // Still locked: the page says how long is left, the right answer shows nothing.
    const right = await lookUp(server, code, checkOf());
    expect(right.status).toBe(429);
    expect(right.html).toContain('请 120 分钟后再试');
    // The holder's right answer, once the lock runs out, starts the count again.
    await lockRunsOut();
    expect((await lookUp(server, code, checkOf())).status).toBe(200);
    expect(await tenWrong()).toContain('请 30 分钟后再试');
  });

  it('never undoes 停用: a push that clears trackingRevoked is refused naming the field, and the code stays stopped', async () => {
    const { app, code } = await accepted();
    const stopped = { ...app, trackingRevoked: true, updatedAt: app.updatedAt + 1 };
    expect((await push(township, app, stopped)).status).toBe(200);
    for (const who of [township, county]) {
      const undone = await push(who, stopped, { ...stopped, trackingRevoked: false, updatedAt: stopped.updatedAt + 1 });
      expect(undone.status).toBe(422);
      expect(undone.body.error?.details?.problems).toEqual([expect.objectContaining({ field: 'trackingRevoked' })]);
    }
    const { trackingRevoked: _dropped, ...withoutFlag } = stopped;
    expect((await push(township, stopped, { ...withoutFlag, updatedAt: stopped.updatedAt + 1 })).status).toBe(422);
    expect((await lookUp(server, code, checkOf())).status).toBe(404);
  });

  it('an application already in the register (its record restored from an older copy) keeps its code: the same code is taken again, another is refused as a change', async () => {
    const submittedOne = async () => {
      const submitted = stepApplication(makeApplication(household), { action: 'submit', to: 'submitted', by: assistant.user });
      expect((await push(assistant, null, submitted)).status).toBe(200);
      return submitted;
    };
    const restored = async (applicationId: string, code: string) =>
      server.db.query('INSERT INTO tracking_codes (code_hash, application_id, registered_at) VALUES ($1, $2, $3)', [trackingCodeHash(code), applicationId, Date.now()]);

    const first = await submittedOne();
    await restored(first.id, newTrackingCode());
    const other = await push(township, first, stepApplication(first, { action: 'accept', to: 'accepted', by: township.user }, { trackingCode: newTrackingCode() }));
    expect(other.status).toBe(422);
    expect(other.body.error?.details?.problems).toEqual([expect.objectContaining({ field: 'trackingCode' })]);

    const second = await submittedOne();
    const code = newTrackingCode();
    await restored(second.id, code);
    const same = await push(township, second, stepApplication(second, { action: 'accept', to: 'accepted', by: township.user }, { trackingCode: code }));
    expect(same.status).toBe(200);
    await server.db.query('DELETE FROM status_lookups');
    expect((await lookUp(server, code, checkOf())).status).toBe(200);
  });

  it('puts every lookup in the audit log with its result, and never the code or the characters typed', async () => {
    const { app, code } = await accepted();
    await lookUp(server, code, checkOf());
    await lookUp(server, code, checkOf() === '0000' ? '1111' : '0000');
    await lookUp(server, newTrackingCode(), '1234');
    const rows = await server.db.query<{ document_id: string | null; user_id: string | null; details: { result: string } }>(
      "SELECT document_id, user_id, details FROM audit_log WHERE action = 'status_check' ORDER BY id",
    );
    const mine = rows.filter((row) => row.document_id === app.id).map((row) => row.details.result);
    expect(mine).toEqual(['shown', 'wrong']);
    expect(rows.map((row) => row.details.result)).toEqual(expect.arrayContaining(['shown', 'wrong', 'locked', 'revoked', 'unknown']));
    expect(rows.every((row) => row.user_id === null)).toBe(true);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(code);
    expect(text).not.toContain(checkOf());
    // The county's audit trail of the application lists them, as anonymous lookups.
    const trail = await api<{ entries: { action: string; userId: string | null; details: { result?: string } | null }[] }>(
      server, county.accessToken, 'GET', `/api/v1/audit?documentId=${app.id}&action=status_check`);
    expect(trail.status).toBe(200);
    expect(trail.body.entries.map((e) => [e.action, e.userId, e.details?.result])).toEqual([
      ['status_check', null, 'wrong'],
      ['status_check', null, 'shown'],
    ]);
  });
});

describe('码上查 limits on one server (PGlite): closing the case, and lookups per code and per address', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Small limits, so a few lookups reach them; the expiry at once after the case closes.
    server = await startTestServer('pglite', {
      server: {
        statusCheck: { ...readStatusCheckSettings({}), daysAfterClose: 0, perCode: 4, perAddress: 6 },
        logger: { level: 'trace', stream: { write: (line: string) => void lines.push(line) } },
      },
    });
  });
  afterAll(async () => server?.close());
  const lines: string[] = [];
  const asked: string[] = [];

  const post = (code: string, check: string): Promise<Response> => {
    asked.push(code);
    return fetch(`${server.url}/q/${code}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `check=${check}` });
  };

  it('stops answering a set time after the case closes', async () => {
    const assistant = await server.signIn('assistant', VILLAGE);
    const township = await server.signIn('township', '371623102000');
    const household = makeHousehold(VILLAGE);
    await api(server, assistant.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(household)]);
    const submitted = stepApplication(makeApplication(household), { action: 'submit', to: 'submitted', by: assistant.user });
    const code = newTrackingCode();
    const app = stepApplication(submitted, { action: 'accept', to: 'accepted', by: township.user }, { trackingCode: code });
    await api(server, assistant.accessToken, 'POST', '/api/v1/sync/applications/push', [newRow(submitted)]);
    await api(server, township.accessToken, 'POST', '/api/v1/sync/applications/push', [{ assumedMasterState: wire(submitted), newDocumentState: wire(app) }]);
    const check = household.members[0]!.idNumber.slice(-4);
    expect((await post(code, check)).status).toBe(200);
    const withdrawn = stepApplication(app, { action: 'withdraw', to: 'withdrawn', by: township.user });
    const closing = { ...withdrawn, history: withdrawn.history.map((h, i) => (i === withdrawn.history.length - 1 ? { ...h, note: '申请人主动撤回' } : h)) };
    const answer = await api(server, township.accessToken, 'POST', '/api/v1/sync/applications/push', [{ assumedMasterState: wire(app), newDocumentState: wire(closing) }]);
    expect(answer.status).toBe(200);
    const closed = await post(code, check);
    expect(closed.status).toBe(404);
    expect(await closed.text()).toContain('没有查到这份申请');
  });

  it('answers 查询太频繁 past the limit for one code, and past the limit for one address whatever the codes', async () => {
    const code = newTrackingCode();
    // Two lookups were made from this address already (the test above); the code's own limit is 4.
    const byCode = [];
    for (let i = 0; i < 5; i++) byCode.push((await post(code, '1234')).status);
    expect(byCode).toEqual([404, 404, 404, 404, 429]);
    // The address has now made 6 lookups that counted (the refused one does not): any other code is refused too.
    const other = await post(newTrackingCode(), '1234');
    expect(other.status).toBe(429);
    expect(await other.text()).toContain('查询太频繁');
    // Refused lookups leave no trace in the permanent audit log, nor in the window's rows.
    const rows = await server.db.query<{ details: { result: string } }>("SELECT details FROM audit_log WHERE action = 'status_check'");
    expect(rows.map((row) => row.details.result).sort()).toEqual(['expired', 'shown', 'unknown', 'unknown', 'unknown', 'unknown']);
    const [held] = await server.db.query<{ n: number | string }>('SELECT count(*) AS n FROM status_lookups');
    expect(Number(held?.n)).toBe(6);
  });

  // (Four digits are not looked for: any timestamp may hold them. Bodies are never logged: tests/server/logPrivacy.test.ts.)
  it('logs the lookups by their route only: no code in the server log', () => {
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(expect.objectContaining({ method: 'POST', route: '/q/:code', status: 429 }));
    const log = lines.join('');
    for (const text of new Set(asked)) expect(log).not.toContain(text);
  });
});

describe.each(databaseKinds)('码上查 on %s: a burst of lookups from one address', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { server: { statusCheck: { ...readStatusCheckSettings({}), perAddress: 5 } } });
  });
  afterAll(async () => server?.close());

  it('answers exactly the address limit of a parallel burst, and leaves no audit entry for the refused ones', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 12 }, async () => (await lookUp(server, newTrackingCode(), '1234')).status),
    );
    expect(statuses.filter((status) => status === 404)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    const audit = await server.db.query<{ details: { result: string } }>("SELECT details FROM audit_log WHERE action = 'status_check'");
    expect(audit.map((row) => row.details.result)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('keeps the client address as a keyed hash, not a plain SHA-256 anyone can recompute for every IPv4 address', async () => {
    const rows = await server.db.query<{ address: string }>('SELECT DISTINCT address FROM status_lookups');
    expect(rows).toHaveLength(1);
    const stored = rows[0]!.address;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      for (const text of [ip, `jiuzhu-lookup:${ip}`]) expect(stored).not.toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../shared/domain/chinaTime';
import { addMonthsTo, monthOf } from '../../shared/rules/benefit';
import type { Application } from '../../shared/schemas/application';
import type { Household } from '../../shared/schemas/household';
import type { PullResponse, PushResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { makeApplication, makeHousehold, newRow, stepApplication, wire } from '../support/documents';
import { openStream } from '../support/sse';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
type Session = Awaited<ReturnType<TestServer['signIn']>>;
type Benefit = NonNullable<Application['benefit']>;
type Change = Benefit['changes'][number];

describe.each(databaseKinds)('a case after approval on %s', (kind) => {
  let server: TestServer;
  let assistant: Session;
  let township: Session;
  let county: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    assistant = await server.signIn('assistant', VILLAGE);
    township = await server.signIn('township', '371623102000');
    county = await server.signIn('county', '371623000000');
  });
  afterAll(async () => server?.close());

  const push = (who: Session, rows: unknown[]) =>
    api<PushResponse<Application> & ErrorBody>(server, who.accessToken, 'POST', '/api/v1/sync/applications/push', rows);
  const move = (who: Session, from: Application, to: Application) => push(who, [{ assumedMasterState: wire(from), newDocumentState: wire(to) }]);

  async function pulled<T extends { id: string }>(collection: string, id: string): Promise<T> {
    let found: T | undefined;
    let checkpoint = '';
    for (;;) {
      const page = await api<PullResponse<T>>(server, county.accessToken, 'GET', `/api/v1/sync/${collection}/pull?limit=1000${checkpoint}`);
      found = page.body.documents.findLast((d) => d.id === id) ?? found;
      if (page.body.documents.length < 1000 || !page.body.checkpoint) return found!;
      checkpoint = `&checkpoint=${encodeURIComponent(JSON.stringify(page.body.checkpoint))}`;
    }
  }

  /** A household with a 低保 application taken to the county's desk, as the township sends it. */
  async function atCounty(type: Application['type'] = 'dibao', categories?: Household['categories']): Promise<{ household: Household; app: Application }> {
    const household = makeHousehold(VILLAGE, categories ? { categories } : {});
    expect((await api(server, assistant.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(household)])).status).toBe(200);
    let app = stepApplication(makeApplication(household, { type }), { action: 'submit', to: 'submitted', by: assistant.user });
    expect((await push(assistant, [newRow(app)])).status).toBe(200);
    const steps: [Parameters<typeof stepApplication>[1]['action'], Application['status'], Partial<Application>][] = [
      ['accept', 'accepted', {}],
      ['startInvestigation', 'investigating', { investigation: { investigators: ['刘芳', '陈静'], startedOn: '2026-11-02' } }],
      ['preliminaryReview', 'preliminaryReviewed', {}],
      ['startPublicNotice', 'publicNotice', { publicNotice: { start: '2026-11-10' } }],
      ['sendToCounty', 'pendingConfirmation', {}],
    ];
    for (const [action, to, extra] of steps) {
      const next = stepApplication(app, { action, to, by: township.user }, extra);
      expect((await move(township, app, next)).status, action).toBe(200);
      app = next;
    }
    return { household, app };
  }

  async function approved(type: Application['type'] = 'dibao', categories?: Household['categories']) {
    const { household, app } = await atCounty(type, categories);
    // The laptop's idea of the benefit is replaced by the server's: paid from the month after approval.
    const sent = stepApplication(app, { action: 'approve', to: 'approved', by: county.user }, {
      decision: { approvedMonthlyAmount: 420, method: 'gap' },
      ...checked(),
      benefit: { state: 'active', monthlyAmount: 9999, fromMonth: '2020-01', changes: [], reviews: [] },
    });
    expect((await move(county, app, sent)).status).toBe(200);
    return { household, app: await pulled<Application>('applications', app.id) };
  }

  const change = (who: Session, fields: Omit<Change, 'id' | 'at' | 'byUserId' | 'byName'>): Change => ({
    id: `c-${Math.random().toString(36).slice(2, 10)}`,
    at: Date.now(),
    byUserId: who.user.id,
    byName: who.user.displayName,
    ...fields,
  });
  // 低保/特困 are approved only with the county's 信息核对 on file: the county records it as it decides.
  const checked = (): Pick<Application, 'verification'> => ({ verification: { result: 'consistent', checkedOn: chinaToday() } });
  const withBenefit = (app: Application, benefit: Benefit): Application => ({ ...app, benefit, updatedAt: app.updatedAt + 1 });

  it('starts the benefit on approval from the month after, at the amount decided, and puts the household in 低保对象', async () => {
    const { household, app } = await approved('dibao', ['elderly']);
    expect(app.benefit).toEqual({ state: 'active', monthlyAmount: 420, fromMonth: addMonthsTo(monthOf(chinaToday()), 1), changes: [], reviews: [] });
    const after = await pulled<Household>('households', household.id);
    expect(after.categories).toEqual(['elderly', 'dibao']);
    expect(after.updatedBy).toBe(county.user.id);
  });

  it('streams the household’s new group to a laptop listening for households, as the approval commits', async () => {
    const { household, app } = await atCounty('dibao');
    const stream = await openStream(server, assistant.accessToken, 'households');
    expect(await stream.next()).toBe('RESYNC');
    const approval = stepApplication(app, { action: 'approve', to: 'approved', by: county.user }, { decision: { approvedMonthlyAmount: 380, method: 'band' }, ...checked() });
    expect((await move(county, app, approval)).status).toBe(200);
    const event = (await stream.next()) as PullResponse<Household>;
    expect(event.documents.find((d) => d.id === household.id)?.categories).toEqual(['dibao']);
    stream.close();
  });

  it('puts a 特困 household in 特困人员 and leaves a refused one where it was', async () => {
    const tekun = await approved('tekun');
    expect((await pulled<Household>('households', tekun.household.id)).categories).toEqual(['tekun']);
    expect(tekun.app.benefit?.monthlyAmount).toBe(420);

    const { household, app } = await atCounty('dibao');
    const refused = stepApplication(app, { action: 'refuse', to: 'refused', by: county.user }, { decision: { refusalReason: '家庭人均收入高于低保标准' } });
    expect((await move(county, app, refused)).status).toBe(200);
    expect((await pulled<Household>('households', household.id)).categories).toBeUndefined();
  });

  it('lets the county stop the benefit with a reason from a month on, and takes the household out of 低保对象', async () => {
    const { household, app } = await approved('dibao', ['disabled']);
    const benefit = app.benefit!;
    const stop = change(county, { kind: 'stop', month: addMonthsTo(benefit.fromMonth, 1), reason: '家庭收入超过低保标准' });
    const stopped = withBenefit(app, { ...benefit, state: 'stopped', stoppedFrom: stop.month, changes: [stop] });
    expect((await move(county, app, stopped)).status).toBe(200);
    expect((await pulled<Application>('applications', app.id)).benefit).toMatchObject({ state: 'stopped', stoppedFrom: stop.month });
    expect((await pulled<Household>('households', household.id)).categories).toEqual(['disabled']);
  });

  it('keeps the group while another decision still holds it', async () => {
    const first = await approved('dibao');
    // A second 低保 application of the same household (a re-application), approved too.
    let second = stepApplication(makeApplication(first.household), { action: 'submit', to: 'submitted', by: assistant.user });
    expect((await push(assistant, [newRow(second)])).status).toBe(200);
    for (const [action, to, extra] of [
      ['accept', 'accepted', {}],
      ['startInvestigation', 'investigating', { investigation: { investigators: ['刘芳', '陈静'], startedOn: '2026-11-02' } }],
      ['preliminaryReview', 'preliminaryReviewed', {}],
      ['startPublicNotice', 'publicNotice', { publicNotice: { start: '2026-11-10' } }],
      ['sendToCounty', 'pendingConfirmation', {}],
    ] as const) {
      const next = stepApplication(second, { action, to, by: township.user }, extra as Partial<Application>);
      expect((await move(township, second, next)).status).toBe(200);
      second = next;
    }
    const approvedSecond = stepApplication(second, { action: 'approve', to: 'approved', by: county.user }, { decision: { approvedMonthlyAmount: 300, method: 'band' }, ...checked() });
    expect((await move(county, second, approvedSecond)).status).toBe(200);
    const benefit = first.app.benefit!;
    const stop = change(county, { kind: 'stop', month: benefit.fromMonth, reason: '重复保障，停发此笔' });
    expect((await move(county, first.app, withBenefit(first.app, { ...benefit, state: 'stopped', stoppedFrom: stop.month, changes: [stop] }))).status).toBe(200);
    expect((await pulled<Household>('households', first.household.id)).categories).toEqual(['dibao']);
  });

  it('refuses a township stopping a benefit, a change before the benefit began, a 渐退期 of 7 months and a state its changes do not make', async () => {
    const { household, app } = await approved();
    const benefit = app.benefit!;
    const stopByTownship = change(township, { kind: 'stop', month: benefit.fromMonth, reason: '死亡' });
    const byTownship = await move(township, app, withBenefit(app, { ...benefit, state: 'stopped', stoppedFrom: benefit.fromMonth, changes: [stopByTownship] }));
    expect(byTownship.status).toBe(403);

    const early = change(county, { kind: 'decrease', month: addMonthsTo(benefit.fromMonth, -1), monthlyAmount: 300, reason: '收入增加' });
    const tooEarly = await move(county, app, withBenefit(app, { ...benefit, monthlyAmount: 300, changes: [early] }));
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.error.details).toMatchObject({ problems: [{ field: 'benefit.changes.month' }] });

    const phaseOut = change(county, { kind: 'phaseOut', month: benefit.fromMonth, reason: '就业后收入超过标准' });
    const seven = await move(county, app, withBenefit(app, { ...benefit, state: 'phasingOut', phaseOutUntil: addMonthsTo(benefit.fromMonth, 6), changes: [phaseOut] }));
    expect(seven.status).toBe(422);
    expect(seven.body.error.details).toMatchObject({ problems: [{ field: 'benefit.phaseOutUntil' }] });

    const increase = change(county, { kind: 'increase', month: benefit.fromMonth, monthlyAmount: 500, reason: '新增重病成员' });
    const wrongAmount = await move(county, app, withBenefit(app, { ...benefit, monthlyAmount: 450, changes: [increase] }));
    expect(wrongAmount.status).toBe(422);

    // Six months is allowed; the household stays in 低保对象 while the 渐退期 runs.
    const six = await move(county, app, withBenefit(app, { ...benefit, state: 'phasingOut', phaseOutUntil: addMonthsTo(benefit.fromMonth, 5), changes: [phaseOut] }));
    expect(six.status).toBe(200);
    expect((await pulled<Application>('applications', app.id)).benefit).toMatchObject({ state: 'phasingOut', phaseOutUntil: addMonthsTo(benefit.fromMonth, 5) });
    expect((await pulled<Household>('households', household.id)).categories).toEqual(['dibao']);
  });

  it('lets the township record a review’s outcome, never rewrite one', async () => {
    const { app } = await approved();
    const benefit = app.benefit!;
    const review = { id: 'r1', on: chinaToday(), outcome: 'continue' as const, note: '收入无变化' };
    const reviewed = withBenefit(app, { ...benefit, reviews: [review] });
    expect((await move(township, app, reviewed)).status).toBe(200);
    const held = await pulled<Application>('applications', app.id);
    expect(held.benefit?.reviews).toEqual([review]);
    const rewritten = await move(township, held, withBenefit(held, { ...benefit, reviews: [{ ...review, outcome: 'stop' }] }));
    expect(rewritten.status).toBe(422);
  });
});

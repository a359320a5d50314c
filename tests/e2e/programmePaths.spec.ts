import { expect, type APIRequestContext } from '@playwright/test';
import { chinaToday } from '../../shared/domain/chinaTime';
import { addCalendarDays } from '../../shared/rules/dates';
import { medicalAidSum } from '../../shared/rules/programmes/medicalAidAmount';
import { emergencyFiguresOf, figuresInForce, medicalAidFiguresOf, type FigureLookup } from '../../shared/rules/programmes/programmeFigures';
import { test } from './appLog';
import { apiSignIn, bearer, pullEverything, submittedApplication, type ApiSession } from './serverApi';
import { expectAllSynced, signIn, testIdNumber } from './support';

/**
 * Each programme on its own path, through the real server and the app:
 * - 张某's 医疗救助 (200,000 treatment, 120,000 reimbursed, a 低保 household) goes from 初审 to the
 *   county without a 公示; the county sees the suggested one-off sum with its working (80,000 out
 *   of pocket above the 低保 group's deductible × its ratio, up to its yearly cap), marked as computed
 *   from the demo's example figures, takes it, and the application shows that one-off payment.
 * - A 急难 临时救助 is granted by the township at once (within the county's delegated limit), is
 *   listed on the township's 今日 as a file to complete, and leaves 今日 once the county has confirmed it.
 *
 * The figures are the demo's example period of 无棣县 (server/demo/examplePolicy.ts), read here as
 * the app reads them, through the server's pull of policies: the applications are dated yesterday,
 * so the figures in force on their date are the example's even after tests/e2e/policies.spec.ts has
 * set a new period from today on the same server.
 */

const VILLAGE = '371623102205';
const COUNTY = '371623000000';
const today = chinaToday();
const yesterday = addCalendarDays(today, -1);
/** Noon of yesterday in China, in epoch millis. */
const yesterdayNoon = Date.parse(`${yesterday}T12:00:00+08:00`);

type Doc = Record<string, unknown> & { id: string; status: string; history: Record<string, unknown>[] };

async function push(request: APIRequestContext, session: ApiSession, collection: string, before: unknown, after: Record<string, unknown>) {
  const answer = await request.post(`/api/v1/sync/${collection}/push`, {
    headers: bearer(session),
    data: [{ assumedMasterState: before, newDocumentState: { _deleted: false, ...after } }],
  });
  expect(answer.status(), await answer.text()).toBe(200);
  expect(await answer.json(), 'no conflict').toEqual({ conflicts: [] });
}

async function step(request: APIRequestContext, session: ApiSession, role: 'township' | 'county', doc: Doc, action: string, to: string, extra: Record<string, unknown> = {}): Promise<Doc> {
  const at = Date.now();
  const next: Doc = {
    ...doc,
    ...extra,
    status: to,
    history: [...doc.history, { id: `h-${action}-${at}`, action, from: doc.status, to, at, byUserId: session.user.id, byName: session.user.displayName, role }],
    updatedAt: at,
  };
  await push(request, session, 'applications', { _deleted: false, ...doc }, next);
  return next;
}

/** The server's current version of an application. */
async function stored(request: APIRequestContext, session: ApiSession, id: string): Promise<Doc> {
  const found = (await pullEverything<Doc>(request, session, 'applications')).find((doc) => doc.id === id);
  expect(found, id).toBeDefined();
  return found!;
}

/** 无棣县's figures in force yesterday (the city-wide period's where the county left one unset), as the server hands them out. */
async function figuresYesterday(request: APIRequestContext): Promise<FigureLookup> {
  const county = await apiSignIn(request, 'xian', 'e2e-paths-county-figures');
  const policies = await pullEverything<{ id: string; areaCode: string }>(request, county, 'policies');
  return figuresInForce(
    policies.filter((p) => p.areaCode === COUNTY),
    policies.filter((p) => p.areaCode === '371600000000'),
    yesterday,
  );
}

/** A household of VILLAGE registered by the township, with one member, in the given groups. */
async function household(request: APIRequestContext, township: ApiSession, seq: number, name: string, categories: string[]) {
  const now = Date.now();
  const head = { id: `m-${now}-1`, name, idNumber: testIdNumber('1968-05-20', seq), relation: 'head', birthDate: '1968-05-20', sex: seq % 2 ? 'male' : 'female' };
  const doc = {
    id: `hh-paths${now}${seq}`,
    areaCode: VILLAGE,
    address: `南陈村西街${seq}号`,
    members: [head],
    categories,
    createdAt: now,
    createdBy: township.user.id,
    updatedAt: now,
    updatedBy: township.user.id,
  };
  await push(request, township, 'households', null, doc);
  return { household: doc, head };
}

test('张某’s 医疗救助 goes to the county without a 公示 and is approved as the one-off sum computed from his 80,000 out of pocket', async ({ browser, request }) => {
  const dibaoFigures = medicalAidFiguresOf(await figuresYesterday(request), 'dibao');
  expect(dibaoFigures.ok, 'the demo’s example figures for 低保 households’ medical aid').toBe(true);
  const expected = medicalAidSum({ totalCost: 200000, reimbursed: 120000, grantedThisYear: 0 }, dibaoFigures.ok ? dibaoFigures.figures : { ratio: 0, deductible: 0, yearlyCap: 0 });
  expect(expected.outOfPocket).toBe(80000);
  expect(expected.amount).toBeGreaterThan(0);
  const yuan = (amount: number) => amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const township = await apiSignIn(request, 'zhen', 'e2e-paths-township-0001');
  const { household: home, head } = await household(request, township, 901, '张守业', ['dibao']);
  const by = { ...township.user, role: 'township' as const };
  let application: Doc = {
    ...submittedApplication(home, head.id, by, `app-paths${Date.now()}1`, yesterdayNoon),
    type: 'medicalAid',
    medical: { totalCost: 200000, reimbursed: 120000 },
    reason: '住院治疗，医保报销后个人负担沉重',
  };
  await push(request, township, 'applications', null, application);
  application = await step(request, township, 'township', application, 'accept', 'accepted');
  application = await step(request, township, 'township', application, 'startInvestigation', 'investigating', {
    investigation: { investigators: ['刘芳', '孙建华'], startedOn: today },
  });
  application = await step(request, township, 'township', application, 'preliminaryReview', 'preliminaryReviewed', {
    investigation: { investigators: ['刘芳', '孙建华'], startedOn: today, findings: '低保户，住院费用票据齐全' },
    preliminaryReview: { outcome: 'pass', opinion: '同意上报' },
  });
  // No 公示 on this path: the township sends it straight on.
  application = await step(request, township, 'township', application, 'sendToCounty', 'pendingConfirmation');

  const context = await browser.newContext();
  const c = await context.newPage();
  await signIn(c, 'xian');
  await expectAllSynced(c);
  await c.goto(`/#/applications/${application.id}`);
  await expect(c.getByTestId('application-summary')).toContainText('张守业');
  await c.getByTestId('action-approve').click();
  await expect(c.getByTestId('action-form-approve')).toBeVisible();
  const suggestion = c.getByTestId('medical-aid-suggestion');
  await expect(suggestion).toContainText(`建议金额：${yuan(expected.amount)} 元（低保救助对象）`);
  // The demo's figures are examples, and the suggestion says so.
  await expect(c.getByTestId('medical-aid-example')).toContainText('示例参数');
  await expect(c.getByTestId('medical-aid-working')).toContainText('个人自付80000元');
  await expect(c.getByTestId('medical-aid-working')).toHaveText(expected.working);
  // Confirming without a sum is caught by the form, in Chinese, naming the field.
  await c.getByTestId('action-confirm').click();
  await expect(c.getByText('请填写大于 0 的一次性救助金额')).toBeVisible();
  await c.getByTestId('medical-aid-use-suggestion').click();
  await expect(c.getByTestId('action-one-off-amount')).toHaveValue(expected.amount.toFixed(2));
  await c.screenshot({ path: test.info().outputPath('medical-aid-approve.png'), fullPage: true });
  await c.getByTestId('action-confirm').click();
  await expect(c.getByTestId('application-summary').getByTestId('application-status')).toHaveAttribute('data-status', 'approved');
  await expect(c.getByTestId('application-decision')).toHaveText(`一次性救助金 ${yuan(expected.amount)} 元`);
  await expectAllSynced(c);

  const county = await apiSignIn(request, 'xian', 'e2e-paths-county-0001');
  expect(await stored(request, county, application.id)).toMatchObject({ status: 'approved', decision: { oneOffAmount: expected.amount } });
  await context.close();
});

test('an emergency 临时救助 is granted by the township at once, stays on its 今日 until the file is complete, and then leaves it', async ({ browser, request }) => {
  const emergency = emergencyFiguresOf(await figuresYesterday(request));
  expect(emergency.ok, 'the demo’s example figures for 急难').toBe(true);
  const limit = emergency.ok ? emergency.figures.delegatedLimit : 0;
  // The grant below is within the limit.
  expect(limit).toBeGreaterThanOrEqual(2000);
  const township = await apiSignIn(request, 'zhen', 'e2e-paths-township-0002');
  const { household: home, head } = await household(request, township, 902, '郝长顺', []);
  const by = { ...township.user, role: 'township' as const };
  let application: Doc = {
    ...submittedApplication(home, head.id, by, `app-paths${Date.now()}2`, yesterdayNoon),
    type: 'temporaryAid',
    emergency: true,
    reason: '房屋突发火灾，生活用品全部烧毁',
  };
  await push(request, township, 'applications', null, application);
  application = await step(request, township, 'township', application, 'accept', 'accepted');

  const context = await browser.newContext();
  const t = await context.newPage();
  await signIn(t, 'zhen');
  await expectAllSynced(t);
  await t.goto(`/#/applications/${application.id}`);
  await expect(t.getByTestId('application-summary')).toContainText('郝长顺');
  await t.getByTestId('record-emergencyGrant').click();
  await expect(t.getByTestId('emergency-figures')).toContainText(`乡镇可先行救助的额度：${limit} 元`);
  await expect(t.getByTestId('emergency-figures')).toContainText('示例参数');
  // Above the delegated limit the form refuses, naming the limit.
  await t.getByTestId('emergency-amount').fill(String(limit + 500));
  await t.getByTestId('emergency-confirm').click();
  await expect(t.getByText(`超过县级委托乡镇的额度（${limit} 元），须报县审批`)).toBeVisible();
  await t.getByTestId('emergency-amount').fill('2000');
  await t.getByTestId('emergency-confirm').click();
  await expect(t.getByTestId('application-emergency-grant')).toContainText('已先行救助 2,000.00 元');
  await expectAllSynced(t);

  // 今日 lists the file to complete.
  await t.getByTestId('menu-today').click();
  const file = t.getByTestId('today-card-programme').getByTestId('today-item').filter({ hasText: '郝长顺' });
  await expect(file).toHaveCount(1);
  await expect(file).toContainText('急难救助待补齐材料');
  await t.screenshot({ path: test.info().outputPath('emergency-today.png'), fullPage: true });

  // Later the file is completed: investigation, 初审, straight to the county, which confirms the grant.
  const county = await apiSignIn(request, 'xian', 'e2e-paths-county-0002');
  application = await stored(request, township, application.id);
  expect(application['emergencyGrant']).toMatchObject({ amount: 2000, grantedOn: today });
  application = await step(request, township, 'township', application, 'startInvestigation', 'investigating', {
    investigation: { investigators: ['刘芳', '孙建华'], startedOn: today },
  });
  application = await step(request, township, 'township', application, 'preliminaryReview', 'preliminaryReviewed', {
    preliminaryReview: { outcome: 'pass', opinion: '火灾属实，先行救助适当' },
  });
  application = await step(request, township, 'township', application, 'sendToCounty', 'pendingConfirmation');
  await step(request, county, 'county', application, 'approve', 'approved', { decision: { oneOffAmount: 2000 } });

  await t.getByTestId('sync-now').click();
  await expectAllSynced(t);
  await expect(file).toHaveCount(0);
  await context.close();
});

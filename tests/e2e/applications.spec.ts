import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './appLog';
import { apiSignIn, bearer, pullEverything, submittedApplication } from './serverApi';
import { chinaToday } from '../../shared/domain/chinaTime';
import { addCalendarDays } from '../../shared/rules/dates';
import { expectAllSynced, fillHouseholdForm, signIn, testIdNumber, chooseOption, pickToAdd } from './support';

/**
 * 救助申请 end to end: a 单人户 低保 application filed offline in a village goes through the
 * township (受理 → 调查 → 初审 → 公示 → 报县) and the county (审核确认), each role in its own
 * browser; a 医疗救助 preview shows the out-of-pocket figure; a forged approval is refused.
 */

const today = chinaToday();

/** The same day `years` earlier (28 February for a 29 February). */
function yearsBefore(date: string, years: number): string {
  const monthDay = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${Number(date.slice(0, 4)) - years}-${monthDay}`;
}

const applicationRows = (page: Page) => page.getByTestId('application-row');

/** 家庭 in the left menu (the app may open on another page, such as 今日). */
async function openHouseholds(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '家庭' }).click();
  await expect(page.getByTestId('household-register')).toBeVisible();
}


/** The input of an antd DatePicker, whether the test id sits on it or on its wrapper. */
async function dateInput(page: Page, testId: string): Promise<Locator> {
  const box = page.getByTestId(testId);
  const tag = await box.evaluate((element) => element.tagName);
  return tag === 'INPUT' ? box : box.locator('input');
}

async function typeDate(page: Page, testId: string, date: string): Promise<void> {
  const input = await dateInput(page, testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await expect(input).toHaveValue(date);
}

/** Runs one step from the detail page's 办理 card and waits for the new status. */
async function runAction(page: Page, action: string, nextStatus: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await expect(page.getByTestId(`action-form-${action}`)).toBeVisible();
  if (fill) await fill();
  await page.getByTestId('action-confirm').click();
  await expect(page.getByTestId('action-problems')).toHaveCount(0);
  await expect(page.getByTestId('application-summary').getByTestId('application-status')).toHaveAttribute('data-status', nextStatus);
  await expect(page.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
}

test('a 单人户 低保 application filed offline is accepted, investigated, publicised and approved', async ({ browser, request }) => {
  const zhao = { name: '赵文龙', idNumber: testIdNumber(yearsBefore(today, 19), 41) };
  const promisedBy = addCalendarDays(today, 10);
  const noticeStart = addCalendarDays(today, -9);

  const villageContext = await browser.newContext();
  const townshipContext = await browser.newContext();
  const countyContext = await browser.newContext();
  const a = await villageContext.newPage();
  const t = await townshipContext.newPage();
  const c = await countyContext.newPage();

  await signIn(a, 'xieli_a');
  await expectAllSynced(a);
  // The offline shell must control the page before the network goes.
  await a.waitForFunction(() => Boolean(navigator.serviceWorker?.controller));

  await signIn(t, 'zhen');
  await expectAllSynced(t);
  await t.getByTestId('menu-township-queue').click();
  await expect(t.getByTestId('township-queue')).toBeVisible();
  // The demo township has applications waiting already; this one joins them. How many wait is
  // the server's count, so the check does not hang on when the page finished reading its list.
  const townshipApi = await apiSignIn(request, 'zhen', 'e2e-applications-waiting');
  const waiting = (await pullEverything<{ id: string; status: string }>(request, townshipApi, 'applications')).filter((app) => app.status === 'submitted').length;
  await expect(t.getByTestId('queue-tab-submitted')).toContainText(`（${waiting}）`);

  await signIn(c, 'xian');
  await expectAllSynced(c);
  await c.getByTestId('menu-county-queue').click();
  await expect(c.getByRole('heading', { name: '审核确认' })).toBeVisible();

  // Offline in the village: register 赵文龙 — 19, grade-3 intellectual disability, no work.
  await villageContext.setOffline(true);
  await expect(a.getByTestId('sync-online')).toHaveAttribute('data-online', 'false');
  await openHouseholds(a);
  await a.getByTestId('household-register').click();
  await fillHouseholdForm(a, '碣石山镇一村 6 排 3 号', [zhao]);
  await a.getByTestId('member-1-more').click();
  await chooseOption(a, 'member-1-disability-category', '智力残疾');
  await chooseOption(a, 'member-1-disability-grade', '3级');
  await a.getByTestId('member-1-labour-ability').getByText('部分丧失劳动能力', { exact: true }).click();
  await a.getByTestId('household-single-person-1').check();
  await a.getByTestId('household-submit').click();
  await expect(a.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
  await expect(a.getByTestId('household-summary')).toBeVisible();

  // 发起救助申请: 低保, 单人户, the disability certificate accepted now and promised by a date.
  await a.getByTestId('application-new').click();
  await expect(a.getByTestId('application-form')).toBeVisible();
  await expect(a.getByTestId('documents-choose-type')).toBeVisible();
  await chooseOption(a, 'application-type', '低保');
  await chooseOption(a, 'application-applicant', `${zhao.name}（户主）`);
  await a.getByTestId('application-single-person-unit').check();
  await expect(a.getByTestId('single-person-unit-hint')).toHaveCount(0); // 单人户 registered on the household
  await expect(a.getByTestId('documents-checklist')).toContainText('家庭经济状况核对授权书');
  await pickToAdd(a, 'document-add', '残疾人证', a.getByTestId('document-disabilityCertificate'));
  await a.getByTestId('document-disabilityCertificate-state').getByText('容缺受理', { exact: true }).click();
  // 容缺受理 without a date is refused inline, in Chinese.
  await a.getByTestId('application-save').click();
  await expect(a.getByText('容缺受理须写明补交日期')).toBeVisible();
  await typeDate(a, 'document-disabilityCertificate-promised-by', promisedBy);
  await a.getByTestId('application-pledge').check();
  await a.getByTestId('application-reason').fill('三级智力残疾，无业，无固定收入，申请单人户低保。');
  await a.getByTestId('application-save-submit').click();
  await expect(a.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();

  // The detail page: 已申请, the one-time notice with the promised document and its date.
  const summary = a.getByTestId('application-summary');
  await expect(summary.getByTestId('application-status')).toHaveAttribute('data-status', 'submitted');
  await expect(summary).toContainText(zhao.name);
  await expect(a.getByTestId('missing-items-notice')).toContainText('残疾人证');
  await expect(a.getByTestId('missing-items-notice')).toContainText(promisedBy);
  await expect(a.getByTestId('application-pledge')).toHaveAttribute('data-signed', 'true');
  await expect(a.getByTestId('history-entry')).toHaveCount(1);
  await expect(a.getByTestId('eligibility-preview')).toBeVisible();
  await expect(a.getByTestId('eligibility-rule').filter({ hasText: '可作为单人户单独申请' })).toHaveAttribute('data-passed', 'passed');
  // The demo's county judges with example figures (示例): the preview says so plainly, never as the county's standard.
  await expect(a.getByTestId('eligibility-policy-example')).toContainText('以下判断使用的是演示用的示例参数，不是本县公布的标准');
  await expect(a.getByTestId('eligibility-policy-placeholder')).toHaveCount(0);
  await expect(a.getByTestId('eligibility-policy-figure').first()).toContainText('［示例数据］');
  await expect(a.getByTestId('eligibility-preview')).toHaveAttribute('data-result', 'cannotTell');
  await expect(a.getByTestId('sync-pending')).toHaveAttribute('data-pending', '2');
  await a.screenshot({ path: test.info().outputPath('applications-detail-submitted.png'), fullPage: true });

  // Online: it goes up by itself and appears in the township's 待受理 without a reload.
  await villageContext.setOffline(false);
  await expectAllSynced(a);
  await expect(t.getByTestId('queue-tab-submitted')).toContainText(`（${waiting + 1}）`);
  const townshipRow = applicationRows(t).filter({ hasText: zhao.name });
  await expect(townshipRow).toHaveCount(1);
  await expect(townshipRow.getByTestId('application-status')).toHaveAttribute('data-status', 'submitted');
  await t.screenshot({ path: test.info().outputPath('applications-township-queue.png'), fullPage: true });
  await townshipRow.click();

  // The township: 受理, 入户调查 by two, 初审, 公示 from nine days ago, then 报县.
  await expect(t.getByTestId('missing-items-notice')).toContainText('残疾人证');
  await runAction(t, 'accept', 'accepted');
  await expect(t.getByTestId('deadline-startInvestigation')).toHaveAttribute('data-state', /ok|near/);
  await runAction(t, 'startInvestigation', 'investigating', async () => {
    // One investigator is not enough: the modal says so inline.
    const names = t.locator('#action-investigators');
    await names.click();
    await names.pressSequentially('刘芳');
    await names.press('Enter');
    await t.getByTestId('action-confirm').click();
    await expect(t.getByText('入户调查须有两名以上调查人员', { exact: true })).toBeVisible();
    await names.pressSequentially('孙建华');
    await names.press('Enter');
  });
  await expect(t.getByTestId('deadline-startInvestigation')).toHaveAttribute('data-state', 'done');
  await expect(t.getByTestId('application-investigation')).toContainText('刘芳、孙建华');
  await runAction(t, 'preliminaryReview', 'preliminaryReviewed', async () => {
    await t.getByTestId('action-findings').fill('入户核实：本人三级智力残疾，无劳动收入，符合单人户申请条件，同意上报。');
  });
  await runAction(t, 'startPublicNotice', 'publicNotice', async () => {
    await typeDate(t, 'action-public-notice-start', noticeStart);
    await t.screenshot({ path: test.info().outputPath('applications-public-notice-modal.png') });
  });
  await expect(t.getByTestId('deadline-publicNoticeEnds')).toHaveAttribute('data-state', 'overdue');
  await expect(t.getByTestId('action-sendToCounty')).toBeEnabled();
  await runAction(t, 'sendToCounty', 'pendingConfirmation');
  await expect(t.getByTestId('deadline-countyDecision')).toHaveAttribute('data-state', /ok|near/);
  await expectAllSynced(t);

  // The county sees it in 审核确认 without a reload, records its 信息核对 (approval waits for it)
  // and approves it with an amount.
  const countyRow = applicationRows(c).filter({ hasText: zhao.name });
  await expect(countyRow).toHaveCount(1);
  await countyRow.click();
  await expect(c.getByTestId('action-approve')).toBeDisabled();
  await expect(c.getByTestId('approve-waits-for-verification')).toBeVisible();
  await c.getByTestId('record-verification').click();
  await c.getByTestId('verification-result').getByText('核对相符').click();
  await c.getByTestId('verification-note').fill('户籍、不动产、车辆、存款核对相符');
  await c.getByTestId('verification-confirm').click();
  await expect(c.getByTestId('application-verification')).toContainText('核对相符');
  await runAction(c, 'approve', 'approved', async () => {
    await c.getByTestId('action-amount').fill('720');
  });
  await expect(c.getByTestId('application-decision')).toContainText('720.00');
  await expectAllSynced(c);

  // Back in the village, the assistant's open page shows the whole path.
  await expect(summary.getByTestId('application-status')).toHaveAttribute('data-status', 'approved');
  const history = a.getByTestId('history-entry');
  await expect(history).toHaveCount(7);
  const actions = await history.evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-action')));
  expect(actions).toEqual(['submit', 'accept', 'startInvestigation', 'preliminaryReview', 'startPublicNotice', 'sendToCounty', 'approve']);
  await expect(history.nth(0)).toContainText('王秀兰 · 村级民政协理员');
  await expect(history.nth(1)).toContainText('乡镇社会救助服务站');
  await expect(history.nth(6)).toContainText('县级民政局');
  await expect(history.nth(6).getByTestId('history-when')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await expect(a.getByTestId('application-actions')).toContainText('现在没有需要您办理的步骤');
  await a.screenshot({ path: test.info().outputPath('applications-detail-approved.png'), fullPage: true });
  await a.getByTestId('menu-applications').click();
  // Newest first: this run's application heads the list.
  await expect(applicationRows(a).first()).toContainText(zhao.name);
  await expect(applicationRows(a).first().getByTestId('application-status')).toHaveAttribute('data-status', 'approved');
  await a.screenshot({ path: test.info().outputPath('applications-list.png'), fullPage: true });

  await Promise.all([villageContext.close(), townshipContext.close(), countyContext.close()]);
});

test('a 医疗救助 preview shows what the household paid after insurance', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'xieli_a');
  await expectAllSynced(page);

  await openHouseholds(page);
  await page.getByTestId('household-register').click();
  await fillHouseholdForm(page, '碣石山镇一村 2 排 8 号', [{ name: '张桂兰', idNumber: testIdNumber('1961-03-12', 52) }]);
  await page.getByTestId('household-submit').click();
  await expect(page.getByTestId('household-summary')).toBeVisible();

  await page.getByTestId('application-new').click();
  await chooseOption(page, 'application-type', '医疗救助');
  await chooseOption(page, 'application-applicant', '张桂兰（户主）');
  // 单人户 is only for people the household registered as such: the form says so.
  await page.getByTestId('application-single-person-unit').check();
  await expect(page.getByTestId('single-person-unit-hint')).toBeVisible();
  await page.getByTestId('application-single-person-unit').uncheck();
  await expect(page.getByTestId('single-person-unit-hint')).toHaveCount(0);
  await expect(page.getByTestId('documents-checklist')).toContainText('医疗费用票据');
  await page.getByTestId('medical-total-cost').fill('200000');
  await page.getByTestId('medical-reimbursed').fill('120000');
  await page.getByTestId('medical-reimbursed').press('Tab');
  await expect(page.getByTestId('medical-out-of-pocket')).toContainText('80,000.00');
  await page.getByTestId('document-reimbursementStatement-state').getByText('缺', { exact: true }).click();
  await page.screenshot({ path: test.info().outputPath('applications-form-medical.png'), fullPage: true });
  await page.getByTestId('application-save').click();
  await expect(page.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();

  await expect(page.getByTestId('application-summary').getByTestId('application-status')).toHaveAttribute('data-status', 'draft');
  await expect(page.getByTestId('missing-items-notice')).toContainText('医保报销结算单');
  const preview = page.getByTestId('eligibility-preview');
  const pocket = preview.getByTestId('eligibility-rule').filter({ hasText: '医保报销后个人自付费用' });
  await expect(pocket).toHaveAttribute('data-passed', 'passed');
  await expect(pocket.locator('[data-testid="eligibility-figure"][data-key="outOfPocket"]')).toHaveText('80,000.00');
  await expect(pocket.locator('[data-testid="eligibility-figure"][data-key="totalCost"]')).toHaveText('200,000.00');
  await expect(page.getByTestId('history-empty')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('applications-detail-medical.png'), fullPage: true });
  await expectAllSynced(page);
  await context.close();
});

type Doc = Record<string, unknown> & { id: string; status: string; history: Record<string, unknown>[]; updatedAt: number };

test('a village assistant cannot approve an application by pushing a forged record', async ({ request, browser }) => {
  const session = await apiSignIn(request, 'xieli_a', 'e2e-forge-xieli_a-0001');
  const { user } = session;
  const headers = bearer(session);
  const final = ['approved', 'refused', 'withdrawn'];
  let applications = await pullEverything<Doc>(request, session, 'applications');
  let current = applications.find((doc) => doc.status === 'pendingConfirmation') ?? applications.find((doc) => !final.includes(doc.status));

  if (!current) {
    // Nothing open in this village yet: submit one the honest way first (that push must pass).
    const [household] = await pullEverything<Doc>(request, session, 'households');
    const member = (household?.['members'] as { id: string }[] | undefined)?.[0];
    if (!household || !member) throw new Error('the demo village has no household');
    const now = Date.now();
    const by = { id: user.id, displayName: user.displayName, role: 'assistant' as const };
    const honest = submittedApplication({ id: household.id, areaCode: String(household['areaCode']) }, member.id, by, `app-e2eforge${now}`, now);
    const pushed = await request.post('/api/v1/sync/applications/push', { headers, data: [{ assumedMasterState: null, newDocumentState: honest }] });
    expect(pushed.status()).toBe(200);
    applications = await pullEverything<Doc>(request, session, 'applications');
    current = applications.find((doc) => doc.id === honest.id);
  }
  if (!current) throw new Error('no application to forge');

  const before = { status: current.status, history: current.history.length, updatedAt: current.updatedAt };
  const forged = {
    ...current,
    status: 'approved',
    decision: { approvedMonthlyAmount: 2000, method: 'gap' },
    history: [
      ...current.history,
      { id: 'h-forged-approve', action: 'approve', from: current.status, to: 'approved', at: Date.now(), byUserId: user.id, byName: user.displayName, role: 'assistant' },
    ],
    updatedAt: current.updatedAt + 1,
    updatedBy: user.id,
  };
  const push = await request.post('/api/v1/sync/applications/push', {
    headers,
    data: [{ assumedMasterState: current, newDocumentState: forged }],
  });
  expect(push.status()).toBe(403);
  const body = (await push.json()) as { error: { code: string; message: string; details?: unknown } };
  expect(typeof body.error.code).toBe('string');
  expect(body.error.message).toContain('不能执行');

  // Nothing changed on the server.
  const after = (await pullEverything<Doc>(request, session, 'applications')).find((doc) => doc.id === current.id);
  expect(after?.status).toBe(before.status);
  expect(after?.history).toHaveLength(before.history);
  expect(after?.updatedAt).toBe(before.updatedAt);

  // And the township's page still shows the old status.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'zhen');
  await expectAllSynced(page);
  await page.goto(`/#/applications/${current.id}`);
  await expect(page.getByTestId('application-summary').getByTestId('application-status')).toHaveAttribute('data-status', before.status);
  await expect(page.getByTestId('history-entry')).toHaveCount(before.history);
  await context.close();
});

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type APIRequestContext } from '@playwright/test';
import { chinaToday } from '../../shared/domain/chinaTime';
import { addCalendarDays } from '../../shared/rules/dates';
import { test } from './appLog';
import { apiSignIn, bearer, submittedApplication, type ApiSession } from './serverApi';
import { expectAllSynced, signIn, testIdNumber } from './support';

/**
 * A village of 碣石山镇 the demo's assistants do not work in (villagesIn('371623102')[5]), so its
 * board lists this run's applications. Written out: Playwright cannot load the area data's JSON.
 */
const VILLAGE = { code: '371623102205', name: '南陈村' };

/**
 * The 3rd working day after `date`, counted here from chinese-days' table (holidays and 调休
 * Saturdays) rather than with the app's own function: the page must agree with the calendar.
 */
function thirdWorkingDayAfter(date: string): string {
  const calendar = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: object; workdays: object };
  let day = date;
  for (let left = 3; left > 0; ) {
    day = addCalendarDays(day, 1);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const working = Object.hasOwn(calendar.workdays, day) || (!Object.hasOwn(calendar.holidays, day) && weekday >= 1 && weekday <= 5);
    if (working) left -= 1;
  }
  return day;
}

type Doc = Record<string, unknown> & { id: string; status: string; history: Record<string, unknown>[] };

/** Pushes one document as `session`'s user, on top of the version the server holds (`before`). */
async function push(request: APIRequestContext, session: ApiSession, collection: string, before: unknown, after: Record<string, unknown>) {
  const answer = await request.post(`/api/v1/sync/${collection}/push`, {
    headers: bearer(session),
    data: [{ assumedMasterState: before, newDocumentState: { _deleted: false, ...after } }],
  });
  expect(answer.status(), await answer.text()).toBe(200);
  expect(await answer.json(), 'no conflict').toEqual({ conflicts: [] });
}

/** One step of the path, as the app writes it: the status, a history entry, and the step's own fields. */
async function step(
  request: APIRequestContext,
  session: ApiSession,
  role: 'township' | 'county',
  doc: Doc,
  action: string,
  to: string,
  extra: Record<string, unknown> = {},
): Promise<Doc> {
  const at = Date.now();
  const next: Doc = {
    ...doc,
    ...extra,
    status: to,
    history: [
      ...doc.history,
      { id: `h-${action}-${at}`, action, from: doc.status, to, at, byUserId: session.user.id, byName: session.user.displayName, role },
    ],
    updatedAt: at,
  };
  await push(request, session, 'applications', { _deleted: false, ...doc }, next);
  return next;
}

/**
 * A household in VILLAGE registered by the township, with everything a notice board must never
 * show (ID numbers, a phone, the address, an illness, a disability, an income), and its 低保
 * application taken by the township up to 公示, started on `noticeStart`.
 */
async function householdInNotice(request: APIRequestContext, township: ApiSession, seq: number, names: [string, string], noticeStart: string) {
  const now = Date.now();
  const head = { id: `m-${now}-1`, name: names[0], idNumber: testIdNumber('1958-04-12', seq), relation: 'head', birthDate: '1958-04-12', sex: seq % 2 ? 'male' : 'female' };
  const spouse = { id: `m-${now}-2`, name: names[1], idNumber: testIdNumber('1960-08-03', seq + 1), relation: 'spouse', birthDate: '1960-08-03', sex: (seq + 1) % 2 ? 'male' : 'female' };
  const household = {
    id: `hh-paper${now}${seq}`,
    areaCode: VILLAGE.code,
    address: `${VILLAGE.name}东街9排${seq}号`,
    phone: '13905437788',
    note: '户主尿毒症透析，配偶二级精神残疾',
    members: [
      { ...head, seriousIllness: true, illnessNote: '尿毒症，每周透析三次', monthlyIncome: 612.5 },
      { ...spouse, disability: { category: 'mental', grade: 2 } },
    ],
    createdAt: now,
    createdBy: township.user.id,
    updatedAt: now,
    updatedBy: township.user.id,
  };
  await push(request, township, 'households', null, household);

  const by = { ...township.user, role: 'township' as const };
  let application: Doc = {
    ...submittedApplication(household, head.id, by, `app-paper${now}${seq}`, now),
    coveredMemberIds: [head.id, spouse.id],
    incomeItems: [{ id: 'i1', memberId: head.id, kind: 'wages', monthlyAmount: 612.5, treatment: 'counted', note: '打零工' }],
  };
  const { _deleted: _, ...created } = application;
  await push(request, township, 'applications', null, created);
  application = await step(request, township, 'township', application, 'accept', 'accepted');
  application = await step(request, township, 'township', application, 'startInvestigation', 'investigating', {
    investigation: { investigators: ['李建国', '王秀兰'], startedOn: noticeStart, findings: '土坯房两间，透析费用高' },
  });
  application = await step(request, township, 'township', application, 'preliminaryReview', 'preliminaryReviewed', {
    preliminaryReview: { outcome: 'pass', opinion: '人均收入低于标准，同意上报' },
  });
  application = await step(request, township, 'township', application, 'startPublicNotice', 'publicNotice', { publicNotice: { start: noticeStart } });
  return { household, head, spouse, application };
}

/** Every ID-number-shaped run of characters (18: 17 digits and a digit or X). */
const ID_NUMBER_SHAPE = /\d{17}[\dXx]/;

/**
 * The township prints the 公示名单 of a village with an application in 公示: from 待办审核's
 * 打印村级公示名单 menu, the village's list names the applicant with the people covered and the
 * 7-day period — and neither the page nor its PDF holds an ID number, the phone, the address or
 * the illness. Printing is audited as a list of one row for that village.
 */
test('the printed 村级公示名单 names the applicant and the period, and holds no ID number, phone, address or illness', async ({ browser, request }) => {
  const township = await apiSignIn(request, 'zhen', 'e2e-paper-township-0001');
  const today = chinaToday();
  const { household, head } = await householdInNotice(request, township, 881, ['郜振山', '郜孙氏'], today);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'zhen');
  await expectAllSynced(page);
  await page.getByTestId('menu-township-queue').click();
  await page.getByTestId('public-notice-print').click();
  await page.getByTestId(`public-notice-village-${VILLAGE.code}`).click();
  await expect(page).toHaveURL(new RegExp(`#/print/public-notice/${VILLAGE.code}$`));

  const sheet = page.getByTestId('print-publicNoticeList');
  await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('社会救助审核公示名单');
  const row = page.getByTestId('public-notice-row').filter({ hasText: head.name });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('public-notice-name')).toHaveText(head.name);
  await expect(row).toContainText(VILLAGE.name);
  await expect(row).toContainText('低保');
  await expect(row.getByTestId('public-notice-period')).toHaveText(`${today}至${addCalendarDays(today, 7)}`);
  await expect(sheet).toContainText('碣石山镇人民政府（盖章）');
  await expect(sheet).toContainText('监督电话');
  await page.screenshot({ path: test.info().outputPath('public-notice-list.png'), fullPage: true });

  const shown = await sheet.innerText();
  expect(shown).not.toMatch(ID_NUMBER_SHAPE);
  for (const secret of [...household.members.map((member) => member.idNumber), household.phone, household.address, '尿毒症', '透析', '精神', '612.5', '打零工']) {
    expect(shown).not.toContain(secret);
  }
  // The whole page too (toolbar and all), and the PDF the desktop app would save.
  expect(await page.locator('body').innerText()).not.toMatch(ID_NUMBER_SHAPE);
  const pdf = test.info().outputPath('public-notice-list.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4' }));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('社会救助审核公示名单');
  expect(text).toContain(head.name);
  expect(text).not.toMatch(ID_NUMBER_SHAPE);
  for (const member of household.members) expect(text).not.toContain(member.idNumber);
  expect(text).not.toContain(household.phone);

  // The same village's results of this month: a list of its own, without this application (not yet approved).
  await page.getByTestId(`public-notice-choose-${today.slice(0, 7)}`).click();
  await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('社会救助审核确认结果公示名单');
  await expect(page.getByTestId('public-notice-row').filter({ hasText: head.name })).toHaveCount(0);
  await page.getByTestId('public-notice-choose-notice').click();
  await expect(page.getByTestId('public-notice-row').filter({ hasText: head.name })).toHaveCount(1);

  // 打印 (the print dialog stubbed) is audited as a list for the village, with its row count and no name.
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.getByTestId('print-now').click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  const county = await apiSignIn(request, 'xian', 'e2e-paper-county-0001');
  await expect
    .poll(
      async () => {
        const answer = await request.get('/api/v1/audit?action=export&limit=1000', { headers: bearer(county) });
        const entries = ((await answer.json()) as { entries: { collection: string | null; details: Record<string, unknown> | null }[] }).entries;
        return entries.filter((e) => e.collection === 'publicNoticeList' && (e.details?.['filter'] as Record<string, unknown>)?.['villageCode'] === VILLAGE.code).length;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(1);
  await context.close();
});

/**
 * The county refuses an application after its 公示 ran out, with two reasons. On the application,
 * 打印 offers the 不予批准通知书: addressed to the applicant, with both reasons, the decision's
 * date, the rules, 行政复议 within 60 days to the county government and 行政诉讼 within 6 months,
 * and the day it must be served by (3 working days). The 审批表 carries the 初审, the 公示 and the
 * refusal.
 */
test('a refused application offers the 不予批准通知书 with its reasons, the appeal route and its due date', async ({ browser, request }) => {
  const township = await apiSignIn(request, 'zhen', 'e2e-paper-township-0002');
  const county = await apiSignIn(request, 'xian', 'e2e-paper-county-0002');
  const today = chinaToday();
  // The 公示 started eight days ago: it has run its seven days and may go to the county.
  const noticeStart = addCalendarDays(today, -8);
  const { head, application } = await householdInNotice(request, township, 883, ['阚玉堂', '阚刘氏'], noticeStart);
  const sent = await step(request, township, 'township', application, 'sendToCounty', 'pendingConfirmation');
  const reasons = ['家庭月人均收入高于当地低保标准', '名下登记小型轿车一辆，未申报'];
  await step(request, county, 'county', sent, 'refuse', 'refused', { decision: { refusalReason: reasons.join('\n') } });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'zhen');
  await expectAllSynced(page);
  await page.goto(`/#/applications/${application.id}`);
  await expect(page.getByTestId('application-summary')).toContainText(head.name);
  // The page says by when the notice is due, before anyone opens the 打印 menu.
  await expect(page.getByTestId('refusal-notice-due')).toContainText(`即${thirdWorkingDayAfter(today)}前送达申请人`);
  await page.getByTestId('application-print').click();
  await page.getByTestId('application-print-refusal-notice').click();
  await expect(page).toHaveURL(/#\/print\/applications\/[^/]+\/refusal-notice$/);

  const notice = page.getByTestId('print-refusalNotice');
  await expect(notice.getByRole('heading', { level: 1 })).toHaveText('社会救助不予批准通知书');
  await expect(page.getByTestId('print-refusal-opening')).toContainText(`${head.name}：`);
  await expect(page.getByTestId('print-refusal-opening')).toContainText(`于${today}决定不予批准`);
  await expect(page.getByTestId('print-refusal-opening')).toContainText('《最低生活保障审核确认办法》');
  await expect(page.getByTestId('print-refusal-reasons').getByRole('listitem')).toHaveText(reasons);
  await expect(page.getByTestId('print-refusal-appeal')).toContainText('六十日内向无棣县人民政府申请行政复议');
  await expect(page.getByTestId('print-refusal-appeal')).toContainText('六个月内依法向人民法院提起行政诉讼');
  await expect(page.getByTestId('print-refusal-due')).toContainText(`3个工作日内、即${thirdWorkingDayAfter(today)}前送达`);
  await expect(page.getByTestId('print-signatures')).toContainText('申请人签收（签字）');
  await page.screenshot({ path: test.info().outputPath('refusal-notice.png'), fullPage: true });

  await page.getByTestId('print-back').click();
  await page.getByTestId('application-print').click();
  await page.getByTestId('application-print-approval-form').click();
  const form = page.getByTestId('print-approvalForm');
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('低保审核确认审批表');
  await expect(page.getByTestId('print-covered-members')).toContainText(head.name);
  await expect(page.getByTestId('print-approval-preliminary')).toContainText('人均收入低于标准，同意上报');
  await expect(page.getByTestId('print-approval-notice')).toHaveText(`公示期${noticeStart}至${addCalendarDays(noticeStart, 7)}；公示无异议`);
  await expect(page.getByTestId('print-approval-decision')).toContainText(reasons[0]!);
  await page.screenshot({ path: test.info().outputPath('approval-form.png'), fullPage: true });
  await context.close();
});

import ExcelJS from 'exceljs';
import { expect, type APIRequestContext } from '@playwright/test';
import { chinaDateOf, chinaToday } from '../../shared/domain/chinaTime';
import { addMonthsTo, monthOf } from '../../shared/rules/benefit';
import { rosterFor, rosterTotals, type RosterApplication, type RosterHousehold, type RosterLine } from '../../shared/rules/roster';
import { test } from './appLog';
import { apiSignIn, bearer, pullEverything, submittedApplication, type ApiSession } from './serverApi';
import { chooseOption, expectAllSynced, signIn } from './support';

interface ServerHousehold {
  id: string;
  areaCode: string;
  archived?: unknown;
  categories?: string[];
  members: { id: string; name: string; relation: string }[];
}
type ServerApplication = RosterApplication & { history: { at: number }[]; updatedAt: number; _deleted?: boolean; [field: string]: unknown };

const DAY = 86_400_000;

/** Reads the first sheet back cell by cell (seven columns), empty cells as null. */
async function readRoster(path: string): Promise<{ name: string; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push(Array.from({ length: 7 }, (_, i) => row.getCell(i + 1).value ?? null)));
  return { name: sheet.name, rows };
}

const typeWords: Record<string, string> = { dibao: '低保', tekun: '特困供养' };

/**
 * The sheet a payment office expects of these lines: numbered rows, a 小计 after each village and
 * a 合计. Village names are Binzhou's area list's (not loadable here), so they are taken from the
 * file and checked to be the same on every row of a village and on its 小计.
 */
function expectedRows(lines: RosterLine[], file: unknown[][]): unknown[][] {
  const rows: unknown[][] = [['序号', '村（社区）', '户主姓名', '保障人数', '救助类型', '月保障金额（元）', '备注']];
  let number = 0;
  for (const village of [...new Set(lines.map((line) => line.areaCode))]) {
    const own = lines.filter((line) => line.areaCode === village);
    const name = String(file[rows.length]?.[1] ?? '');
    expect(name).not.toBe('');
    for (const line of own) {
      number += 1;
      rows.push([number, name, line.headName, line.persons, typeWords[line.type], line.monthlyAmount, line.phasingOut ? `渐退期至${line.phaseOutUntil}` : '']);
    }
    const sum = rosterTotals(own);
    rows.push([null, `${name}小计`, null, sum.persons, null, sum.amount, `${sum.households}户`]);
  }
  const total = rosterTotals(lines);
  rows.push([null, '合计', null, total.persons, null, total.amount, `${total.households}户`]);
  return rows;
}

/**
 * A 低保 application taken the whole way to approval through the server, as each role's laptop
 * would push it, its steps dated two months back: the county approved it then, so it is paid
 * from the month after, and this month's 花名册 lists it.
 */
async function approvedLongAgo(
  request: APIRequestContext,
  people: { township: ApiSession; county: ApiSession },
  household: ServerHousehold,
  amount: number,
): Promise<ServerApplication> {
  const headId = household.members.find((m) => m.relation === 'head')!.id;
  const start = Date.now() - 90 * DAY;
  const day = (offset: number) => chinaDateOf(start + offset * DAY);
  const township = { ...people.township.user, role: 'township' as const };
  const county = { ...people.county.user, role: 'county' as const };
  let app = submittedApplication(household, headId, township, `app-e2elife${household.id.slice(-8)}${Date.now() % 100000}`, start) as unknown as ServerApplication;
  const pushed = await request.post('/api/v1/sync/applications/push', {
    headers: bearer(people.township),
    data: [{ assumedMasterState: null, newDocumentState: app }],
  });
  expect(pushed.status()).toBe(200);
  // 低保 is approved only with the county's 信息核对 on file: the county records it as it decides.
  const steps = [
    { action: 'accept', to: 'accepted', by: township, session: people.township, offset: 1, extra: {} },
    { action: 'startInvestigation', to: 'investigating', by: township, session: people.township, offset: 2, extra: { investigation: { investigators: ['刘芳', '陈静'], startedOn: day(2) } } },
    { action: 'preliminaryReview', to: 'preliminaryReviewed', by: township, session: people.township, offset: 5, extra: {} },
    { action: 'startPublicNotice', to: 'publicNotice', by: township, session: people.township, offset: 6, extra: { publicNotice: { start: day(6) } } },
    { action: 'sendToCounty', to: 'pendingConfirmation', by: township, session: people.township, offset: 25, extra: {} },
    { action: 'approve', to: 'approved', by: county, session: people.county, offset: 30, extra: { decision: { approvedMonthlyAmount: amount, method: 'gap' }, verification: { result: 'consistent', checkedOn: day(29) } } },
  ];
  for (const step of steps) {
    const at = start + step.offset * DAY;
    const entry = { id: `h-${step.action}-${at}`, action: step.action, from: app['status'], to: step.to, at, byUserId: step.by.id, byName: step.by.displayName, role: step.by.role };
    const next = { ...app, ...step.extra, status: step.to, history: [...app.history, entry], updatedAt: app.updatedAt + 1 } as ServerApplication;
    const answer = await request.post('/api/v1/sync/applications/push', {
      headers: bearer(step.session),
      data: [{ assumedMasterState: app, newDocumentState: next }],
    });
    expect(answer.status(), `${step.action}: ${await answer.text()}`).toBe(200);
    app = next;
  }
  return app;
}

/**
 * A 低保 household approved two months ago is reviewed by the county, whose "stop" outcome opens
 * the 停发 form: stopped with a reason from next month, this month's 花名册 still lists it, next month's no longer does, the household leaves
 * 低保对象, and next month's Excel export holds exactly what the server's records make of it.
 */
test('a 低保 household reviewed and stopped from next month leaves next month’s 花名册 and its Excel export', async ({ browser, request }) => {
  const township = await apiSignIn(request, 'zhen', 'e2e-caselife-township-01');
  const county = await apiSignIn(request, 'xian', 'e2e-caselife-county-0001');
  const applications = await pullEverything<ServerApplication>(request, county, 'applications');
  const withApplication = new Set(applications.map((a) => a.householdId));
  const households = (await pullEverything<ServerHousehold>(request, township, 'households')).filter(
    (h) => h.archived === undefined && !withApplication.has(h.id) && h.members.some((m) => m.relation === 'head'),
  );
  const [stopping, staying] = [households[0]!, households[1]!];
  const stoppingHead = stopping.members.find((m) => m.relation === 'head')!.name;
  const stayingHead = staying.members.find((m) => m.relation === 'head')!.name;
  const stopped = await approvedLongAgo(request, { township, county }, stopping, 420);
  await approvedLongAgo(request, { township, county }, staying, 300);
  const thisMonth = monthOf(chinaToday());
  const nextMonth = addMonthsTo(thisMonth, 1);

  // The approval put the household in 低保对象, on the server.
  const inGroup = (await pullEverything<ServerHousehold>(request, county, 'households')).find((h) => h.id === stopping.id)!;
  expect(inGroup.categories).toContain('dibao');

  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, 'xian');
  await expectAllSynced(page);
  await page.goto(`/#/applications/${stopped.id}`);
  await expect(page.getByTestId('benefit-state')).toHaveText('正常发放');
  await expect(page.getByTestId('benefit-amount')).toContainText('420');

  // The review finds the household no longer qualifies: its outcome opens the 停发 form next.
  await page.getByTestId('benefit-action-review').click();
  await page.getByTestId('benefit-review-outcome').getByText('停止保障').click();
  await page.getByTestId('benefit-review-save').click();
  await expect(page.getByTestId('benefit-change-form-stop')).toBeVisible();
  // 停发 from next month, with the reason.
  await page.getByTestId('benefit-change-save').click();
  await expect(page.getByText('请选择生效月份')).toBeVisible();
  await chooseOption(page, 'benefit-change-month', nextMonth);
  await page.getByTestId('benefit-change-reason').fill('家庭成员就业，人均收入超过低保标准');
  await page.getByTestId('benefit-change-save').click();
  await expect(page.getByTestId('benefit-state')).toHaveText('已停发');
  await expect(page.getByTestId('benefit-stopped-from')).toHaveText(nextMonth);
  await expect(page.getByTestId('benefit-changes')).toContainText('家庭成员就业');
  await expect(page.getByTestId('benefit-panel')).toContainText('停止保障');
  await expectAllSynced(page);

  // The server holds the stop, and the household has left 低保对象.
  await expect(async () => {
    const held = (await pullEverything<ServerApplication>(request, county, 'applications')).find((a) => a.id === stopped.id)!;
    expect(held.benefit).toMatchObject({ state: 'stopped', stoppedFrom: nextMonth, reviews: [{ outcome: 'stop', on: chinaToday() }] });
    const household = (await pullEverything<ServerHousehold>(request, county, 'households')).find((h) => h.id === stopping.id)!;
    expect(household.categories ?? []).not.toContain('dibao');
  }).toPass({ timeout: 20_000 });

  // 花名册: this month still lists both; next month only the one still paid.
  await page.getByTestId('menu-roster').click();
  await expect(page).toHaveURL(/#\/roster$/);
  const table = page.getByTestId('roster-table');
  await expect(table).toContainText(stoppingHead);
  await expect(table).toContainText(stayingHead);
  await chooseOption(page, 'roster-month', nextMonth);
  await expect(table).toContainText(stayingHead);
  await expect(table).not.toContainText(stoppingHead);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('roster-export').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^救助通-保障金花名册${nextMonth}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
  const file = test.info().outputPath('roster.xlsx');
  await download.saveAs(file);
  const { name, rows } = await readRoster(file);
  expect(name).toBe(`保障金花名册${nextMonth}`);
  expect(rows[0]).toEqual(['序号', '村（社区）', '户主姓名', '保障人数', '救助类型', '月保障金额（元）', '备注']);
  // Every cell as the server's records make it (other tests may have approved others in the county).
  const serverApplications = await pullEverything<ServerApplication>(request, county, 'applications');
  const serverHouseholds = new Map<string, RosterHousehold>((await pullEverything<ServerHousehold>(request, county, 'households')).map((h) => [h.id, h]));
  const lines = rosterFor(nextMonth, '371623', serverApplications, serverHouseholds);
  expect(rows).toEqual(expectedRows(lines, rows));
  const heads = rows.map((row) => row[2]);
  expect(heads).toContain(stayingHead);
  expect(heads).not.toContain(stoppingHead);
  const stayingRow = rows.find((row) => row[2] === stayingHead)!;
  expect(stayingRow.slice(3, 7)).toEqual([1, '低保', 300, '']);
  expect(rows.at(-1)?.[1]).toBe('合计');
  const dataRows = rows.slice(1).filter((row) => typeof row[0] === 'number');
  expect(rows.at(-1)?.[5]).toBeCloseTo(dataRows.reduce((sum, row) => sum + Number(row[5]), 0), 2);
  await context.close();
});

/**
 * B1 art. 31: the village assistant's visit to a household receiving 低保 is its review and must
 * say what it found; the township records that outcome on the benefit from its 今日, naming the
 * visit, and the county is then asked to act on it.
 */
test('a review visit’s outcome is asked for on a 低保 household, recorded by the township from its 今日, and put before the county', async ({ browser, request }) => {
  const assistant = await apiSignIn(request, 'xieli_a', 'e2e-caselife-assistant-1');
  const township = await apiSignIn(request, 'zhen', 'e2e-caselife-township-02');
  const county = await apiSignIn(request, 'xian', 'e2e-caselife-county-0002');
  const withApplication = new Set((await pullEverything<ServerApplication>(request, county, 'applications')).map((a) => a.householdId));
  const household = (await pullEverything<ServerHousehold>(request, assistant, 'households')).find(
    (h) => h.archived === undefined && !withApplication.has(h.id) && h.members.some((m) => m.relation === 'head'),
  )!;
  const head = household.members.find((m) => m.relation === 'head')!.name;
  const paid = await approvedLongAgo(request, { township, county }, household, 380);

  // One laptop each: the village's, the township station's, the county office's.
  const laptops = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const village = await laptops[0].newPage();
  await signIn(village, 'xieli_a');
  await expectAllSynced(village);
  await village.goto(`/#/households/${household.id}/visits/new`);
  await expect(village.getByTestId('visit-step-1')).toBeVisible();
  await village.getByTestId('visit-next').click();
  await village.getByTestId('visit-next').click();
  await village.getByTestId('visit-findings').fill('户主已外出务工，家庭收入明显增加。');
  // The household receives 低保: the visit cannot be saved without its review outcome.
  await expect(village.getByTestId('visit-review-outcome')).toBeVisible();
  await village.getByTestId('visit-submit').click();
  await expect(village.getByText('该户正在领取保障金，请选择本次走访的复核结论')).toBeVisible();
  await village.getByTestId('visit-review-adjust').click();
  await village.getByTestId('visit-submit').click();
  await expect(village.getByText('走访记录已保存在本机，联网后自动上传')).toBeVisible();
  await expectAllSynced(village);

  // The township's 今日 lists the outcome to record; the benefit panel records it, naming the visit.
  const station = await laptops[1].newPage();
  await signIn(station, 'zhen');
  await expectAllSynced(station);
  await station.goto('/#/today');
  const item = station.getByTestId('today-item').filter({ hasText: head }).filter({ hasText: '走访复核结论“调整金额”，待录入' });
  await expect(item).toHaveCount(1);
  await item.click();
  await expect(station).toHaveURL(new RegExp(`#/applications/${paid.id}$`));
  await expect(station.getByTestId('benefit-visit-review')).toContainText('调整金额');
  await station.getByTestId('benefit-visit-review-record').click();
  await expect(station.getByTestId('benefit-review-outcome').getByRole('radio', { name: '调整金额' })).toBeChecked();
  await station.getByTestId('benefit-review-save').click();
  await expect(station.getByTestId('benefit-visit-review')).toHaveCount(0);
  await expect(station.getByTestId('benefit-panel')).toContainText('调整金额');
  await expectAllSynced(station);
  await station.goto('/#/today');
  await expect(station.getByTestId('today-item').filter({ hasText: '走访复核结论' }).filter({ hasText: head })).toHaveCount(0);

  // On the server: the visit's outcome and the review naming it; the county's 今日 asks it to act.
  await expect(async () => {
    const visits = (await pullEverything<{ id: string; householdId: string; reviewOutcome?: string; _deleted?: boolean }>(request, county, 'visits')).filter((v) => v.householdId === household.id);
    const review = visits.find((v) => v.reviewOutcome === 'adjust');
    expect(review).toBeDefined();
    const held = (await pullEverything<ServerApplication>(request, county, 'applications')).find((a) => a.id === paid.id)!;
    expect(held.benefit?.reviews).toEqual([expect.objectContaining({ visitId: review!.id, outcome: 'adjust' })]);
  }).toPass({ timeout: 20_000 });
  const office = await laptops[2].newPage();
  await signIn(office, 'xian');
  await expectAllSynced(office);
  await office.goto('/#/today');
  await expect(office.getByTestId('today-item').filter({ hasText: head }).filter({ hasText: '复核结论“调整金额”，待调整' })).toHaveCount(1);
  await Promise.all(laptops.map((laptop) => laptop.close()));
});

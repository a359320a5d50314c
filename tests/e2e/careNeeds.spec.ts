import { expect, type Page } from '@playwright/test';
import { test } from './appLog';
import { chinaToday } from '../../shared/domain/chinaTime';
import { expectAllSynced, fillHouseholdForm, householdRows, signIn, testIdNumber, chooseOption } from './support';

/** Types a date into an antd date picker and confirms it. */
async function fillDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await expect(input).toHaveValue(date);
}

/**
 * 赵丽 receives 低保, has kidney disease and would like to work. The village assistant registers
 * her household with those details; the township's social worker, on another laptop, finds it
 * after sync, records a care need with a referral to a public-welfare post (公益性岗位) and a
 * follow-up due today, and finds that follow-up on her 今日 page.
 */
test('a care need with a public-welfare post referral, its follow-up on the social worker’s 今日 page', async ({ browser }) => {
  const today = chinaToday();
  const zhaoLi = { name: '赵丽', idNumber: testIdNumber('1981-04-23', 58) };

  const village = await browser.newContext();
  const a = await village.newPage();
  await signIn(a, 'xieli_a');
  await expectAllSynced(a);
  // Every role lands on 今日.
  await expect(a).toHaveURL(/#\/today$/);
  await expect(a.getByTestId('today-card-visit')).toBeVisible();

  // The assistant registers the household with the member's details and its group.
  await a.getByRole('menuitem', { name: '家庭' }).click();
  await a.getByTestId('household-register').click();
  await fillHouseholdForm(a, '碣石山镇一村 8 排 6 号', [zhaoLi]);
  await expect(a.getByTestId('member-1-more-summary')).toBeVisible();
  await a.getByTestId('member-1-more').click();
  await a.getByTestId('member-1-serious-illness').check();
  await a.getByTestId('member-1-illness-note').fill('慢性肾病（尿毒症），每周透析两次');
  await a.getByTestId('member-1-labour-ability').getByText('部分丧失劳动能力', { exact: true }).click();
  await a.getByTestId('member-1-wants-employment').check();
  await a.getByTestId('member-1-monthly-income').fill('300');
  // A disability category without its grade is not saved: the grade is asked for inline.
  await chooseOption(a, 'member-1-disability-category', '肢体残疾');
  await a.getByTestId('household-category-dibao').check();
  await expect(a.getByTestId('household-circle')).toHaveText('核心圈层');
  await a.getByTestId('household-submit').click();
  await expect(a.getByText('请选择残疾等级（1–4级，见残疾人证）')).toBeVisible();
  await expect(a.getByText('已保存在本机，联网后自动上传')).toHaveCount(0);
  await a.getByTestId('member-1-disability-category').locator('.ant-select-clear').click();
  await expect(a.getByText('请选择残疾等级（1–4级，见残疾人证）')).toHaveCount(0);
  await a.getByTestId('household-submit').click();
  await expect(a.getByText('已保存在本机，联网后自动上传')).toBeVisible();

  await expect(a.getByTestId('household-categories')).toContainText('低保对象');
  await expect(a.getByTestId('household-circle')).toHaveText('核心圈层');
  await expect(a.getByTestId('members-table')).toContainText('部分丧失劳动能力');
  await expect(a.getByTestId('member-serious-illness')).toContainText('尿毒症');
  await expect(a.getByTestId('member-wants-employment')).toBeVisible();
  await expect(a.getByTestId('members-table')).toContainText('300.00');
  await expectAllSynced(a);
  // A 低保 household never visited is due for its visit: it is on the assistant's 今日 page.
  await a.getByTestId('menu-today').click();
  const assistantItem = a.getByTestId('today-item').filter({ hasText: zhaoLi.name });
  await expect(assistantItem).toHaveAttribute('data-kind', 'visit');

  // The social worker of the township, on her own laptop.
  const worker = await browser.newContext();
  const s = await worker.newPage();
  await signIn(s, 'shegong');
  await expectAllSynced(s);
  await expect(s.getByTestId('today-card-followUp')).toBeVisible();
  await s.getByRole('menuitem', { name: '家庭' }).click();
  // A whole ID number finds the one household (names can repeat).
  await s.getByTestId('household-search').fill(zhaoLi.idNumber);
  await expect(householdRows(s)).toHaveCount(1);
  await householdRows(s).first().click();
  await expect(s.getByTestId('members-table')).toContainText(zhaoLi.name);

  await s.getByTestId('care-need-new').click();
  // Nothing is saved while required choices are missing.
  await s.getByTestId('care-need-submit').click();
  await expect(s.getByText('请选择需求类别')).toBeVisible();
  await expect(s.getByText('请填写需求情况')).toBeVisible();

  await chooseOption(s, 'care-need-member', `${zhaoLi.name}（户主）`);
  await s.getByTestId('care-need-category').getByText('就业', { exact: true }).click();
  await s.getByTestId('care-need-severity').getByText('较重', { exact: true }).click();
  await s.getByTestId('care-need-description').fill('患慢性肾病，不能从事重体力劳动，希望在村里找一份轻体力工作');
  await s.getByTestId('care-need-service-plan').fill('联系镇公益性岗位；每月回访一次');
  await s.getByTestId('referral-add').click();
  await chooseOption(s, 'referral-1-kind', '公益性岗位');
  await s.getByTestId('referral-1-target').fill('碣石山镇公益性岗位（村道保洁）');
  await chooseOption(s, 'referral-1-state', '已转介');
  await s.getByTestId('follow-up-add').click();
  await s.getByTestId('care-need-submit').click();
  await expect(s.getByText('请选择计划回访日期')).toBeVisible();
  await fillDate(s, 'follow-up-1-due', today);
  await s.getByTestId('care-need-submit').click();
  await expect(s.getByText('照料需求已保存在本机，联网后自动上传')).toBeVisible();

  // Back on the household: the need is listed.
  const row = s.getByTestId('care-need-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('就业');
  await expect(row).toContainText(today);
  await expectAllSynced(s);

  // 今日: the follow-up due today, which opens the care need.
  await s.getByTestId('menu-today').click();
  const item = s.getByTestId('today-item').filter({ hasText: zhaoLi.name });
  await expect(item).toHaveAttribute('data-kind', 'followUp');
  await expect(item).toContainText('今天到期');
  await expect(item).toContainText('就业 · 回访');
  await item.click();
  await expect(s).toHaveURL(/#\/care-needs\/cn-/);
  await expect(s.getByTestId('referral-1-target')).toHaveValue('碣石山镇公益性岗位（村道保洁）');
  await expect(s.getByTestId('referral-1')).toContainText('公益性岗位');

  // 照料需求 in the menu lists it too.
  await s.getByTestId('menu-care-needs').click();
  await expect(s.getByTestId('care-need-row').filter({ hasText: zhaoLi.name })).toHaveCount(1);

  // Closed (已结束): it leaves the list until 显示已结束的 is ticked, and leaves 今日.
  await s.getByTestId('care-need-row').filter({ hasText: zhaoLi.name }).click();
  await s.getByTestId('care-need-state').getByText('已结束', { exact: true }).click();
  // The first save's message has gone, so the one awaited below is this save's.
  await expect(s.getByText('照料需求已保存在本机，联网后自动上传')).toHaveCount(0);
  await s.getByTestId('care-need-submit').click();
  await expect(s.getByText('照料需求已保存在本机，联网后自动上传')).toBeVisible();
  await s.getByTestId('menu-care-needs').click();
  await expect(s.getByTestId('care-need-row').filter({ hasText: zhaoLi.name })).toHaveCount(0);
  await s.getByTestId('care-need-show-closed').check();
  await expect(s.getByTestId('care-need-row').filter({ hasText: zhaoLi.name })).toContainText('已结束');
  await s.getByTestId('menu-today').click();
  await expect(s.getByTestId('today-card-followUp')).toBeVisible();
  await expect(s.getByTestId('today-item').filter({ hasText: zhaoLi.name })).toHaveCount(0);

  await Promise.all([village.close(), worker.close()]);
});

test('a half-filled visit survives a reload as a draft; discarding clears it; saving clears it', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'xieli_a');
  await expectAllSynced(page);
  await page.getByRole('menuitem', { name: '家庭' }).click();
  await householdRows(page).first().click();
  // Read once the household's page is open: right after the click the address can still be the list's.
  await expect(page).toHaveURL(/#\/households\/hh-/);
  const householdUrl = page.url();

  await page.getByTestId('visit-new').click();
  await expect(page.getByTestId('visit-step-1')).toBeVisible();
  await expect(page.getByTestId('visit-draft-restored')).toHaveCount(0);
  // 入户调查 by one person does not get past the first section.
  await chooseOption(page, 'visit-type', '入户调查');
  await page.getByTestId('visit-next').click();
  await expect(page.getByText('入户调查须有两名以上调查人员')).toBeVisible();
  await expect(page.getByTestId('visit-step-1')).toBeVisible();
  await page.locator('#visit-investigators').fill('李建国，');
  await expect(page.getByText('入户调查须有两名以上调查人员')).toHaveCount(0);
  await page.getByTestId('visit-member-present-1').check();
  await page.getByTestId('visit-next').click();

  await expect(page.getByTestId('visit-step-2')).toBeVisible();
  await page.getByTestId('visit-condition-income').fill('务农年收入约6000元');
  await page.getByTestId('visit-next').click();
  await expect(page.getByTestId('visit-step-3')).toBeVisible();
  await page.getByTestId('visit-need-employment').check();
  await page.getByTestId('visit-findings').fill('房屋漏雨，需要修缮');

  // A reload (or a crash) loses nothing: the draft comes back where it was left.
  await page.reload();
  await expect(page.getByTestId('visit-draft-restored')).toBeVisible();
  await expect(page.getByTestId('visit-draft-restored')).toContainText('已恢复上次未保存的草稿');
  await expect(page.getByTestId('visit-step-3')).toBeVisible();
  await expect(page.getByTestId('visit-findings')).toHaveValue('房屋漏雨，需要修缮');
  await expect(page.getByTestId('visit-need-employment')).toBeChecked();
  await page.getByTestId('visit-prev').click();
  await expect(page.getByTestId('visit-condition-income')).toHaveValue('务农年收入约6000元');

  // 放弃草稿: a fresh form, and nothing comes back after another reload.
  await page.getByTestId('visit-draft-discard').click();
  await expect(page.getByTestId('visit-draft-restored')).toHaveCount(0);
  await expect(page.getByTestId('visit-step-1')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('visit-step-1')).toBeVisible();
  await expect(page.getByTestId('visit-draft-restored')).toHaveCount(0);

  // A visit filled in and saved leaves no draft behind.
  await page.getByTestId('visit-next').click();
  await page.getByTestId('visit-next').click();
  await page.getByTestId('visit-findings').fill('生活基本稳定');
  // The list's first household may receive 低保 (the demo is that of today's month): its visit is then a review.
  if (await page.getByTestId('visit-review-outcome').isVisible()) await page.getByTestId('visit-review-continue').click();
  await page.getByTestId('visit-submit').click();
  await expect(page.getByText('走访记录已保存在本机，联网后自动上传')).toBeVisible();
  await expect(page).toHaveURL(householdUrl);
  await expect(page.getByTestId('visit-row').filter({ hasText: '生活基本稳定' })).toHaveCount(1);
  await page.getByTestId('visit-new').click();
  await expect(page.getByTestId('visit-step-1')).toBeVisible();
  await expect(page.getByTestId('visit-draft-restored')).toHaveCount(0);
  await context.close();
});

test('archiving needs a reason; an archived household leaves the list until 显示已归档 is ticked', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'xieli_a');
  await expectAllSynced(page);
  const member = { name: '钱桂香', idNumber: testIdNumber('1948-12-02', 63) };
  await page.getByRole('menuitem', { name: '家庭' }).click();
  await page.getByTestId('household-register').click();
  await fillHouseholdForm(page, '碣石山镇一村 2 排 9 号', [member]);
  await page.getByTestId('household-submit').click();
  await expect(page.getByText('已保存在本机，联网后自动上传')).toBeVisible();

  await page.getByTestId('household-archive').click();
  await page.getByTestId('household-archive-confirm').click();
  await expect(page.getByText('请填写归档原因')).toBeVisible();
  await page.getByTestId('household-archive-reason').fill('全家迁往县城居住');
  await page.getByTestId('household-archive-confirm').click();
  await expect(page.getByTestId('household-archived-banner')).toContainText('全家迁往县城居住');
  await expect(page.getByTestId('household-archive')).toHaveCount(0);

  await page.getByTestId('page-back').click();
  await page.getByTestId('household-search').fill(member.idNumber);
  await expect(page.getByTestId('household-empty')).toBeVisible();
  await page.getByTestId('household-show-archived').check();
  await expect(householdRows(page)).toHaveCount(1);
  await expect(householdRows(page).first()).toContainText('已归档');
  await expectAllSynced(page);
  await context.close();
});

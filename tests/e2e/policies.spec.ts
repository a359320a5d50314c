import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './appLog';
import { apiSignIn, bearer, pullEverything, submittedApplication } from './serverApi';
import { expectAllSynced, signIn } from './support';
import { chinaToday } from '../../shared/domain/chinaTime';
import { addCalendarDays } from '../../shared/rules/dates';

/**
 * Policy figures are data the county owns: the demo starts 无棣县 on example figures (示例, which
 * every screen marks as such); 无棣县's user sets a real 低保 standard on the 政策参数 page; a village
 * assistant's laptop syncs, goes offline, and the eligibility preview of an application there now
 * judges with the new figure and names it with its period and source, no longer marked 示例.
 */

const today = chinaToday();
const SOURCE = '无棣县人民政府关于调整城乡低保标准的通知（无政字〔2026〕12号）';

async function typeDate(page: Page, testId: string, date: string): Promise<void> {
  const box = page.getByTestId(testId);
  const input: Locator = (await box.evaluate((element) => element.tagName)) === 'INPUT' ? box : box.locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await expect(input).toHaveValue(date);
}

test('a new 低保 standard set by the county reaches a village laptop and changes the preview offline', async ({ browser, request }) => {
  // A 低保 application of one person with 1,000 yuan a month and only exempt property, filed in 王秀兰's village.
  const session = await apiSignIn(request, 'xieli_a', 'dev-e2e-policies-seed');
  const households = await pullEverything<{ id: string; areaCode: string; members: { id: string; name: string }[] }>(request, session, 'households');
  const household = households.find((h) => h.members.length > 0)!;
  const applicant = household.members[0]!;
  const id = `app-e2e-policies-${Date.now().toString(36)}`;
  const application = {
    ...submittedApplication(household, applicant.id, { ...session.user, role: 'assistant' }, id),
    incomeItems: [{ id: 'inc-1', memberId: applicant.id, kind: 'wages', monthlyAmount: 1000, treatment: 'counted' }],
    propertyItems: [{ id: 'prop-1', description: '自住农房', exempt: true, exemptReason: '生活必需' }],
  };
  const pushed = await request.post('/api/v1/sync/applications/push', { headers: bearer(session), data: [{ assumedMasterState: null, newDocumentState: application }] });
  expect(pushed.status()).toBe(200);

  // The village laptop: the demo's example standard (780 rural, 960 urban a month) is below the
  // 1,000 yuan of income, and the preview says plainly that it judges with example figures.
  const villageContext = await browser.newContext();
  const a = await villageContext.newPage();
  await signIn(a, 'xieli_a');
  await expectAllSynced(a);
  await a.waitForFunction(() => Boolean(navigator.serviceWorker?.controller));
  await a.goto(`/#/applications/${id}`);
  await expect(a.getByTestId('eligibility-policy-example')).toContainText('示例参数，不是本县公布的标准');
  await expect(a.getByTestId('eligibility-policy-placeholder')).toHaveCount(0);
  await expect(a.getByTestId('eligibility-preview')).toHaveAttribute('data-result', 'likelyNotEligible');
  // The village's standard is the urban or the rural one, as the page says.
  const rural = (await a.getByText('按农村低保标准判断').count()) > 0;
  const standard = rural ? { name: 'dibaoStandardRuralMonthly', shown: '1,100.00' } : { name: 'dibaoStandardUrbanMonthly', shown: '1,200.00' };
  const income = a.locator('[data-testid="eligibility-rule"][data-rule="dibaoIncome"]');
  await expect(income).toHaveAttribute('data-passed', 'failed');
  const exampleFigure = income.locator(`[data-testid="eligibility-policy-figure"][data-name="${standard.name}"]`);
  await expect(exampleFigure).toContainText(rural ? '780.00' : '960.00');
  await expect(exampleFigure).toContainText('示例数据，仅供演示，不是无棣县公布的标准');
  await expect(exampleFigure).toContainText('［示例数据］');

  // 无棣县's user sets a new period from today on the 政策参数 page.
  const countyContext = await browser.newContext();
  const c = await countyContext.newPage();
  await signIn(c, 'xian');
  await expectAllSynced(c);
  await c.getByTestId('menu-policies').click();
  await expect(c.getByTestId('policy-page')).toBeVisible();
  await expect(c.getByTestId('policy-period')).toHaveCount(1);
  await expect(c.getByTestId('policy-example')).toContainText('示例');
  await c.getByTestId('policy-new-period').click();
  // The document is required, and the form says so in Chinese before anything is sent.
  await typeDate(c, 'policy-valid-from', today);
  await c.getByTestId('policy-figure-dibaoStandardUrbanMonthly').fill('1200');
  await c.getByTestId('policy-figure-dibaoStandardRuralMonthly').fill('1100');
  await c.getByTestId('policy-submit').click();
  await expect(c.getByText('请填写依据文件')).toBeVisible();
  await c.getByTestId('policy-source').fill(SOURCE);
  await c.getByTestId('policy-submit').click();
  await expect(c.getByTestId('policy-saved')).toContainText(today);
  // Two periods now: the new one in force from today, set by 张伟; the example ended yesterday.
  await expect(c.getByTestId('policy-period')).toHaveCount(2);
  const newest = c.locator(`[data-testid="policy-period"][data-valid-from="${today}"]`);
  await expect(newest.getByTestId('policy-period-source')).toHaveText(SOURCE);
  await expect(newest.getByTestId('policy-period-set-by')).toContainText('张伟');
  await expect(c.getByTestId('policy-period-validity').nth(1)).toContainText(`至 ${addCalendarDays(today, -1)}`);
  // The newest period's figures are shown, with their units; those not set say 待配置 (nothing of the example is carried over).
  await expect(c.locator('[data-testid="policy-figure-value"][data-name="dibaoStandardRuralMonthly"]').first()).toHaveText('1,100.00 元/人/月');
  await expect(c.locator('[data-testid="policy-figure-value"][data-name="tekunBasicLivingMonthly"]').first()).toHaveText('待配置');
  await expect(c.getByTestId('policy-example')).toHaveCount(0);
  await c.screenshot({ path: test.info().outputPath('policies-page.png'), fullPage: true });

  // The village laptop syncs, goes offline, and the preview judges with the new standard.
  await a.getByTestId('sync-now').click();
  await expectAllSynced(a);
  // The pull of policies has arrived once the open page no longer says the figures are examples.
  await expect(a.getByTestId('eligibility-policy-example')).toHaveCount(0);
  await villageContext.setOffline(true);
  await expect(a.getByTestId('sync-online')).toHaveAttribute('data-online', 'false');
  await a.goto('/#/households');
  await a.goto(`/#/applications/${id}`);
  const preview = a.getByTestId('eligibility-preview');
  await expect(preview).toHaveAttribute('data-result', 'likelyEligible');
  await expect(a.getByTestId('eligibility-policy-placeholder')).toHaveCount(0);
  await expect(a.getByTestId('eligibility-policy-example')).toHaveCount(0);
  await expect(income).toHaveAttribute('data-passed', 'passed');
  const figure = income.locator(`[data-testid="eligibility-policy-figure"][data-name="${standard.name}"]`);
  await expect(figure).toContainText(standard.shown);
  await expect(figure).toContainText(`${today} 起施行`);
  await expect(figure).toContainText(SOURCE);
  await expect(figure).not.toContainText('示例');
  await a.screenshot({ path: test.info().outputPath('policies-preview-offline.png'), fullPage: true });
  // Only county and city users have the page.
  await expect(a.getByTestId('menu-policies')).toHaveCount(0);

  // Offline, the county's page says setting figures needs the network.
  await countyContext.setOffline(true);
  await expect(c.getByTestId('policy-offline')).toBeVisible();
  await expect(c.getByTestId('policy-new-period')).toBeDisabled();

  // The township marks the household the other way (城市/农村); back online, the village's preview follows.
  const townshipContext = await browser.newContext();
  const t = await townshipContext.newPage();
  await signIn(t, 'zhen');
  await expectAllSynced(t);
  await t.goto(`/#/households/${household.id}`);
  const other = rural ? { label: '城市', name: 'dibaoStandardUrbanMonthly', shown: '1,200.00' } : { label: '农村', name: 'dibaoStandardRuralMonthly', shown: '1,100.00' };
  await t.getByTestId('household-residence-choice').getByText(other.label, { exact: true }).click();
  await expect(t.getByTestId('household-residence')).toHaveAttribute('data-residence', rural ? 'urban' : 'rural');
  await expectAllSynced(t);
  await villageContext.setOffline(false);
  await expectAllSynced(a);
  await expect(income.locator(`[data-testid="eligibility-policy-figure"][data-name="${other.name}"]`)).toContainText(other.shown);
  await expect(a.getByText(`按${other.label}低保标准判断`)).toBeVisible();

  await townshipContext.close();
  await villageContext.close();
  await countyContext.close();
});

import { expect, type Page } from '@playwright/test';
import { test } from './appLog';
import { signIn } from './support';

/**
 * The living demo (`JIUZHU_DEMO=1`, which every end-to-end run starts the server with): each demo
 * user signs in to a township in the middle of its month — something on 今日 for every role, and
 * for those with 统计, figures that are not zero.
 */

const ROLES = [
  // 协理员 (大山东村): visits due, and the 容缺 document promised within days.
  { username: 'xieli_a', kinds: ['visit', 'document'], dashboard: false },
  // 乡镇: visits, promised documents, its steps' deadlines.
  { username: 'zhen', kinds: ['visit', 'document', 'deadline'], dashboard: true },
  // 社工: follow-ups due and overdue.
  { username: 'shegong', kinds: ['followUp'], dashboard: false },
  // 县: decisions falling due; 市: the counties' late decisions.
  { username: 'xian', kinds: ['deadline'], dashboard: true },
  { username: 'shi', kinds: ['deadline'], dashboard: true },
] as const;

async function figure(page: Page, testId: string): Promise<number> {
  const node = page.getByTestId(testId);
  await expect(node).toBeVisible();
  return Number(await node.getAttribute('data-value'));
}

for (const role of ROLES) {
  test(`${role.username} finds work on 今日${role.dashboard ? ' and figures on 统计' : ''} in the demo township`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, role.username);
    await expect(page).toHaveURL(/#\/today$/);
    for (const kind of role.kinds) {
      // The demo's records arrive by sync; the card fills as they do.
      await expect(page.getByTestId(`today-card-${kind}`).getByTestId('today-item').first()).toBeVisible({ timeout: 60_000 });
      const count = Number(await page.getByTestId(`today-card-${kind}`).getByTestId('today-card-count').textContent());
      expect(count).toBeGreaterThan(0);
    }
    await expect(page.getByText('近期没有到期的事项。')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath(`today-${role.username}.png`), fullPage: true });

    if (role.dashboard) {
      await page.getByTestId('menu-dashboard').click();
      await expect(page.getByTestId('dashboard-figures')).toBeVisible({ timeout: 60_000 });
      // Every group and the outer circle (N groups only) has households; applications and care needs are counted.
      for (const group of ['tekun', 'dibao', 'dibaoEdge', 'rigidExpenditure']) {
        await expect.poll(() => figure(page, `figure-group-${group}`), { timeout: 60_000 }).toBeGreaterThan(0);
      }
      for (const circle of ['core', 'middle', 'outer']) expect(await figure(page, `figure-circle-${circle}`)).toBeGreaterThan(0);
      for (const total of ['households', 'people', 'applications', 'openCareNeeds']) expect(await figure(page, `total-${total}`)).toBeGreaterThan(0);
      await page.screenshot({ path: test.info().outputPath(`dashboard-${role.username}.png`), fullPage: true });
    }
    await context.close();
  });
}

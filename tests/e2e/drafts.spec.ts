import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { test } from './appLog';
import { chooseOption, DEMO_PASSWORD, expectAllSynced, openHouseholds, signIn, testIdNumber } from './support';

/**
 * Nothing typed is lost (issue 14). For each form that creates or edits a record, part of a
 * record is typed, then: (a) a reload — the browser asks first, and the form comes back with
 * 继续填写 / 放弃草稿; (b) the idle lock fires (the page's clock jumps past the 10 minutes, as a
 * laptop waking from sleep) and is unlocked — the form is exactly as it was, scroll included,
 * and was never closed (no draft to offer); (c) the page is closed and the same person signs in
 * on a new one — the values are back. Leaving by the menu asks first (留下 keeps the form, 离开
 * leaves, the draft stays); saving clears the draft.
 */

async function startSignedIn(browser: Browser, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  // The app's timers and clock run as usual until a test jumps them forward.
  await context.clock.install();
  const page = await context.newPage();
  await signIn(page, username);
  await expectAllSynced(page);
  return { context, page };
}

/** (a) A reload asks first (the browser's own question, accepted here); the form comes back with its draft. */
async function reloadAsksThenRestores(page: Page): Promise<void> {
  const asked: string[] = [];
  const answer = (dialog: { type(): string; accept(): Promise<void> }) => {
    asked.push(dialog.type());
    void dialog.accept();
  };
  page.on('dialog', answer);
  await page.reload();
  await expect(page.getByTestId('draft-notice')).toBeVisible();
  page.off('dialog', answer);
  expect(asked).toEqual(['beforeunload']);
  await expect(page.getByTestId('draft-notice')).toContainText('已恢复上次没有保存的内容');
  await page.getByTestId('draft-continue').click();
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
}

/**
 * (b) The idle lock: nothing of the form shows or takes the focus behind the lock screen; after
 * unlocking the form is where it was — same scroll, same values, never reopened (no notice).
 */
async function lockKeepsTheForm(page: Page, form: Locator): Promise<void> {
  const scrolled = await page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    return window.scrollY;
  });
  await page.clock.fastForward('10:30');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(form).toBeHidden();
  expect(await form.evaluate((element) => Boolean(element.closest('[inert][aria-hidden="true"]')))).toBe(true);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="lock-screen"]')) || document.activeElement === document.body)).toBe(true);
  }
  await page.locator('#unlock-password').fill(DEMO_PASSWORD);
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await expect(form).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
}

/** (c) The page is closed; the same person signs in on a new page and opens the form again. */
async function reopenOnNewPage(context: BrowserContext, page: Page, username: string, path: string): Promise<Page> {
  await page.close();
  const next = await context.newPage();
  await signIn(next, username);
  await next.goto(`/#${path}`);
  await expect(next.getByTestId('draft-notice')).toBeVisible();
  return next;
}

/** Leaving by the menu asks first: 留下继续填写 keeps the form, 离开 leaves it. */
async function menuAsksFirst(page: Page, formUrl: RegExp): Promise<void> {
  const question = page.locator('.ant-modal-confirm');
  await page.getByTestId('menu-today').click();
  await expect(question).toContainText('这张表还没有保存，确定离开吗？');
  await question.getByRole('button', { name: '留下继续填写' }).click();
  await expect(question).toHaveCount(0);
  await expect(page).toHaveURL(formUrl);
  await page.getByTestId('menu-today').click();
  await question.getByRole('button', { name: '离开' }).click();
  await expect(page).toHaveURL(/#\/today$/);
}

test('a half-registered household with its members survives a reload, the lock and a closed page; saving clears it', async ({ browser }) => {
  const { context, page: first } = await startSignedIn(browser, 'xieli_a');
  let page = first;
  await openHouseholds(page);
  await page.getByTestId('household-register').click();
  const form = page.getByTestId('household-form');
  await page.getByTestId('household-address').fill('碣石山镇一村 8 排 3 号');
  await page.getByTestId('member-1-name').fill('孔繁荣');
  await page.getByTestId('member-1-id-number').fill(testIdNumber('1961-03-02', 771));
  await page.getByTestId('member-add').click();
  await page.getByTestId('member-2-name').fill('孔小梅');
  await page.getByTestId('member-2-id-number').fill(testIdNumber('1988-07-19', 772));
  await chooseOption(page, 'member-2-relation', '子女');

  await reloadAsksThenRestores(page);
  const typed = async (p: Page) => {
    await expect(p.getByTestId('household-address')).toHaveValue('碣石山镇一村 8 排 3 号');
    await expect(p.getByTestId('member-1-name')).toHaveValue('孔繁荣');
    await expect(p.getByTestId('member-1-id-number')).toHaveValue(testIdNumber('1961-03-02', 771));
    await expect(p.getByTestId('member-2-name')).toHaveValue('孔小梅');
    await expect(p.getByTestId('member-2-id-number')).toHaveValue(testIdNumber('1988-07-19', 772));
    await expect(p.getByTestId('member-2-relation')).toContainText('子女');
  };
  await typed(page);

  await page.getByTestId('household-phone').fill('13905431234');
  await lockKeepsTheForm(page, form);
  await typed(page);
  await expect(page.getByTestId('household-phone')).toHaveValue('13905431234');

  page = await reopenOnNewPage(context, page, 'xieli_a', '/households/new');
  await typed(page);
  await expect(page.getByTestId('household-phone')).toHaveValue('13905431234');

  await menuAsksFirst(page, /#\/households\/new$/);
  // Left, not discarded: the form offers the draft again; saved, it is gone.
  await page.goto('/#/households/new');
  await expect(page.getByTestId('draft-notice')).toBeVisible();
  await typed(page);
  await page.getByTestId('household-submit').click();
  await expect(page.getByText('已保存在本机，联网后自动上传')).toBeVisible();
  await expect(page).toHaveURL(/#\/households\/(?!new)[^/]+$/);
  await page.goto('/#/households/new');
  await expect(page.getByTestId('household-form')).toBeVisible();
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
  await expect(page.getByTestId('household-address')).toHaveValue('');
  await context.close();
});

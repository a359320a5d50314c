import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { test } from './appLog';
import { chinaToday } from '../../shared/domain/chinaTime';
import { chooseOption, DEMO_PASSWORD, expectAllSynced, fillHouseholdForm, householdRows, openHouseholds, pickToAdd, signIn, testIdNumber } from './support';

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

/**
 * (a) A reload asks first (the browser's own question, accepted here); the form (opened again by
 * `open` when it is a dialog or a panel) comes back with its draft.
 */
async function reloadAsksThenRestores(page: Page, open?: (page: Page) => Promise<void>): Promise<void> {
  const asked: string[] = [];
  const answer = (dialog: { type(): string; accept(): Promise<void> }) => {
    asked.push(dialog.type());
    void dialog.accept();
  };
  page.on('dialog', answer);
  await page.reload();
  await expect(page.getByTestId('user-name')).toBeVisible();
  page.off('dialog', answer);
  if (open) await open(page);
  await expect(page.getByTestId('draft-notice')).toBeVisible();
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
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  // The field being typed in gets the focus back after unlocking.
  const hadFocus = await page.evaluate(() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body) return false;
    focused.setAttribute('data-had-focus', 'yes');
    return true;
  });
  await page.clock.fastForward('10:30');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  // Where the page was when it locked (hidden, the form keeps its layout): read here, not right
  // after scrolling, as a form still settling can grow shorter meanwhile and take the page up.
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(0);
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
  if (hadFocus) expect(await page.evaluate(() => document.activeElement?.getAttribute('data-had-focus'))).toBe('yes');
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
}

/** (c) The page is closed; the same person signs in on a new page and opens the form again. */
async function reopenOnNewPage(context: BrowserContext, page: Page, username: string, open: string | ((page: Page) => Promise<void>)): Promise<Page> {
  await page.close();
  const next = await context.newPage();
  await signIn(next, username);
  if (typeof open === 'string') await next.goto(`/#${open}`);
  else await open(next);
  await expect(next.getByTestId('draft-notice')).toBeVisible();
  return next;
}

/** Picks the first option of an antd Select; returns its text. */
async function chooseFirst(page: Page, selectTestId: string): Promise<string> {
  const select = page.getByTestId(selectTestId);
  let label = '';
  await expect(async () => {
    if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) await select.click();
    const option = page.locator('.ant-select-dropdown:visible').last().locator('.ant-select-item-option').first();
    label = (await option.getAttribute('title', { timeout: 3_000 })) ?? '';
    await option.click({ timeout: 3_000 });
    await expect(select).toContainText(label, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  return label;
}

async function dateInput(page: Page, testId: string): Promise<Locator> {
  const box = page.getByTestId(testId);
  return (await box.evaluate((element) => element.tagName)) === 'INPUT' ? box : box.locator('input');
}

async function typeDate(page: Page, testId: string, date: string): Promise<void> {
  const input = await dateInput(page, testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await expect(input).toHaveValue(date);
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
  // Left, not discarded: the form offers the draft again.
  await page.goto('/#/households/new');
  await expect(page.getByTestId('draft-notice')).toBeVisible();
  // 退出登录 asks first too; the draft stays on the laptop sealed, and comes back for the same person.
  const question = page.locator('.ant-modal-confirm');
  await page.getByTestId('sign-out').click();
  await expect(question).toContainText('还有表格没有保存，确定退出登录吗？');
  await question.getByRole('button', { name: '留下继续填写' }).click();
  await expect(page.getByTestId('household-form')).toBeVisible();
  await page.getByTestId('sign-out').click();
  await question.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  expect(stored).toContain('jiuzhu:drafts:');
  expect(stored).not.toContain('孔繁荣');
  expect(stored).not.toContain('碣石山镇一村 8 排 3 号');
  await signIn(page, 'xieli_a');
  await page.goto('/#/households/new');
  await expect(page.getByTestId('draft-notice')).toBeVisible();
  await typed(page);
  // Saved, it is gone.
  await page.getByTestId('household-submit').click();
  await expect(page.getByText('已保存在本机，联网后自动上传')).toBeVisible();
  await expect(page).toHaveURL(/#\/households\/(?!new)[^/]+$/);
  await page.goto('/#/households/new');
  await expect(page.getByTestId('household-form')).toBeVisible();
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
  await expect(page.getByTestId('household-address')).toHaveValue('');
  await context.close();
});

test('a half-filled application with a document and its figures survives a reload, the lock and a closed page; saving clears it', async ({ browser }) => {
  const { context, page: first } = await startSignedIn(browser, 'xieli_a');
  let page = first;
  // A household of this test's own, so the demo's applications stay as other specs expect them.
  await openHouseholds(page);
  await page.getByTestId('household-register').click();
  await fillHouseholdForm(page, '碣石山镇一村 9 排 6 号', [{ name: '褚桂英', idNumber: testIdNumber('1952-11-08', 773) }]);
  await page.getByTestId('household-submit').click();
  await expect(page.getByTestId('household-summary')).toBeVisible();
  const formPath = `${new URL(page.url()).hash.slice(1)}/applications/new`;

  await page.getByTestId('application-new').click();
  const form = page.getByTestId('application-form');
  await chooseOption(page, 'application-type', '低保');
  await chooseOption(page, 'application-applicant', '褚桂英（户主）');
  await pickToAdd(page, 'document-add', '残疾人证', page.getByTestId('document-disabilityCertificate'));
  await page.getByTestId('spending-rehabilitation').fill('1800');
  await page.getByTestId('application-reason').fill('独居老人，无固定收入，常年看病吃药。');
  const typed = async (p: Page) => {
    await expect(p.getByTestId('application-type')).toContainText('低保');
    await expect(p.getByTestId('application-applicant')).toContainText('褚桂英（户主）');
    await expect(p.getByTestId('document-disabilityCertificate')).toBeVisible();
    await expect(p.getByTestId('spending-rehabilitation')).toHaveValue(/1,?800/);
    await expect(p.getByTestId('application-reason')).toHaveValue('独居老人，无固定收入，常年看病吃药。');
  };

  await reloadAsksThenRestores(page);
  await typed(page);
  await page.getByTestId('application-pledge').check();
  await lockKeepsTheForm(page, form);
  await typed(page);
  await expect(page.getByTestId('application-pledge')).toBeChecked();

  page = await reopenOnNewPage(context, page, 'xieli_a', formPath);
  await typed(page);
  await expect(page.getByTestId('application-pledge')).toBeChecked();

  await menuAsksFirst(page, /\/applications\/new$/);
  await page.goto(`/#${formPath}`);
  await expect(page.getByTestId('draft-notice')).toBeVisible();
  await page.getByTestId('application-save').click();
  await expect(page.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
  await expect(page).toHaveURL(/#\/applications\/[^/]+$/);
  await page.goto(`/#${formPath}`);
  await expect(page.getByTestId('application-form')).toBeVisible();
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
  await expect(page.getByTestId('application-reason')).toHaveValue('');
  await context.close();
});

test('a half-filled care need with its plan and a referral survives a reload, the lock and a closed page; saving clears it', async ({ browser }) => {
  const { context, page: first } = await startSignedIn(browser, 'shegong');
  let page = first;
  await openHouseholds(page);
  await householdRows(page).last().click();
  await expect(page.getByTestId('care-need-new')).toBeVisible();
  const formPath = `${new URL(page.url()).hash.slice(1)}/care-needs/new`;
  await page.getByTestId('care-need-new').click();
  const form = page.getByTestId('care-need-form');
  const member = await chooseFirst(page, 'care-need-member');
  await page.getByTestId('care-need-category').getByText('就业', { exact: true }).click();
  await page.getByTestId('care-need-description').fill('腿脚不便，想在村里找份看护鱼塘的活');
  await page.getByTestId('care-need-service-plan').fill('问镇里有没有公益性岗位；两周后回访');
  await page.getByTestId('referral-add').click();
  await chooseOption(page, 'referral-1-kind', '公益性岗位');
  await page.getByTestId('referral-1-target').fill('碣石山镇公益性岗位（鱼塘看护）');
  const typed = async (p: Page) => {
    await expect(p.getByTestId('care-need-member')).toContainText(member);
    await expect(p.getByTestId('care-need-category').getByRole('radio', { name: '就业' })).toBeChecked();
    await expect(p.getByTestId('care-need-description')).toHaveValue('腿脚不便，想在村里找份看护鱼塘的活');
    await expect(p.getByTestId('care-need-service-plan')).toHaveValue('问镇里有没有公益性岗位；两周后回访');
    await expect(p.getByTestId('referral-1-kind')).toContainText('公益性岗位');
    await expect(p.getByTestId('referral-1-target')).toHaveValue('碣石山镇公益性岗位（鱼塘看护）');
  };

  await reloadAsksThenRestores(page);
  await typed(page);
  await page.getByTestId('care-need-severity').getByText('较重', { exact: true }).click();
  await lockKeepsTheForm(page, form);
  await typed(page);
  await expect(page.getByTestId('care-need-severity').getByRole('radio', { name: '较重' })).toBeChecked();

  page = await reopenOnNewPage(context, page, 'shegong', formPath);
  await typed(page);
  await expect(page.getByTestId('care-need-severity').getByRole('radio', { name: '较重' })).toBeChecked();

  await menuAsksFirst(page, /\/care-needs\/new$/);
  await page.goto(`/#${formPath}`);
  await expect(page.getByTestId('draft-notice')).toBeVisible();
  await page.getByTestId('care-need-submit').click();
  await expect(page.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
  await expect(page).not.toHaveURL(/care-needs\/new$/);
  await page.goto(`/#${formPath}`);
  await expect(page.getByTestId('care-need-form')).toBeVisible();
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
  await expect(page.getByTestId('care-need-description')).toHaveValue('');
  await context.close();
});

test('a half-filled new account (never its password) survives a reload, the lock and a closed page; creating it clears it', async ({ browser }) => {
  const { context, page: first } = await startSignedIn(browser, 'zhen');
  let page = first;
  const openForm = async (p: Page) => {
    await p.getByTestId('menu-admin').click();
    await p.getByTestId('account-new').click();
    await expect(p.getByLabel('姓名')).toBeVisible();
  };
  await openForm(page);
  await page.getByLabel('姓名').fill('孔德明');
  await page.getByLabel('用户名').fill('kong_dm');
  await page.getByLabel('初始密码').fill('kong-2026-pass');
  const typed = async (p: Page) => {
    await expect(p.getByLabel('姓名')).toHaveValue('孔德明');
    await expect(p.getByLabel('用户名')).toHaveValue('kong_dm');
  };

  await reloadAsksThenRestores(page, openForm);
  await typed(page);
  // The password is never kept: it is typed again.
  await expect(page.getByLabel('初始密码')).toHaveValue('');
  await page.getByLabel('初始密码').fill('kong-2026-pass');
  await lockKeepsTheForm(page, page.locator('.ant-modal'));
  await typed(page);
  await expect(page.getByLabel('初始密码')).toHaveValue('kong-2026-pass');

  page = await reopenOnNewPage(context, page, 'zhen', openForm);
  await typed(page);
  await expect(page.getByLabel('初始密码')).toHaveValue('');
  await page.getByLabel('初始密码').fill('kong-2026-pass');
  await page.getByTestId('account-area').click();
  await page.keyboard.type('大山西村');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.getByTestId('account-submit').click();
  await expect(page.getByTestId('account-row').filter({ hasText: 'kong_dm' })).toBeVisible();
  await page.getByTestId('account-new').click();
  await expect(page.getByLabel('姓名')).toHaveValue('');
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
  await context.close();
});

test('half-set policy figures survive a reload, the lock and a closed page; saving the period clears them', async ({ browser }) => {
  const { context, page: first } = await startSignedIn(browser, 'shi');
  let page = first;
  const openForm = async (p: Page) => {
    await p.getByTestId('menu-policies').click();
    await p.getByTestId('policy-new-period').click();
    await expect(p.getByTestId('policy-period-form')).toBeVisible();
  };
  await openForm(page);
  const area = await page.getByTestId('policy-area').innerText();
  const today = chinaToday();
  await typeDate(page, 'policy-valid-from', today);
  await page.getByTestId('policy-source').fill('关于调整城乡低保标准的通知（测试）');
  await page.getByTestId('policy-figure-dibaoStandardUrbanMonthly').fill('1300');
  const typed = async (p: Page) => {
    await expect(p.getByTestId('policy-area')).toContainText(area);
    await expect(await dateInput(p, 'policy-valid-from')).toHaveValue(today);
    await expect(p.getByTestId('policy-source')).toHaveValue('关于调整城乡低保标准的通知（测试）');
    await expect(p.getByTestId('policy-figure-dibaoStandardUrbanMonthly')).toHaveValue(/1,?300/);
  };

  await reloadAsksThenRestores(page, openForm);
  await typed(page);
  await page.getByTestId('policy-figure-dibaoStandardRuralMonthly').fill('1150');
  await lockKeepsTheForm(page, page.getByTestId('policy-period-form'));
  await typed(page);
  await expect(page.getByTestId('policy-figure-dibaoStandardRuralMonthly')).toHaveValue(/1,?150/);

  page = await reopenOnNewPage(context, page, 'shi', openForm);
  await typed(page);
  await expect(page.getByTestId('policy-figure-dibaoStandardRuralMonthly')).toHaveValue(/1,?150/);

  await menuAsksFirst(page, /#\/policies$/);
  await openForm(page);
  await expect(page.getByTestId('draft-notice')).toBeVisible();
  await page.getByTestId('policy-submit').click();
  await expect(page.getByTestId('policy-saved')).toContainText(today);
  await page.getByTestId('policy-new-period').click();
  await expect(page.getByTestId('policy-period-form')).toBeVisible();
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
  await context.close();
});

test('the idle lock leaves the 入户调查表 on the section it was on, with what was typed', async ({ browser }) => {
  const { context, page } = await startSignedIn(browser, 'xieli_a');
  await openHouseholds(page);
  await householdRows(page).first().click();
  await page.getByTestId('visit-new').click();
  await page.getByTestId('visit-next').click();
  await expect(page.getByTestId('visit-step-2')).toBeVisible();
  await page.getByTestId('visit-condition-income').fill('种地一年收入约五千元');
  await lockKeepsTheForm(page, page.getByTestId('visit-form'));
  await expect(page.getByTestId('visit-step-2')).toBeVisible();
  await expect(page.getByTestId('visit-condition-income')).toHaveValue('种地一年收入约五千元');
  // Its own notice was not shown again either: the form was never closed.
  await expect(page.getByTestId('visit-draft-restored')).toHaveCount(0);
  await menuAsksFirst(page, /\/visits\/new$/);
  await context.close();
});

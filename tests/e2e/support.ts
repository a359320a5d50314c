import { expect, type Locator, type Page } from '@playwright/test';
import { makeIdNumber } from '../../shared/domain/idNumber';

export const DEMO_PASSWORD = 'jiuzhu2026';

/** Signs in through the sign-in page; the server address is prefilled with the page's origin. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible();
}

/** ID numbers no demo household uses: this run's own, from the county's area code. */
export function testIdNumber(birthDate: string, seq: number): string {
  return makeIdNumber('371623', birthDate, seq);
}

export interface MemberInput {
  name: string;
  idNumber: string;
  relation?: string;
}

/**
 * Picks an option of an antd Select and checks it took. On a busy machine the previous select's
 * dropdown may still be fading out when this one opens, so the pick is retried until it shows.
 */
export async function chooseOption(page: Page, selectTestId: string, label: string): Promise<void> {
  const select = page.getByTestId(selectTestId);
  const openDropdowns = page.locator('.ant-select-dropdown:visible');
  await expect(async () => {
    if ((await openDropdowns.count()) === 0) await select.click();
    // antd renders the visible options as titled divs; its role=option nodes are screen-reader only.
    // The newest dropdown is the last one in the page.
    await openDropdowns.last().getByTitle(label, { exact: true }).click({ timeout: 3_000 });
    await expect(select).toContainText(label, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * Picks `label` from the dropdown that clicking `openerTestId` opens, when the pick adds something
 * (`added`) rather than showing in the select: retried, as a closing dropdown can still be on screen.
 */
export async function pickToAdd(page: Page, openerTestId: string, label: string, added: Locator): Promise<void> {
  const openDropdowns = page.locator('.ant-select-dropdown:visible');
  await expect(async () => {
    if ((await added.count()) === 0) {
      if ((await openDropdowns.count()) === 0) await page.getByTestId(openerTestId).click();
      await openDropdowns.last().getByTitle(label, { exact: true }).click({ timeout: 3_000 });
    }
    await expect(added).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

export async function fillHouseholdForm(page: Page, address: string, members: MemberInput[]): Promise<void> {
  await page.getByTestId('household-address').fill(address);
  for (const [index, member] of members.entries()) {
    const n = index + 1;
    if (n > 1) await page.getByTestId('member-add').click();
    await page.getByTestId(`member-${n}-name`).fill(member.name);
    await page.getByTestId(`member-${n}-id-number`).fill(member.idNumber);
    if (member.relation) await chooseOption(page, `member-${n}-relation`, member.relation);
  }
}

export const householdRows = (page: Page) => page.getByTestId('household-row');

/** Waits until the header says nothing is waiting and a sync has completed. */
export async function expectAllSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'true');
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-pending', '0');
  // Nor is anything still arriving for the first time: the first sync's banner, above every page,
  // goes once it is all here, and the page under it moves up then.
  await expect(page.getByTestId('first-sync')).toHaveCount(0);
}

/** The household list (家庭), from the menu: every role lands on 今日 after signing in. */
export async function openHouseholds(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '家庭' }).click();
  await expect(page).toHaveURL(/#\/households$/);
}

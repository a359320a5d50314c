import { expect, test } from '@playwright/test';
import { expectAllSynced, fillHouseholdForm, householdRows, openHouseholds, signIn, testIdNumber } from './support';

/**
 * The same household changed on a village laptop while it was offline and at the township
 * meanwhile: on reconnecting, the village's sync centre shows the two versions side by side;
 * re-applying the village's version reaches the township.
 */
test('a collision shows in the sync centre side by side and can be re-applied', async ({ browser }) => {
  const villageContext = await browser.newContext();
  const townshipContext = await browser.newContext();
  const village = await villageContext.newPage();
  const township = await townshipContext.newPage();
  const name = '冯秀云';

  await signIn(village, 'xieli_a');
  await expectAllSynced(village);
  await openHouseholds(village);
  await village.getByTestId('household-register').click();
  await fillHouseholdForm(village, '碣石山镇一村 9 排 1 号', [{ name, idNumber: testIdNumber('1950-06-18', 72) }]);
  await village.getByTestId('household-submit').click();
  await expect(village.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
  await expectAllSynced(village);

  await signIn(township, 'zhen');
  await expectAllSynced(township);
  await openHouseholds(township);
  await township.getByTestId('household-search').fill(name);
  await householdRows(township).filter({ hasText: name }).click();
  const householdUrl = township.url();

  // The village goes offline and changes the address; the township changes it too, online.
  await villageContext.setOffline(true);
  await expect(village.getByTestId('sync-online')).toHaveAttribute('data-online', 'false');
  // Still on the household's page after saving it.
  await village.getByTestId('household-edit').click();
  await village.getByTestId('household-address').fill('村里核实：一村 9 排 3 号');
  await village.getByTestId('household-submit').click();
  await expect(village.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();

  await township.getByTestId('household-edit').click();
  await township.getByTestId('household-address').fill('乡镇核实：一村 9 排 5 号');
  await township.getByTestId('household-submit').click();
  await expectAllSynced(township);

  // Back online: the server's version stands, the village's is kept for review.
  await villageContext.setOffline(false);
  await expectAllSynced(village);
  await village.getByTestId('menu-sync-centre').click();
  await expect(village.getByTestId('sync-collection-row')).toHaveCount(7);
  const card = village.getByTestId('conflict-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('conflict-local')).toHaveText('村里核实：一村 9 排 3 号');
  await expect(card.getByTestId('conflict-remote')).toHaveText('乡镇核实：一村 9 排 5 号');
  await card.getByTestId('conflict-reapply').click();
  await expect(village.getByTestId('conflicts-empty')).toBeVisible();
  await expectAllSynced(village);

  // The township sees the village's address arrive, without reloading.
  await township.goto(householdUrl);
  await expect(township.getByTestId('household-summary')).toContainText('村里核实：一村 9 排 3 号');

  // Stepping away: the lock hides the records until the password is given.
  await village.getByTestId('lock-now').click();
  await expect(village.getByTestId('lock-screen')).toBeVisible();
  await expect(village.getByText(name)).toHaveCount(0);
  await village.getByLabel('密码').fill('wrong-password');
  await village.getByTestId('unlock-submit').click();
  await expect(village.getByTestId('unlock-error')).toContainText('密码不正确');
  await village.getByLabel('密码').fill('jiuzhu2026');
  await village.getByTestId('unlock-submit').click();
  await expect(village.getByTestId('sync-centre')).toBeVisible();

  await Promise.all([villageContext.close(), townshipContext.close()]);
});

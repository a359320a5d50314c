import { chromium, expect, type Page } from '@playwright/test';
import { recordAppLog, test } from './appLog';
import { expectAllSynced, fillHouseholdForm, householdRows, openHouseholds, signIn, testIdNumber } from './support';

/** A PNG drawn in the page (a wide "photo" of 2400×1200 px), as a file the test can pick. */
async function widePhoto(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1200;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#8ab';
    context.fillRect(0, 0, 2400, 1200);
    context.fillStyle = '#a52';
    context.fillRect(600, 300, 1200, 600);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

test('a photo picked on a visit uploads, and the township sees it; a signature drawn with the mouse uploads too', async ({ browser }) => {
  const villageContext = await browser.newContext();
  const village = await villageContext.newPage();
  const name = '葛玉珍';

  await signIn(village, 'xieli_a');
  await expectAllSynced(village);
  await openHouseholds(village);
  await village.getByTestId('household-register').click();
  await fillHouseholdForm(village, '碣石山镇一村 11 排 4 号', [{ name, idNumber: testIdNumber('1952-09-09', 181) }]);
  await village.getByTestId('household-submit').click();
  await expect(village.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();

  // A visit with a photo of the house, picked as a file.
  await village.getByTestId('visit-new').click();
  await expect(village.getByTestId('visit-step-1')).toBeVisible();
  await village.getByTestId('attachment-file-input').setInputFiles({ name: '房屋.png', mimeType: 'image/png', buffer: await widePhoto(village) });
  await expect(village.getByTestId('pending-attachment')).toHaveCount(1);
  // A file of another kind is refused with its name.
  await village.getByTestId('attachment-file-input').setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('不是照片') });
  await expect(village.getByText('“说明.txt”不是照片或 PDF 文件，没有保存。', { exact: false })).toBeVisible();
  await expect(village.getByTestId('pending-attachment')).toHaveCount(1);
  await village.getByTestId('visit-next').click();
  await village.getByTestId('visit-next').click();
  await village.getByTestId('visit-findings').fill('房屋西墙开裂，已拍照。');
  await village.getByTestId('visit-submit').click();
  await expect(village.getByText('走访记录已保存在本机，联网后自动上传')).toBeVisible();

  const visitPhoto = village.getByTestId('visit-row').getByTestId('attachment-thumb');
  await expect(visitPhoto).toHaveCount(1);
  await expect(visitPhoto.getByTestId('attachment-state')).toHaveText('已上传');
  // Kept scaled down: the long side is 1600 px, not the 2400 picked.
  await expect.poll(() => visitPhoto.getByTestId('attachment-image').locator('img').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);

  // A signature on the household's page, drawn with the mouse.
  const panel = village.getByTestId('attachment-panel');
  await panel.getByTestId('attachment-sign').click();
  // 确定 on an empty pad says what is missing (retried: the dialog may still be opening on a busy machine).
  await expect(async () => {
    await village.getByTestId('signature-confirm').click();
    await expect(village.getByText('还没有签名，请先在框里写上名字。')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  const box = (await village.getByTestId('signature-canvas').boundingBox())!;
  await village.mouse.move(box.x + 40, box.y + box.height / 2);
  await village.mouse.down();
  for (let step = 1; step <= 12; step++) await village.mouse.move(box.x + 40 + step * 30, box.y + box.height / 2 + (step % 2 ? -25 : 25));
  await village.mouse.up();
  await village.getByTestId('signature-confirm').click();
  const signature = panel.getByTestId('attachment-thumb').filter({ hasText: '签名' });
  await expect(signature).toHaveCount(1);
  await expect(signature.getByTestId('attachment-state')).toHaveText('已上传');
  await expectAllSynced(village);

  // Nothing waits in the sync centre.
  await village.getByTestId('menu-sync-centre').click();
  await expect(village.getByTestId('attachments-waiting')).toContainText('所有照片和附件都已上传。');

  // The township's laptop: the photo's description came with the visit; the bytes on demand.
  const townshipContext = await browser.newContext();
  const township = await townshipContext.newPage();
  await signIn(township, 'zhen');
  await expectAllSynced(township);
  await openHouseholds(township);
  await township.getByTestId('household-search').fill(name);
  // The whole list shows before the search answers: a click on a row being redrawn is retried.
  await expect(async () => {
    await householdRows(township).filter({ hasText: name }).click({ timeout: 5_000 });
    await expect(township.getByTestId('household-summary')).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  const seen = township.getByTestId('visit-row').getByTestId('attachment-thumb');
  await expect(seen).toHaveCount(1);
  await seen.getByTestId('attachment-open').click();
  await expect(seen.getByTestId('attachment-image').locator('img').first()).toBeVisible();
  await expect.poll(() => seen.getByTestId('attachment-image').locator('img').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);

  await villageContext.close();
  await townshipContext.close();
});

/** Chromium's fake camera (a test pattern), permission granted without asking. */
test('拍照 takes a snapshot from the camera and keeps it with the household', async ({ baseURL }) => {
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  try {
    const context = recordAppLog(await browser.newContext({ baseURL: baseURL!, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }));
    const page = await context.newPage();
    await signIn(page, 'xieli_a');
    await expectAllSynced(page);
    await openHouseholds(page);
    await page.getByTestId('household-register').click();
    await fillHouseholdForm(page, '碣石山镇一村 12 排 2 号', [{ name: '邵长林', idNumber: testIdNumber('1949-01-30', 182) }]);
    await page.getByTestId('household-submit').click();
    await expect(page.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();

    const panel = page.getByTestId('attachment-panel');
    await panel.getByTestId('attachment-camera').click();
    await page.getByTestId('camera-capture').click();
    await page.getByTestId('camera-use').click();
    const photo = panel.getByTestId('attachment-thumb').filter({ hasText: '照片' });
    await expect(photo).toHaveCount(1);
    await expect(photo.getByTestId('attachment-image').locator('img').first()).toBeVisible();
    await expect(photo.getByTestId('attachment-state')).toHaveText('已上传');
  } finally {
    await browser.close();
  }
});

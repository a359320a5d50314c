import { expect, type Page } from '@playwright/test';
import { test } from './appLog';
import { signIn } from './support';

/**
 * 字号 特大 (issue 14): every main page of every role at 1366×768, the size of the old laptops
 * in the villages, with the largest text. A page may scroll down, never sideways; and no text
 * that someone must read is cut off: no element that clips its own text (ellipsis, or overflow
 * hidden or clipped) holds more text than it shows — headings, buttons, menu items, table
 * headers, tags and labels alike. A screenshot of each page is kept with the test's results.
 */

interface Clipped {
  tag: string;
  className: string;
  text: string;
}

/** What a person would check by eye, asked of the page itself. */
async function layoutProblems(page: Page): Promise<{ sideways: boolean; widths: [number, number]; clipped: Clipped[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const clipped: Clipped[] = [];
    for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      if (!ownText) continue;
      const box = element.getBoundingClientRect();
      // Not on screen, or a screen-reader-only text (1 px wide on purpose).
      if (box.width <= 2 || box.height <= 2 || element.closest('[aria-hidden="true"]')) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') continue;
      const clipsX = style.textOverflow === 'ellipsis' || style.overflowX === 'hidden' || style.overflowX === 'clip';
      const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip';
      const cutX = clipsX && element.scrollWidth > element.clientWidth + 1;
      const cutY = clipsY && element.scrollHeight > element.clientHeight + 1;
      if (cutX || cutY) {
        clipped.push({ tag: element.tagName.toLowerCase(), className: String(element.className).slice(0, 80), text: (element.textContent ?? '').trim().slice(0, 40) });
      }
    }
    // A field's placeholder is read too (what to type): it is cut when wider than the field's text box.
    const measure = document.createElement('canvas').getContext('2d')!;
    for (const field of document.body.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')) {
      const box = field.getBoundingClientRect();
      if (field.value || !field.placeholder || box.width <= 2 || field.closest('[aria-hidden="true"]')) continue;
      const style = getComputedStyle(field);
      measure.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (measure.measureText(field.placeholder).width > room + 1) {
        clipped.push({ tag: field.tagName.toLowerCase(), className: 'placeholder', text: field.placeholder.slice(0, 40) });
      }
    }
    return { sideways: root.scrollWidth > root.clientWidth, widths: [root.scrollWidth, root.clientWidth] as [number, number], clipped };
  });
}

async function chooseExtraLarge(page: Page): Promise<void> {
  await page.getByTestId('text-size').click();
  await page.getByTestId('text-size-extraLarge').click();
  await expect(page.getByTestId('text-size')).toHaveAttribute('data-size', 'extraLarge');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
  await expect.poll(() => page.getByTestId('user-name').evaluate((el) => getComputedStyle(el).fontSize)).toBe('20px');
}

/** The check finds what it looks for: a planted label cut off by an ellipsis, and a planted over-wide box. */
async function checkTheCheck(page: Page): Promise<void> {
  await page.evaluate(() => {
    const label = document.createElement('div');
    label.id = 'planted-cut';
    label.style.cssText = 'width: 60px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis';
    label.textContent = '城乡最低生活保障对象';
    const wide = document.createElement('div');
    wide.id = 'planted-wide';
    wide.style.cssText = 'width: 1500px; height: 4px';
    document.querySelector('main')?.append(label, wide);
  });
  const found = await layoutProblems(page);
  expect(found.sideways).toBe(true);
  expect(found.clipped.map((cut) => cut.text)).toContain('城乡最低生活保障对象');
  await page.evaluate(() => document.querySelectorAll('#planted-cut, #planted-wide').forEach((element) => element.remove()));
  expect(await layoutProblems(page)).toMatchObject({ sideways: false, clipped: [] });
}

const roles = [
  { username: 'xieli_a', role: '村级协理员' },
  { username: 'zhen', role: '乡镇' },
  { username: 'shegong', role: '社工' },
  { username: 'xian', role: '县级' },
  { username: 'shi', role: '市级' },
];

for (const { username, role } of roles) {
  test(`字号 特大: every page of the ${role} (${username}) fits 1366×768 with no text cut off`, async ({ browser }, testInfo) => {
    test.setTimeout(300_000);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await signIn(page, username);
    await chooseExtraLarge(page);

    if (username === 'xieli_a') await checkTheCheck(page);

    const menu = page.getByRole('navigation').getByRole('menuitem');
    const names = (await menu.allInnerTexts()).map((name) => name.trim());
    expect(names.length).toBeGreaterThan(2);
    const problems: string[] = [];
    for (const [index, name] of names.entries()) {
      await menu.filter({ hasText: name }).first().click();
      // The page has drawn: its code loaded, no spinner left in it.
      await expect(page.getByTestId('page-loading')).toHaveCount(0);
      await expect(page.locator('main .ant-spin-spinning')).toHaveCount(0);
      await expect(page.locator('main h1, main h2, main h3, main h4').first()).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`${username}-${index + 1}-${name}.png`), fullPage: true });
      const found = await layoutProblems(page);
      if (found.sideways) problems.push(`${name}: scrolls sideways (${found.widths[0]} > ${found.widths[1]} px)`);
      for (const cut of found.clipped) problems.push(`${name}: text cut off in <${cut.tag} class="${cut.className}">${cut.text}`);
    }
    expect(problems).toEqual([]);
    // Remembered for this person: a reload keeps it.
    await page.reload();
    await expect(page.getByTestId('text-size')).toHaveAttribute('data-size', 'extraLarge');
    await context.close();
  });
}

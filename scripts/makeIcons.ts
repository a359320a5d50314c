/**
 * Renders the app's icons from resources/icon.svg for every packaging target: PNGs for Linux
 * (resources/icons/NxN.png, electron-builder's layout), resources/icon.png (512) and
 * resources/icon.ico for Windows (PNG images inside an ICO container, which Windows Vista and later
 * read). Drawn by Debian's Chromium, the one program here that renders SVG. The outputs are
 * committed; run again after changing the SVG: `npx tsx scripts/makeIcons.ts`.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = fileURLToPath(new URL('../', import.meta.url));
const resources = path.join(root, 'resources');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const WINDOWS_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** An ICO file holding each size as a PNG (ICONDIR, one ICONDIRENTRY per image, then the images). */
function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    // 256 is written as 0, as the format says.
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

async function main(): Promise<void> {
  const svg = readFileSync(path.join(resources, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const rendered = new Map<number, Buffer>();
    for (const size of LINUX_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
      rendered.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    mkdirSync(path.join(resources, 'icons'), { recursive: true });
    for (const [size, png] of rendered) writeFileSync(path.join(resources, 'icons', `${size}x${size}.png`), png);
    writeFileSync(path.join(resources, 'icon.png'), rendered.get(512)!);
    writeFileSync(path.join(resources, 'icon.ico'), icoOf(WINDOWS_SIZES.map((size) => ({ size, png: rendered.get(size)! }))));
  } finally {
    await browser.close();
  }
}

void main();

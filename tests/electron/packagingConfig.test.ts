import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * What the packages install (issue 16): an icon for every target, the deb under an ASCII folder
 * with a real maintainer. electron-builder itself cannot run here (it downloads Electron), so
 * this reads the configurations as electron-builder does (require for the .cjs).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const LINUX_CONFIG = `${root}electron-builder.linux.cjs`;

interface BuilderConfig {
  productName: string;
  win: { icon: string };
  linux: { icon: string; maintainer?: string; executableName: string; desktop: { entry: { Name: string } } };
}

function linuxConfig(maintainer: string | undefined): BuilderConfig {
  delete require.cache[require.resolve(LINUX_CONFIG)];
  if (maintainer === undefined) delete process.env['JIUZHU_MAINTAINER'];
  else process.env['JIUZHU_MAINTAINER'] = maintainer;
  return require(LINUX_CONFIG) as BuilderConfig;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the packages electron-builder makes', () => {
  afterEach(() => {
    delete process.env['JIUZHU_MAINTAINER'];
  });

  it('installs the deb under an ASCII folder, while people still see 救助通', () => {
    const config = linuxConfig('滨州市某县民政局信息中心 <it@mz.example.gov.cn>');
    // electron-builder installs a deb at /opt/<productName>.
    expect(config.productName).toMatch(/^[a-z0-9-]+$/);
    expect(config.linux.executableName).toMatch(/^[a-z0-9-]+$/);
    expect(config.linux.desktop.entry.Name).toBe('救助通');
    expect(JSON.parse(readFileSync(`${root}package.json`, 'utf8')).productName).toBe('救助通');
  });

  it('names a real maintainer given at packaging time, and refuses to package without one', () => {
    expect(linuxConfig('滨州市某县民政局信息中心 <it@mz.example.gov.cn>').linux.maintainer).toBe('滨州市某县民政局信息中心 <it@mz.example.gov.cn>');
    expect(() => linuxConfig(undefined)).toThrow(/JIUZHU_MAINTAINER/);
    expect(() => linuxConfig('救助通项目组')).toThrow(/Name <mailbox@domain>/);
  });

  it('has an icon for every target, drawn at each size a desktop asks for', () => {
    const config = linuxConfig('滨州市某县民政局信息中心 <it@mz.example.gov.cn>');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(`${root}${config.linux.icon}/${size}x${size}.png`)).toEqual({ width: size, height: size });
    }
    const ico = readFileSync(`${root}${config.win.icon}`);
    // ICONDIR: reserved 0, type 1 (icon), then the images; Windows wants a 256 one (written as 0).
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(existsSync(`${root}resources/icon.png`)).toBe(true);
  });
});

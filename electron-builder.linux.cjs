// The Linux packages (deb, AppImage): electron-builder.yml with two differences.
//   JIUZHU_MAINTAINER='某县民政局信息中心 <it@example.gov.cn>' npx electron-builder --config electron-builder.linux.cjs --linux
// 1. electron-builder installs a deb under /opt/<product name> and has no setting for it (26.x):
//    /opt/救助通 breaks launchers and Chromium's sandbox helper on some desktops, so the product
//    name is ASCII here. What people see stays 救助通: the desktop entry's Name, the window title
//    and the app's own data folder (package.json's productName, unchanged inside the app).
// 2. Debian requires a real maintainer, name and mailbox: whoever packages and supports it (the
//    county's or city's IT office), given at packaging time, never a placeholder.
// CommonJS because electron-builder loads it with require; tests/electron/packagingConfig.test.ts reads it.
/* global require, __dirname, process, module */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS configuration, loaded with require */
const { readFileSync } = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
/* eslint-enable @typescript-eslint/no-require-imports */

const base = yaml.load(readFileSync(path.join(__dirname, 'electron-builder.yml'), 'utf8'));
const maintainer = process.env.JIUZHU_MAINTAINER;
if (!maintainer || !/^[^<>]+ <[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>$/.test(maintainer.trim())) {
  throw new Error('JIUZHU_MAINTAINER: set the deb maintainer as "Name <mailbox@domain>" (the office that supports the laptops)');
}

module.exports = {
  ...base,
  productName: 'jiuzhu',
  linux: { ...base.linux, maintainer: maintainer.trim() },
};

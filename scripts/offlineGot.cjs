// Preloaded for the electronegativity scan only (scripts/electronSecurityScan.ts). The scanner
// fetches translations and Electron's release list with `got` 11, whose retry after a failed
// request throws from a timer under Node 24 ("onCancel handler was attached after the promise
// settled") and kills the scan. The scan needs neither (the Electron version is given with -e,
// the English texts ship with it): here `got` fails at once, which the scanner already handles
// as "no connectivity", and no request leaves the machine.
/* global require */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (NODE_OPTIONS --require) patches require itself
const Module = require('node:module');
const load = Module._load;
const offline = () => Promise.reject(new Error('electronegativity scan: no network requests'));
const got = Object.assign(offline, { head: offline, get: offline, default: offline });
Module._load = function (request, parent, isMain) {
  if (request === 'got' && parent && parent.filename.includes('electronegativity')) return got;
  return load.call(this, request, parent, isMain);
};

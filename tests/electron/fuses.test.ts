import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The `electronFuses:` block of electron-builder.yml, as key → boolean (a flat block of booleans). */
function fusesInConfig(): Record<string, boolean> {
  const lines = readFileSync(`${root}electron-builder.yml`, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.startsWith('electronFuses:'));
  if (start < 0) return {};
  const fuses: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    const match = /^\s+(\w+):\s*(true|false)\s*(#.*)?$/.exec(line);
    if (!match) break;
    fuses[match[1]!] = match[2] === 'true';
  }
  return fuses;
}

describe('Electron fuses of the packaged app', () => {
  const fuses = fusesInConfig();

  it('turns off every way to run the binary as Node or inject options into it', () => {
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
    });
  });

  it('loads the app only from an integrity-checked app.asar, with encrypted cookies and no file:// privileges', () => {
    expect(fuses).toMatchObject({
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names only fuses electron-builder 26 knows (a misspelt one would be ignored)', () => {
    const scheme = JSON.parse(readFileSync(`${root}node_modules/app-builder-lib/scheme.json`, 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(Object.keys(fuses).length).toBeGreaterThan(0);
    for (const name of Object.keys(fuses)) expect(known).toContain(name);
  });
});

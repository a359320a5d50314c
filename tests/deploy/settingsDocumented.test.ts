import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';

/** Every environment variable the server's code reads: `env['X']`, `process.env.X`, and `need('X')` (S3). */
function settingsTheServerReads(): string[] {
  const files = readdirSync('server', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const names = new Set<string>();
  for (const file of files) {
    const code = readFileSync(path.join('server', file), 'utf8');
    for (const match of code.matchAll(/\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]|\benv\.([A-Z][A-Z0-9_]*)\b|\bneed\(['"]([A-Z][A-Z0-9_]*)['"]\)/g)) {
      names.add((match[1] ?? match[2] ?? match[3])!);
    }
  }
  return [...names].sort();
}

describe("the kit's settings file", () => {
  it('documents every setting the server reads', () => {
    const example = readFileSync('deploy/jiuzhu.env.example', 'utf8');
    const documented = new Set([...example.matchAll(/^#?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
    const read = settingsTheServerReads();
    // The scan finds what the server is known to read (so an empty scan cannot pass).
    expect(read).toEqual(expect.arrayContaining(['DATABASE_URL', 'JIUZHU_CORS_ORIGINS', 'JIUZHU_DB_POOL_SIZE', 'JIUZHU_HSTS', 'JIUZHU_METRICS_TOKEN', 'JIUZHU_S3_BUCKET', 'JIUZHU_STATIC_DIR', 'LOG_LEVEL']));
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('is a configuration the server accepts as it stands', () => {
    const settings = Object.fromEntries([...readFileSync('deploy/jiuzhu.env.example', 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    const config = readConfig(settings);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8787, dataDir: '/var/lib/jiuzhu', staticDir: '/opt/jiuzhu/web', hsts: true, demo: false, databasePoolSize: 10, logLevel: 'info' });
    expect(config.trustProxy).toEqual(['127.0.0.1']);
  });

  it('takes the pool size and log level from the environment, and refuses values it cannot use in words', () => {
    expect(readConfig({ JIUZHU_DB_POOL_SIZE: '40' }).databasePoolSize).toBe(40);
    expect(() => readConfig({ JIUZHU_DB_POOL_SIZE: '0' })).toThrow(/JIUZHU_DB_POOL_SIZE must be a whole number/);
    expect(() => readConfig({ JIUZHU_DB_POOL_SIZE: 'ten' })).toThrow(/JIUZHU_DB_POOL_SIZE/);
    expect(readConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => readConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL must be one of/);
  });
});

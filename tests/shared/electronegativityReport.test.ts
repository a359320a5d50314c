import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentedExceptions, parseFindings } from '../../scripts/electronegativityReport';

describe('the electronegativity gate', () => {
  it('reads findings and knows which ones SECURITY.md explains', () => {
    const csv = [
      'issue, severity, confidence, filename, location, sample, description, url',
      'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","main/index.ts","32:17","const w = new BrowserWindow(a, b);","Review, please",https://x',
      'NODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","main/other.ts","3:1","x","y",https://x',
    ].join('\n');
    const findings = parseFindings(csv);
    expect(findings.map((f) => `${f.check} ${f.severity} ${f.file}`)).toEqual([
      'CONTEXT_ISOLATION_JS_CHECK HIGH main/index.ts',
      'NODE_INTEGRATION_JS_CHECK HIGH main/other.ts',
    ]);
    const allowed = documentedExceptions(readFileSync('SECURITY.md', 'utf8'));
    expect(allowed.has('CONTEXT_ISOLATION_JS_CHECK main/index.ts')).toBe(true);
    expect(allowed.has('NODE_INTEGRATION_JS_CHECK main/other.ts')).toBe(false);
  });
});

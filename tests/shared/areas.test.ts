import { describe, expect, it } from 'vitest';
import {
  allAreas,
  areaLabel,
  areaPath,
  childrenOf,
  countiesOf,
  findArea,
  naturalAreaCode,
  padAreaCode,
  villagesIn,
} from '../../shared/areas';

const COUNTS: Record<string, [townships: number, villages: number]> = {
  滨城区: [15, 402],
  沾化区: [12, 454],
  惠民县: [15, 116],
  阳信县: [10, 329],
  无棣县: [12, 589],
  博兴县: [12, 460],
  邹平市: [16, 859],
};

describe('Binzhou areas', () => {
  it('has the whole city', () => {
    const byLevel = (level: string): number => allAreas().filter((a) => a.level === level).length;
    expect(byLevel('city')).toBe(1);
    expect(byLevel('county')).toBe(7);
    expect(byLevel('township')).toBe(92);
    expect(byLevel('village')).toBe(3209);
    expect(findArea('3716')).toEqual({ code: '3716', name: '滨州市', level: 'city', parentCode: null });
  });

  it('has the expected townships and villages per county', () => {
    const counties = countiesOf();
    expect(counties.map((c) => c.name)).toEqual(Object.keys(COUNTS));
    for (const county of counties) {
      expect([childrenOf(county.code).length, villagesIn(county.code).length], county.name).toEqual(COUNTS[county.name]);
    }
  });

  it('finds 碣石山镇 and 胡集镇', () => {
    const jieshishan = childrenOf('371623').find((a) => a.name === '碣石山镇');
    expect(jieshishan?.code).toBe('371623102');
    const huji = childrenOf('371621').find((a) => a.name === '胡集镇');
    expect(huji).toEqual({ code: '371621104', name: '胡集镇', level: 'township', parentCode: '371621' });
  });

  it('finds 王惠理联村 in 胡集镇', () => {
    const village = villagesIn('371621104').find((a) => a.name === '王惠理联村');
    expect(village).toEqual({ code: '371621104303', name: '王惠理联村', level: 'village', parentCode: '371621104' });
    expect(areaLabel('371621104303')).toBe('惠民县 胡集镇 王惠理联村');
    expect(areaLabel('371621104303', { withCity: true })).toBe('滨州市 惠民县 胡集镇 王惠理联村');
  });

  it('accepts zero-padded codes', () => {
    expect(findArea('371623102000')?.name).toBe('碣石山镇');
    expect(findArea('371623000000')?.name).toBe('无棣县');
    expect(findArea('371600000000')?.name).toBe('滨州市');
    expect(villagesIn('371623102000')).toEqual(villagesIn('371623102'));
    expect(naturalAreaCode('371623102000')).toBe('371623102');
    expect(padAreaCode('371623102')).toBe('371623102000');
    expect(padAreaCode('3716')).toBe('371600000000');
    expect(() => padAreaCode('37162a')).toThrow();
  });

  it('builds paths from city to village', () => {
    expect(areaPath('371621104303').map((a) => a.code)).toEqual(['3716', '371621', '371621104', '371621104303']);
    expect(areaPath('371623102').map((a) => a.name)).toEqual(['滨州市', '无棣县', '碣石山镇']);
    expect(areaPath('3716')).toHaveLength(1);
    expect(areaPath('110105')).toEqual([]);
    expect(areaLabel('371623102')).toBe('无棣县 碣石山镇');
    expect(areaLabel('999999999999')).toBe('999999999999');
  });

  it('lists areas in depth-first order with consistent parents', () => {
    const areas = allAreas();
    expect(areas[0]?.code).toBe('3716');
    for (let i = 1; i < areas.length; i++) {
      expect(padAreaCode(areas[i - 1]!.code) < padAreaCode(areas[i]!.code)).toBe(true);
      const parent = findArea(areas[i]!.parentCode!);
      expect(parent && areas[i]!.code.startsWith(parent.code)).toBe(true);
    }
    expect(findArea('999999')).toBeUndefined();
    expect(childrenOf('371621104303')).toEqual([]);
    expect(villagesIn('371623102').every((v) => v.name.length > 0 && !v.name.endsWith('委员会'))).toBe(true);
  });
});

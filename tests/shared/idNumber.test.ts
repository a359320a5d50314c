import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckChar, makeIdNumber, maskIdNumber } from '../../shared/domain/idNumber';

const EXAMPLE = '11010519491231002X'; // the example in GB 11643-1999
const TODAY = new Date(2025, 5, 1);

function message(raw: string, today = TODAY): string {
  const result = checkIdNumber(raw, today);
  if (result.ok) throw new Error(`${raw} unexpectedly valid`);
  return result.message;
}

describe('checkIdNumber', () => {
  it('accepts the standard’s example', () => {
    expect(checkIdNumber(EXAMPLE, TODAY)).toEqual({ ok: true, birthDate: '1949-12-31', sex: 'female' });
    expect(idNumberCheckChar(EXAMPLE.slice(0, 17))).toBe('X');
  });

  it('rejects every single-character change', () => {
    const chars = '0123456789X';
    for (let i = 0; i < 18; i++) {
      for (const c of chars) {
        if (c === EXAMPLE[i] || (i < 17 && c === 'X')) continue;
        const changed = EXAMPLE.slice(0, i) + c + EXAMPLE.slice(i + 1);
        expect(checkIdNumber(changed, TODAY).ok, changed).toBe(false);
      }
    }
  });

  it('trims and accepts a lowercase x', () => {
    expect(checkIdNumber(' 11010519491231002x ', TODAY).ok).toBe(true);
  });

  it('checks the calendar', () => {
    // Built by hand because makeIdNumber refuses impossible dates; the check character is right.
    const withDate = (yyyymmdd: string): string => {
      const first17 = `371623${yyyymmdd}123`;
      return first17 + idNumberCheckChar(first17);
    };
    expect(message(withDate('19900231'))).toBe('身份证号中的出生日期无效（1990-02-31）');
    expect(message(withDate('19900431'))).toBe('身份证号中的出生日期无效（1990-04-31）');
    expect(message(withDate('19901301'))).toBe('身份证号中的出生日期无效（1990-13-01）');
    expect(message(withDate('19900100'))).toBe('身份证号中的出生日期无效（1990-01-00）');
    expect(message(withDate('19990229'))).toBe('身份证号中的出生日期无效（1999-02-29）');
    expect(message(withDate('19000229'))).toBe('身份证号中的出生日期无效（1900-02-29）');
    expect(checkIdNumber(withDate('20000229'), TODAY)).toEqual({ ok: true, birthDate: '2000-02-29', sex: 'male' });
    expect(checkIdNumber(withDate('20240229'), TODAY).ok).toBe(true);
  });

  it('rejects birth dates in the future or before 1900', () => {
    expect(message(makeIdNumber('371623', '2025-06-02', 1))).toBe('身份证号中的出生日期（2025-06-02）晚于今天');
    expect(checkIdNumber(makeIdNumber('371623', '2025-06-01', 1), TODAY).ok).toBe(true);
    expect(message(makeIdNumber('371623', '1899-12-31', 1))).toBe('身份证号中的出生日期（1899-12-31）早于1900年');
  });

  it('names what is wrong with the shape', () => {
    expect(message('')).toBe('请填写身份证号');
    expect(message(EXAMPLE.slice(0, 17))).toBe('身份证号应为18位，当前为17位');
    expect(message(EXAMPLE + '1')).toBe('身份证号应为18位，当前为19位');
    expect(message('110105491231002')).toContain('当前为15位');
    expect(message('1101051949123100AX')).toBe('身份证号前17位只能是数字');
    expect(message('11010519491231002Y')).toBe('身份证号第18位只能是数字或X');
    expect(message('110105 9491231002X')).toBe('身份证号中不能有空格');
    expect(message('１１0105194912310021')).toContain('半角');
  });

  it('rejects unknown province codes', () => {
    const first17 = '99010519491231002';
    expect(message(first17 + idNumberCheckChar(first17))).toBe('身份证号前两位（99）不是有效的省份代码');
  });

  it('names the expected check character', () => {
    expect(message('110105194912310021')).toBe('身份证号第18位校验码应为X');
    const valid = makeIdNumber('371621', '1956-03-08', 102);
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(message(wrong)).toBe(`身份证号第18位校验码应为${valid[17]}`);
  });
});

describe('makeIdNumber', () => {
  it('round-trips birth date and sex', () => {
    for (const [date, seq, sex] of [
      ['1949-12-31', 1, 'male'],
      ['2000-02-29', 2, 'female'],
      ['1938-07-15', 999, 'male'],
      ['2019-01-01', 0, 'female'],
    ] as const) {
      const id = makeIdNumber('371623', date, seq);
      expect(id).toHaveLength(18);
      expect(id.startsWith('371623')).toBe(true);
      expect(checkIdNumber(id, TODAY)).toEqual({ ok: true, birthDate: date, sex });
    }
  });

  it('rejects bad input', () => {
    expect(() => makeIdNumber('37162', '1990-01-01', 1)).toThrow();
    expect(() => makeIdNumber('371623', '1990-02-30', 1)).toThrow();
    expect(() => makeIdNumber('371623', '1990-01-01', 1000)).toThrow();
  });
});

describe('maskIdNumber', () => {
  it('keeps the first and last four characters', () => {
    expect(maskIdNumber('37162319900101123x')).toBe('3716**********123X');
    expect(maskIdNumber('1234')).toBe('****');
  });
});

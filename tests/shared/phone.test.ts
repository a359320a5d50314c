import { describe, expect, it } from 'vitest';
import { checkMobile, checkPhone } from '../../shared/domain/phone';

describe('checkMobile', () => {
  it('accepts mainland mobiles and normalises them to 11 digits', () => {
    for (const [raw, value] of [
      ['13812345678', '13812345678'],
      [' 138 1234 5678 ', '13812345678'],
      ['138-1234-5678', '13812345678'],
      ['+86 138 1234 5678', '13812345678'],
      ['+86-13812345678', '13812345678'],
      ['8613812345678', '13812345678'],
      ['008619912345678', '19912345678'],
    ] as const) {
      expect(checkMobile(raw), raw).toEqual({ ok: true, value });
    }
  });

  it('explains what is wrong', () => {
    expect(checkMobile('')).toEqual({ ok: false, message: '请填写手机号' });
    expect(checkMobile('1381234567')).toEqual({ ok: false, message: '手机号应为11位数字，当前为10位' });
    expect(checkMobile('138123456789')).toEqual({ ok: false, message: '手机号应为11位数字，当前为12位' });
    expect(checkMobile('12812345678')).toEqual({ ok: false, message: '手机号应以13–19开头' });
    expect(checkMobile('05431234567')).toEqual({ ok: false, message: '手机号应以13–19开头' });
    expect(checkMobile('1381234567a')).toEqual({ ok: false, message: '手机号只能包含数字' });
  });
});

describe('checkPhone', () => {
  it('accepts landlines and mobiles', () => {
    expect(checkPhone('0543-1234567')).toEqual({ ok: true, value: '0543-1234567' });
    expect(checkPhone('(0543) 3216547')).toEqual({ ok: true, value: '0543-3216547' });
    expect(checkPhone('3216547')).toEqual({ ok: true, value: '0543-3216547' });
    expect(checkPhone('010-87654321')).toEqual({ ok: true, value: '010-87654321' });
    expect(checkPhone('+86 138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
  });

  it('rejects malformed numbers', () => {
    expect(checkPhone('0543-123').ok).toBe(false);
    expect(checkPhone('0543-0123456').ok).toBe(false);
    expect(checkPhone('1381234').ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatTrackingCode,
  newTrackingCode,
  normalizeTrackingCode,
  statusCheckAddress,
  TRACKING_ALPHABET,
  TRACKING_CODE_BITS,
  TRACKING_CODE_LENGTH,
} from '../../shared/domain/trackingCode';

describe('码上查 tracking codes', () => {
  it('carry 80 random bits in 16 symbols of 32, none of them 0, O, 1 or I', () => {
    expect(new Set(TRACKING_ALPHABET).size).toBe(32);
    expect(TRACKING_ALPHABET).not.toMatch(/[01OI]/);
    expect(TRACKING_CODE_LENGTH * Math.log2(TRACKING_ALPHABET.length)).toBe(TRACKING_CODE_BITS);
    expect(TRACKING_CODE_BITS).toBeGreaterThanOrEqual(80);
    const codes = Array.from({ length: 2000 }, () => newTrackingCode());
    expect(new Set(codes).size).toBe(codes.length);
    // Every symbol turns up: the draw covers the whole alphabet.
    expect(new Set(codes.join('')).size).toBe(32);
  });

  it('read back as typed from the receipt: lower case, dashes and spaces; anything else is not a code', () => {
    const code = newTrackingCode();
    const printed = formatTrackingCode(code);
    expect(printed).toMatch(/^.{4}-.{4}-.{4}-.{4}$/);
    expect(normalizeTrackingCode(printed.toLowerCase())).toBe(code);
    expect(normalizeTrackingCode(` ${printed.replaceAll('-', ' ')} `)).toBe(code);
    expect(normalizeTrackingCode(`${code.slice(0, 15)}0`)).toBeNull();
    expect(normalizeTrackingCode(code.slice(1))).toBeNull();
    expect(normalizeTrackingCode('../../etc/passwd')).toBeNull();
  });

  it('make the page address from the public base, with or without its trailing slash', () => {
    expect(statusCheckAddress('https://jiuzhu.example.gov.cn/', 'ABCD2345EFGH6789')).toBe('https://jiuzhu.example.gov.cn/q/ABCD2345EFGH6789');
    expect(statusCheckAddress('https://jiuzhu.example.gov.cn', 'ABCD2345EFGH6789')).toBe('https://jiuzhu.example.gov.cn/q/ABCD2345EFGH6789');
  });
});

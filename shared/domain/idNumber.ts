/**
 * 公民身份号码 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence
 * (odd for men), and an ISO 7064 MOD 11-2 check character.
 */

export type IdNumberCheck =
  | { ok: true; birthDate: string /* YYYY-MM-DD */; sex: 'male' | 'female' }
  | { ok: false; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * 83 is included because 台湾居民居住证 numbers (830000…) follow the same standard,
 * as do 81/82 for Hong Kong and Macao residents.
 */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

const EARLIEST_BIRTH_YEAR = 1900;

export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`idNumberCheckChar needs 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC avoids DST surprises.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function localIsoDate(date: Date): string {
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${m}-${d}`;
}

/**
 * Validates a typed-in ID number. Input is trimmed and a lowercase x accepted, but callers
 * should store `raw.trim().toUpperCase()`: nothing else is normalised, so what passes is storable.
 * `today` bounds the birth date; it is read in local time, the worker's calendar day.
 */
export function checkIdNumber(raw: string, today: Date = new Date()): IdNumberCheck {
  const id = raw.trim().toUpperCase();
  if (id.length === 0) return { ok: false, message: '请填写身份证号' };
  if (/\s/.test(id)) return { ok: false, message: '身份证号中不能有空格' };
  if (/[０-９Ｘ]/.test(id)) return { ok: false, message: '身份证号请用半角数字输入，不要用全角字符' };
  const length = Array.from(id).length;
  if (length !== 18) {
    const hint = length === 15 ? '（15位旧号码请换成18位新号码）' : '';
    return { ok: false, message: `身份证号应为18位，当前为${length}位${hint}` };
  }
  const first17 = id.slice(0, 17);
  if (!/^\d{17}$/.test(first17)) return { ok: false, message: '身份证号前17位只能是数字' };
  const last = id[17]!;
  if (!/^[\dX]$/.test(last)) return { ok: false, message: '身份证号第18位只能是数字或X' };

  const province = id.slice(0, 2);
  if (!PROVINCE_CODES.has(Number(province))) {
    return { ok: false, message: `身份证号前两位（${province}）不是有效的省份代码` };
  }

  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(year, month, day)) {
    return { ok: false, message: `身份证号中的出生日期无效（${birthDate}）` };
  }
  if (year < EARLIEST_BIRTH_YEAR) {
    return { ok: false, message: `身份证号中的出生日期（${birthDate}）早于${EARLIEST_BIRTH_YEAR}年` };
  }
  if (birthDate > localIsoDate(today)) {
    return { ok: false, message: `身份证号中的出生日期（${birthDate}）晚于今天` };
  }

  const expected = idNumberCheckChar(first17);
  if (last !== expected) return { ok: false, message: `身份证号第18位校验码应为${expected}` };

  return { ok: true, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/** For lists and logs, where the full number should not be shown: `3716**********123X`. */
export function maskIdNumber(id: string): string {
  const value = id.trim().toUpperCase();
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** Builds a valid number; an odd `seq3` gives a man, an even one a woman. For demo data and tests. */
export function makeIdNumber(area6: string, birthDate: string, seq3: number): string {
  if (!/^\d{6}$/.test(area6)) throw new Error(`makeIdNumber: area code must be 6 digits, got "${area6}"`);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!date || !isRealDate(Number(date[1]), Number(date[2]), Number(date[3]))) {
    throw new Error(`makeIdNumber: invalid birth date "${birthDate}"`);
  }
  if (!Number.isInteger(seq3) || seq3 < 0 || seq3 > 999) {
    throw new Error(`makeIdNumber: sequence must be an integer 0–999, got ${seq3}`);
  }
  const first17 = area6 + date[1] + date[2] + date[3] + String(seq3).padStart(3, '0');
  return first17 + idNumberCheckChar(first17);
}

/** Mainland China phone numbers as people type them: with spaces, dashes and country codes. */

export type PhoneCheck = { ok: true; value: string } | { ok: false; message: string };

/** 滨州 — a bare 7-digit landline number is taken to be local. */
export const BINZHOU_LANDLINE_AREA_CODE = '0543';

const SEPARATORS = /[\s\u3000\-－—–()（）]/g;

function stripSeparators(raw: string): string {
  return raw.trim().replace(SEPARATORS, '');
}

/** Removes +86 / 0086 / 86 so the number is stored in the form people dial. */
function stripCountryCode(digits: string): string {
  if (digits.startsWith('+86')) return digits.slice(3);
  if (digits.startsWith('0086')) return digits.slice(4);
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return digits;
}

/** Normalised value is the 11 bare digits. */
export function checkMobile(raw: string): PhoneCheck {
  if (raw.trim().length === 0) return { ok: false, message: '请填写手机号' };
  const digits = stripCountryCode(stripSeparators(raw));
  if (/[０-９]/.test(digits)) return { ok: false, message: '手机号请用半角数字输入，不要用全角字符' };
  if (!/^\d+$/.test(digits)) return { ok: false, message: '手机号只能包含数字' };
  if (digits.length !== 11) return { ok: false, message: `手机号应为11位数字，当前为${digits.length}位` };
  if (!/^1[3-9]/.test(digits)) return { ok: false, message: '手机号应以13–19开头' };
  return { ok: true, value: digits };
}

/**
 * A mobile or a landline. Landlines are normalised to `0543-1234567`; area codes 010 and 02x
 * are three digits, all others four, and local numbers are 7–8 digits not starting with 0.
 */
export function checkPhone(raw: string, defaultAreaCode: string = BINZHOU_LANDLINE_AREA_CODE): PhoneCheck {
  if (raw.trim().length === 0) return { ok: false, message: '请填写联系电话' };
  const digits = stripCountryCode(stripSeparators(raw));
  if (digits.startsWith('1')) return checkMobile(digits);
  if (/[０-９]/.test(digits)) return { ok: false, message: '电话号码请用半角数字输入，不要用全角字符' };
  if (!/^\d+$/.test(digits)) return { ok: false, message: '电话号码只能包含数字' };

  let areaCode = defaultAreaCode;
  let local = digits;
  if (digits.startsWith('0')) {
    const areaLength = /^0[12]/.test(digits) ? 3 : 4;
    areaCode = digits.slice(0, areaLength);
    local = digits.slice(areaLength);
  }
  if (!/^[1-9]\d{6,7}$/.test(local)) {
    return { ok: false, message: '固定电话应为区号加7–8位号码，如 0543-1234567；手机号应为11位数字' };
  }
  return { ok: true, value: `${areaCode}-${local}` };
}

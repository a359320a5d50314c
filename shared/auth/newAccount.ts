import { findArea, padAreaCode, type Area, type AreaLevel } from '../areas';
import { roleTerms, type Role } from '../vocabulary/roles';
import { isAreaCodeValidForRole, roles } from './roles';

/**
 * The checks a new account passes before it is made, in plain Chinese for the people who fill in
 * an account sheet: the same rules as `user add` (server/users/userStore.ts `newUserProblem`,
 * which uses `USERNAME_PATTERN` and `isAreaCodeValidForRole` from here), said so that the
 * operator knows which cell to fix.
 */

/** 3–40 letters, digits, _ . - : what a username may be (ASCII, so it can be typed on any laptop). */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,40}$/;

/** A display name's longest length, as the admin page allows. */
export const DISPLAY_NAME_MAX = 80;

const levelWords: Record<AreaLevel, string> = { city: '市（4 位）', county: '县（6 位）', township: '乡镇（9 位）', village: '村（12 位）' };
const levelNames: Record<AreaLevel, string> = { city: '市', county: '县', township: '乡镇', village: '村' };

/** Roles never made from a sheet: each is made one at a time (`user add`, 新建账号). */
type OneAtATime = 'admin' | 'relay';

/** Which level of area each role that may be made in bulk works in. */
const roleLevel: Record<Exclude<Role, OneAtATime>, AreaLevel> = {
  assistant: 'village',
  social_worker: 'township',
  township: 'township',
  county: 'county',
  city: 'city',
};

/**
 * The role a sheet names: the app's Chinese word (村级民政协理员), its short form (村级协理员) or
 * the code (assistant); spaces around are ignored. Undefined for anything else.
 */
export function roleFromWord(text: string): Role | undefined {
  const word = text.trim();
  return roles.find((role) => {
    const term: { zh: string; en: string; short?: { zh?: string } } = roleTerms[role];
    return word === role || word === term.zh || word === term.short?.zh;
  });
}

/** An account as a sheet row gives it, every cell as text ('' when empty). */
export interface AccountDraft {
  username: string;
  displayName: string;
  role: string;
  areaCode: string;
}

/** An account that passed every check: the role's code and the 12-digit area code the server stores. */
export interface CheckedAccount {
  username: string;
  displayName: string;
  role: Exclude<Role, OneAtATime>;
  areaCode: string;
}

export type AccountCheck = { ok: true; account: CheckedAccount } | { ok: false; reason: string };

const refuse = (reason: string): AccountCheck => ({ ok: false, reason });

const roleWordList = (Object.keys(roleLevel) as Exclude<Role, OneAtATime>[]).map((role) => roleTerms[role].zh).join('、');

/** The area a code names, at its natural length or padded to 12 digits; a reason when there is none. */
function areaOf(code: string): Area | string {
  if (code === '') return '区划代码为空';
  if (!/^\d+$/.test(code)) return `区划代码 ${code} 只能是数字`;
  if (![4, 6, 9, 12].includes(code.length)) return `区划代码 ${code} 不是村（12 位）或乡镇（9 位）的代码`;
  return findArea(code) ?? `区划代码 ${code} 在滨州市的区划中找不到`;
}

/**
 * Checks one account of a sheet on its own (whether the username is free is the database's to
 * say). The reason names the column and the value to fix, never a password.
 */
export function checkAccount(draft: AccountDraft): AccountCheck {
  // NFKC: digits and letters typed full-width by a Chinese input method (３７１６２３) become ASCII.
  const username = draft.username.normalize('NFKC').trim();
  const displayName = draft.displayName.trim();
  if (username === '') return refuse('用户名为空');
  if (!USERNAME_PATTERN.test(username)) return refuse(`用户名 ${username} 不合要求：3–40 位英文字母、数字或 _ . -`);
  if (displayName === '') return refuse('姓名为空');
  if (displayName.length > DISPLAY_NAME_MAX) return refuse(`姓名超过 ${DISPLAY_NAME_MAX} 个字`);
  const roleText = draft.role.trim();
  if (roleText === '') return refuse('角色为空');
  const role = roleFromWord(roleText);
  if (role === undefined) return refuse(`角色“${roleText}”不是本系统的角色，应为：${roleWordList}`);
  // An administrator reaches every county's data: made one at a time with `user add`, never from a sheet.
  if (role === 'admin') return refuse('系统管理员账号不能批量创建，请用 user add 单独创建');
  // A relay is one township PC's own account: the county makes it alone and types its password into that PC.
  if (role === 'relay') return refuse(`${roleTerms.relay.zh}账号不能批量创建，请在账号管理中单独新建`);
  const typedCode = draft.areaCode.normalize('NFKC').trim();
  const area = areaOf(typedCode);
  if (typeof area === 'string') return refuse(area);
  const wanted = roleLevel[role];
  if (area.level !== wanted) {
    return refuse(
      `角色“${roleTerms[role].zh}”需要${levelWords[wanted]}的区划代码，${typedCode} 是${levelNames[area.level]}（${area.name}）的代码`,
    );
  }
  const areaCode = padAreaCode(area.code);
  // The rule `user add` applies, kept as the last word so the two can never drift apart.
  if (!isAreaCodeValidForRole(role, areaCode)) return refuse(`区划代码 ${typedCode} 不适合角色“${roleTerms[role].zh}”`);
  return { ok: true, account: { username, displayName, role, areaCode } };
}

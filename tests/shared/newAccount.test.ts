import { describe, expect, it } from 'vitest';
import { checkAccount, roleFromWord } from '../../shared/auth/newAccount';
import { isAreaCodeValidForRole } from '../../shared/auth/roles';

const draft = { username: 'xieli_1', displayName: '李一', role: '村级民政协理员', areaCode: '371623102201' };

describe('a new account’s checks, in the words of the account sheet', () => {
  it('takes a role by its word, its short form or its code', () => {
    expect(['村级民政协理员', '村级协理员', 'assistant', ' 村级协理员 '].map(roleFromWord)).toEqual(['assistant', 'assistant', 'assistant', 'assistant']);
    expect([roleFromWord('社工'), roleFromWord('乡镇社会救助服务站'), roleFromWord('乡镇工作人员'), roleFromWord('县级民政'), roleFromWord('市级民政局')]).toEqual([
      'social_worker', 'township', 'township', 'county', 'city',
    ]);
    expect(roleFromWord('协理员')).toBeUndefined();
  });

  it('gives the 12-digit code user add stores, from a natural or a padded code', () => {
    for (const [role, areaCode, stored] of [
      ['社工', '371623102', '371623102000'],
      ['乡镇工作人员', '371623102000', '371623102000'],
      ['县级民政局', '371623', '371623000000'],
      ['市级民政局', '3716', '371600000000'],
    ] as const) {
      const check = checkAccount({ ...draft, role, areaCode });
      expect(check).toMatchObject({ ok: true, account: { areaCode: stored } });
      if (check.ok) expect(isAreaCodeValidForRole(check.account.role, check.account.areaCode)).toBe(true);
    }
  });

  it('reads digits and letters typed full-width by a Chinese input method', () => {
    expect(checkAccount({ ...draft, username: 'ｘｉｅｌｉ＿１', areaCode: '３７１６２３１０２２０１' })).toMatchObject({
      ok: true,
      account: { username: 'xieli_1', areaCode: '371623102201' },
    });
  });

  it('refuses, naming the cell: a bad username, an empty name, an administrator, a relay, a county code for a township', () => {
    expect(checkAccount({ ...draft, username: '李一' })).toEqual({ ok: false, reason: '用户名 李一 不合要求：3–40 位英文字母、数字或 _ . -' });
    expect(checkAccount({ ...draft, displayName: ' ' })).toEqual({ ok: false, reason: '姓名为空' });
    expect(checkAccount({ ...draft, role: '系统管理员', areaCode: '000000000000' })).toMatchObject({ ok: false, reason: expect.stringContaining('不能批量创建') });
    // A township relay's account belongs to one PC: made alone in 账号管理, never from a sheet.
    expect(checkAccount({ ...draft, role: '乡镇中转站', areaCode: '371623102' })).toEqual({ ok: false, reason: '乡镇中转站账号不能批量创建，请在账号管理中单独新建' });
    expect(checkAccount({ ...draft, role: '乡镇工作人员', areaCode: '371623' })).toEqual({
      ok: false,
      reason: '角色“乡镇社会救助服务站”需要乡镇（9 位）的区划代码，371623 是县（无棣县）的代码',
    });
    expect(checkAccount({ ...draft, areaCode: '37162310220A' })).toEqual({ ok: false, reason: '区划代码 37162310220A 只能是数字' });
  });
});

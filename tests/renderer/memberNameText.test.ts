import { describe, expect, it } from 'vitest';
import { MemberNameText } from '../../renderer/data/households/memberNameText';

const households = [
  { id: 'h1', memberNames: ['张三', '李四'] },
  { id: 'h2', memberNames: ['张三丰'] },
  { id: 'h3', memberNames: [] },
  { id: 'h4', memberNames: ['王五', '张小三', '赵六'] },
];

describe('finding households by part of a member name', () => {
  const names = new MemberNameText(households);

  it('finds every household with a name containing the text, each once', () => {
    expect(names.householdsWith('张')?.sort()).toEqual(['h1', 'h2', 'h4']);
    expect(names.householdsWith('三')?.sort()).toEqual(['h1', 'h2', 'h4']);
    expect(names.householdsWith('赵六')).toEqual(['h4']);
    expect(names.householdsWith('李四')).toEqual(['h1']);
  });

  it('never matches across two names or two households', () => {
    expect(names.householdsWith('三李')).toEqual([]);
    expect(names.householdsWith('丰王')).toEqual([]);
    expect(names.householdsWith('四张')).toEqual([]);
  });

  it('leaves the empty text and the separator to the full scan', () => {
    expect(names.householdsWith('')).toBeNull();
    expect(names.householdsWith('\u0001')).toBeNull();
    expect(new MemberNameText([]).householdsWith('张')).toEqual([]);
  });
});

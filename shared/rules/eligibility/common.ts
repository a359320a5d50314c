/** Pieces several programs share: the covered members, rules that cannot be judged, combining. */
import type { EligibilityInput, EligibilityMember, EligibilityRule, RuleOutcome } from './types';

export const B1 = '《最低生活保障审核确认办法》（B1）';
export const B2 = '《特困人员认定办法》（B2）';
export const B3 = '《刚性支出困难家庭认定办法》（B3）';

export type CoveredMembers = { ok: true; members: EligibilityMember[] } | { ok: false; outcome: RuleOutcome };

/** The covered members, in order; none chosen, or one not in the household, stops the preview. */
export function coveredMembers(input: EligibilityInput): CoveredMembers {
  const ids = input.application.coveredMemberIds;
  const members = ids.map((id) => input.members.find((m) => m.id === id));
  const unknown = ids.filter((_, i) => members[i] === undefined);
  if (ids.length > 0 && unknown.length === 0) return { ok: true, members: members as EligibilityMember[] };
  const explanation =
    ids.length === 0 ? '尚未选择共同生活的保障成员' : `保障成员不在本户成员之中：${unknown.join('、')}`;
  return {
    ok: false,
    outcome: {
      rules: [
        { id: 'coveredMembers', title: '保障成员', passed: null, explanation, figures: { memberCount: ids.length }, source: B1 },
      ],
      missing: ['保障成员'],
    },
  };
}

/** A rule that cannot be judged because a figure is missing. */
export function missingFigureRule(
  id: string,
  title: string,
  missing: string,
  source: string,
  figures: Record<string, number | string> = {},
): RuleOutcome {
  return {
    rules: [{ id, title, passed: null, explanation: `缺少${missing}，无法判断`, figures, source }],
    missing: [missing],
  };
}

export function combine(...outcomes: RuleOutcome[]): RuleOutcome {
  return {
    rules: outcomes.flatMap((o) => o.rules),
    missing: [...new Set(outcomes.flatMap((o) => o.missing))],
  };
}

export function single(rule: EligibilityRule, missing: string[] = []): RuleOutcome {
  return { rules: [rule], missing };
}

import type { CareNeed } from '../../../shared/schemas/careNeed';
import type { Household } from '../../../shared/schemas/household';

export type CareFollowUp = CareNeed['followUps'][number];

/** 回访 still to be made: not done yet, on a need still being followed (a closed need owes none). */
export function openFollowUps(need: CareNeed): CareFollowUp[] {
  if (need.state !== 'open') return [];
  return need.followUps.filter((followUp) => !followUp.doneOn).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/** The earliest follow-up still to be made, if any. */
export function nextFollowUp(need: CareNeed): CareFollowUp | undefined {
  return openFollowUps(need)[0];
}

/** The member the need is about, when it names one that is still on the household. */
export function careNeedMemberName(need: CareNeed, household: Household | undefined): string | undefined {
  if (!need.memberId) return undefined;
  return household?.members.find((member) => member.id === need.memberId)?.name;
}

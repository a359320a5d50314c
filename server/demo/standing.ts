/**
 * Who in the demo township is in which group (特困, 低保, 边缘, 刚性支出) and which 4+N tags
 * (老年人, 残疾人, 未成年人) their members give them. A household's group is what an approved
 * application gave it (caseload.ts writes that application); the tags follow from the members.
 */
import { ageOn, type IsoDate } from '../../shared/rules/dates';
import type { Household, HouseholdCategory, Member } from '../../shared/schemas/household';
import { disabilityCategories } from '../../shared/vocabulary/members';
import type { Random } from './random';

/** The groups an approved application puts a household in. */
export type Standing = 'tekun' | 'dibao' | 'dibaoEdge' | 'rigidExpenditure';

const DISABILITY_CHANCE = 0.14;

/** Adds what an assistant records about members: disability (残疾人证), ability to work, irregular income. */
export function withMemberDetails(random: Random, household: Household, today: IsoDate): Household {
  const members: Member[] = household.members.map((member) => {
    const age = ageOn(member.birthDate, today);
    if (age < 16 || age >= 60) return member;
    const labourAbility = random.weighted([['full', 6], ['partial', 3], ['none', 2]] as const);
    return { ...member, labourAbility };
  });
  if (random.chance(DISABILITY_CHANCE)) {
    const index = random.int(0, members.length - 1);
    const member = members[index]!;
    members[index] = {
      ...member,
      disability: { category: random.pick(disabilityCategories), grade: random.int(1, 4) },
      ...(ageOn(member.birthDate, today) >= 16 && ageOn(member.birthDate, today) < 60 ? { labourAbility: 'none' as const } : {}),
    };
  }
  const working = members.some((m) => m.labourAbility === 'full' || m.labourAbility === 'partial');
  return { ...household, members, ...(working && random.chance(0.3) ? { irregularIncome: true } : {}) };
}

/** 老年人, 残疾人, 未成年人: the N groups the members themselves place the household in. */
export function memberTags(household: Household, today: IsoDate): HouseholdCategory[] {
  const living = household.members.filter((m) => !m.deceasedOn);
  const ages = living.map((m) => ageOn(m.birthDate, today));
  const tags: HouseholdCategory[] = [];
  if (ages.some((age) => age >= 60)) tags.push('elderly');
  if (living.some((m) => m.disability)) tags.push('disabled');
  if (ages.some((age) => age < 18)) tags.push('minor');
  return tags;
}

/**
 * A likely group for the household's shape: 特困 for the old or severely disabled living alone
 * with no one able to support them, 低保 mostly for the old and for families with sick or disabled
 * members, 边缘 and 刚性支出 for the rest at the margin; most households are in no such group.
 */
export function likelyStanding(random: Random, household: Household, today: IsoDate): Standing | null {
  const alone = household.members.length === 1;
  const head = household.members[0]!;
  const severe = household.members.some((m) => m.disability && m.disability.grade <= 2);
  if (alone && (ageOn(head.birthDate, today) >= 60 || severe) && random.chance(0.4)) return 'tekun';
  const roll = random.next();
  if (roll < 0.3) return 'dibao';
  if (roll < 0.38) return 'dibaoEdge';
  if (roll < 0.45) return 'rigidExpenditure';
  return null;
}

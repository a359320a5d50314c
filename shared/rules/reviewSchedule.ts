/**
 * When a household's next review visit (动态管理核查) is due, B1 art. 31: once a year for stable
 * households; every 6 months where income is irregular or a member can work; and within 3 months
 * after a member dies (the household's size, and so its per-capita income, has changed).
 */
import { addMonths, ageOn, calendarDaysBetween, compareDates, type IsoDate } from './dates';

/**
 * Whose reviews follow this rhythm, and which: a 低保 household's by B1 art. 31 (yearly, or
 * half-yearly where income is irregular or someone can work); a 特困 person's yearly (B2). Not a
 * household only tagged 老年人, 残疾人 … (no benefit to review), nor 边缘/刚性支出 (their
 * recognition lapses at its valid-until date instead). Null: no review rhythm.
 */
export function reviewRhythmOf(categories: readonly string[] | undefined): 'dibao' | 'tekun' | null {
  if (categories?.includes('dibao')) return 'dibao';
  if (categories?.includes('tekun')) return 'tekun';
  return null;
}

export interface ReviewInput {
  lastVisitDate: IsoDate | null;
  /** 纳入保障 date; a household never visited since is due from then. */
  enrolledOn?: IsoDate;
  irregularIncome?: boolean;
  /** Use `memberAbleToWork` over the members to fill this. */
  membersAbleToWork: boolean;
  memberDeathDates?: IsoDate[];
}

export type ReviewReason = 'yearly' | 'halfYearly' | 'afterDeath' | 'never visited';

export interface ReviewDue {
  due: IsoDate;
  reason: ReviewReason;
  state: 'ok' | 'near' | 'overdue';
}

/** `near` = due within this many calendar days. */
export const REVIEW_NEAR_DAYS = 14;
const YEARLY_MONTHS = 12;
const HALF_YEARLY_MONTHS = 6;
const AFTER_DEATH_MONTHS = 3;

/** Working age for the review rule: 16 to 59, with full or partial ability to work. */
export function memberAbleToWork(
  member: { birthDate: IsoDate; labourAbility?: 'full' | 'partial' | 'none' },
  today: IsoDate,
): boolean {
  const age = ageOn(member.birthDate, today);
  return (member.labourAbility === 'full' || member.labourAbility === 'partial') && age >= 16 && age < 60;
}

/**
 * Of a household's members, what the review rhythm looks at: those who may be of working age with
 * some ability to work (their birth date decides, on a given day) and those who died. Everyone
 * else (no ability to work, or not said) changes nothing, so a list of these gives the same review
 * as the whole household: 今日 keeps them in its index instead of decrypting every household.
 */
export interface ReviewMember {
  birthDate: IsoDate;
  labourAbility?: 'full' | 'partial';
  deceasedOn?: IsoDate;
}

/** What the review rhythm reads of any member. */
export interface MemberForReview {
  birthDate: IsoDate;
  labourAbility?: 'full' | 'partial' | 'none' | undefined;
  deceasedOn?: IsoDate | undefined;
}

export function reviewMembersOf(members: readonly MemberForReview[]): ReviewMember[] {
  return members.flatMap(({ birthDate, labourAbility, deceasedOn }) => {
    const ableToWork = labourAbility === 'full' || labourAbility === 'partial' ? labourAbility : undefined;
    if (!ableToWork && !deceasedOn) return [];
    return [{ birthDate, ...(ableToWork ? { labourAbility: ableToWork } : {}), ...(deceasedOn ? { deceasedOn } : {}) }];
  });
}

/** `nextReview`'s inputs that come from the members: whether someone alive can work today, who died when. */
export function memberReviewInput(members: readonly MemberForReview[], today: IsoDate): Pick<ReviewInput, 'membersAbleToWork' | 'memberDeathDates'> {
  return {
    membersAbleToWork: members.some((member) => !member.deceasedOn && memberAbleToWork(member, today)),
    memberDeathDates: members.flatMap((member) => (member.deceasedOn ? [member.deceasedOn] : [])),
  };
}

export function nextReview(input: ReviewInput, today: IsoDate): ReviewDue {
  const candidates: { due: IsoDate; reason: ReviewReason }[] = [];
  if (input.lastVisitDate === null) {
    // Never visited: the visit was owed as soon as the household was enrolled.
    candidates.push({ due: input.enrolledOn ?? today, reason: 'never visited' });
  } else {
    const halfYearly = input.irregularIncome === true || input.membersAbleToWork;
    candidates.push({
      due: addMonths(input.lastVisitDate, halfYearly ? HALF_YEARLY_MONTHS : YEARLY_MONTHS),
      reason: halfYearly ? 'halfYearly' : 'yearly',
    });
  }
  const last = input.lastVisitDate;
  for (const death of input.memberDeathDates ?? []) {
    // A death before the last visit was seen at that visit; one recorded for a future date is ignored.
    if ((last === null || compareDates(death, last) > 0) && compareDates(death, today) <= 0) {
      candidates.push({ due: addMonths(death, AFTER_DEATH_MONTHS), reason: 'afterDeath' });
    }
  }
  const next = candidates.reduce((a, b) => (compareDates(b.due, a.due) < 0 ? b : a));
  const daysLeft = calendarDaysBetween(today, next.due);
  const state = daysLeft < 0 ? 'overdue' : daysLeft <= REVIEW_NEAR_DAYS ? 'near' : 'ok';
  return { ...next, state };
}

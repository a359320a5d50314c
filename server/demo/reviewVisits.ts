/**
 * Review visits (动态管理, B1 art. 31) for households in a group: most were seen within their
 * rhythm, some fall due this week and some are overdue, so 今日 has visits to make. Dates are
 * aimed with the same rule 今日 uses (shared/rules/reviewSchedule.ts).
 */
import { chinaDateOf } from '../../shared/domain/chinaTime';
import { addCalendarDays, addMonths, compareDates, type IsoDate } from '../../shared/rules/dates';
import { memberAbleToWork } from '../../shared/rules/reviewSchedule';
import type { Household } from '../../shared/schemas/household';
import type { Visit } from '../../shared/schemas/visit';
import { chinaTimeOn, type DemoClock } from './demoClock';
import { fieldWorkerFor, type DemoTeam } from './demoTeam';
import type { Random } from './random';

export type VisitTarget = 'overdue' | 'thisWeek' | 'planned' | 'inTime';

const FINDINGS = [
  '家庭人口、收入无变化，生活基本稳定。',
  '老人身体状况一般，按时服药，生活能够自理。',
  '家庭收入无明显变化，住房安全，冬季取暖已落实。',
  '子女在校就读，家庭开支较大，生活仍有困难。',
  '户主病情稳定，需定期复查，医疗负担较重。',
];

/** Months between review visits for this household (half a year when income is irregular or someone can work). */
export function reviewMonths(household: Household, today: IsoDate): number {
  const halfYearly = household.irregularIncome === true || household.members.some((m) => !m.deceasedOn && memberAbleToWork(m, today));
  return halfYearly ? 6 : 12;
}

/** A day after `after` and before today whose review falls due more than 14 days ahead; null if `after` is today. */
function visitInTime(random: Random, today: IsoDate, after: IsoDate, months: number): IsoDate | null {
  const rhythmStart = addCalendarDays(addMonths(today, -months), 20);
  const earliest = compareDates(after, rhythmStart) >= 0 ? addCalendarDays(after, 1) : rhythmStart;
  const span = Math.round((Date.parse(today) - Date.parse(earliest)) / 86_400_000);
  if (span <= 0) return null;
  return addCalendarDays(earliest, random.int(0, span - 1));
}

export interface ReviewVisitContext {
  random: Random;
  clock: DemoClock;
  team: DemoTeam;
  newId: (prefix: string) => string;
}

/**
 * The visit that sets the household's next review as `target` says, after its latest visit so
 * far (`lastSeen`, e.g. an application's 入户调查); none where that visit already decides it.
 */
export function reviewVisit(ctx: ReviewVisitContext, household: Household, target: VisitTarget, lastSeen: IsoDate | undefined): Visit | null {
  const { random, clock } = ctx;
  const enrolledOn = chinaDateOf(household.createdAt);
  const months = reviewMonths(household, clock.today);
  const after = lastSeen ?? enrolledOn;
  const dueIn = { overdue: -random.int(5, 40), thisWeek: random.int(1, 6), planned: random.int(60, 150), inTime: random.int(20, 300) }[target];
  let visitDate: IsoDate | null = addMonths(addCalendarDays(clock.today, dueIn), -months);
  if (target === 'inTime' || compareDates(visitDate, after) <= 0 || compareDates(visitDate, clock.today) >= 0) {
    // In time, or enrolled (or investigated) too recently for the target: a visit within the rhythm.
    visitDate = visitInTime(random, clock.today, after, months);
    if (!visitDate) return null;
  }
  const worker = fieldWorkerFor(ctx.team, household.areaCode);
  const at = chinaTimeOn(clock, visitDate, random.int(9 * 60, 16 * 60));
  // 约定下次走访: a date agreed at the visit, this week, sooner than the review rhythm.
  const nextVisitDate = target === 'planned' ? addCalendarDays(clock.today, random.int(1, 5)) : undefined;
  return {
    id: ctx.newId('vs-'),
    areaCode: household.areaCode,
    householdId: household.id,
    type: 'routine',
    visitDate,
    investigators: [worker.person],
    findings: random.pick(FINDINGS),
    ...(nextVisitDate && compareDates(nextVisitDate, visitDate) > 0 ? { nextVisitDate } : {}),
    membersPresent: [household.members[0]!.id],
    createdAt: at,
    createdBy: worker.id,
    updatedAt: at,
    updatedBy: worker.id,
  };
}

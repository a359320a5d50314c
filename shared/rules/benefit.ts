/**
 * The monthly benefit after approval (保障金发放): when it starts, how 增发/减发, 渐退期 and 停发
 * change it, and what the server checks of each change. B1 art. 31-33 (动态管理: 增发, 减发, 停发
 * by the county on the township's review; 渐退期 when income rises above the standard, up to 6
 * months) and B6 (特困, likewise). The app and the server (server/sync/caseLife.ts) use the same code.
 */
import type { BenefitChangeKind } from '../vocabulary/caseLife';
import type { IsoDate } from './dates';

/** The programmes paid every month (低保, 特困); the others pay once or recognise without a payment. */
export const MONTHLY_BENEFIT_TYPES: readonly string[] = ['dibao', 'tekun'];

export const paysMonthly = (type: string): boolean => MONTHLY_BENEFIT_TYPES.includes(type);

/** 渐退期: at most 6 months (B1 art. 33). */
export const PHASE_OUT_MAX_MONTHS = 6;

/** A calendar month, YYYY-MM. */
export type YearMonth = string;

export const monthOf = (date: IsoDate): YearMonth => date.slice(0, 7);

/** The month n months after `month` (n may be negative). */
export function addMonthsTo(month: YearMonth, n: number): YearMonth {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from a to b (negative when b is earlier). */
export function monthsBetween(a: YearMonth, b: YearMonth): number {
  const [ay, am] = a.split('-').map(Number) as [number, number];
  const [by, bm] = b.split('-').map(Number) as [number, number];
  return by * 12 + bm - (ay * 12 + am);
}

export interface BenefitChange {
  id: string;
  kind: BenefitChangeKind;
  month: YearMonth;
  monthlyAmount?: number | undefined;
  reason: string;
  at: number;
  byUserId: string;
  byName: string;
}

export interface BenefitReview {
  id: string;
  visitId?: string | undefined;
  on: IsoDate;
  outcome: 'continue' | 'adjust' | 'stop';
  note?: string | undefined;
}

export interface Benefit {
  state: 'active' | 'phasingOut' | 'stopped';
  monthlyAmount: number;
  fromMonth: YearMonth;
  phaseOutUntil?: YearMonth | undefined;
  stoppedFrom?: YearMonth | undefined;
  reviewDueBy?: IsoDate | undefined;
  changes: BenefitChange[];
  reviews: BenefitReview[];
}

/** A benefit without its free text (changes' reasons, reviews' notes): all that the roster and 今日 read of it. */
export type BenefitFacts = Omit<Benefit, 'changes' | 'reviews'> & {
  changes: Omit<BenefitChange, 'reason'>[];
  reviews: Omit<BenefitReview, 'note'>[];
};

/**
 * The benefit an approval starts: paid from the month after the approval's day, at the amount
 * decided (低保: 差额 or 分档; 特困: the basic-living and care standards as decided). None for a
 * programme that does not pay monthly, or without an amount.
 */
export function benefitOnApproval(
  application: { type: string; decision?: { approvedMonthlyAmount?: number | undefined } | undefined },
  approvedOn: IsoDate,
): Benefit | undefined {
  const amount = application.decision?.approvedMonthlyAmount;
  if (!paysMonthly(application.type) || amount === undefined) return undefined;
  return { state: 'active', monthlyAmount: amount, fromMonth: addMonthsTo(monthOf(approvedOn), 1), changes: [], reviews: [] };
}

/** What a person decides when changing a benefit (the change's id, date and signer are added when it is written). */
export interface BenefitChangeInput {
  kind: BenefitChangeKind;
  month: YearMonth;
  /** 增发/减发: the new monthly amount; 渐退期: the amount paid meanwhile (default: unchanged). */
  monthlyAmount?: number | undefined;
  reason: string;
  /** 渐退期: the last month paid. */
  phaseOutUntil?: YearMonth | undefined;
}

export interface BenefitProblem {
  field: string;
  message: string;
}

const isMonth = (value: string | undefined): value is YearMonth => value !== undefined && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/**
 * What is wrong with a change before it is written: a reason; a month not before the benefit's
 * start nor before the month it is recorded in (a closed month's roster never changes); the new
 * amount for 增发 above, for 减发 below the current one, never negative; a 渐退期 of 1 to 6 months;
 * nothing after 停发.
 */
export function benefitChangeProblems(benefit: Benefit, input: BenefitChangeInput, recordedOn: IsoDate): BenefitProblem[] {
  const problems: BenefitProblem[] = [];
  if (benefit.state === 'stopped') return [{ field: 'benefit.changes', message: '保障金已停发，不能再调整' }];
  if (!input.reason.trim()) problems.push({ field: 'benefit.changes.reason', message: '请写明原因' });
  if (!isMonth(input.month)) {
    problems.push({ field: 'benefit.changes.month', message: '请选择生效月份' });
    return problems;
  }
  if (monthsBetween(benefit.fromMonth, input.month) < 0) {
    problems.push({ field: 'benefit.changes.month', message: `生效月份不能早于开始发放的${benefit.fromMonth}` });
  } else if (monthsBetween(monthOf(recordedOn), input.month) < 0) {
    problems.push({ field: 'benefit.changes.month', message: '生效月份不能早于本月（已结束月份的花名册不再改动）' });
  }
  const amount = input.monthlyAmount;
  if (amount !== undefined && (!Number.isFinite(amount) || amount < 0)) {
    problems.push({ field: 'benefit.changes.monthlyAmount', message: '金额不能为负' });
  } else if (input.kind === 'increase' && !(amount !== undefined && amount > benefit.monthlyAmount)) {
    problems.push({ field: 'benefit.changes.monthlyAmount', message: `增发后的月金额应高于现在的${benefit.monthlyAmount}元` });
  } else if (input.kind === 'decrease' && !(amount !== undefined && amount < benefit.monthlyAmount)) {
    problems.push({ field: 'benefit.changes.monthlyAmount', message: `减发后的月金额应低于现在的${benefit.monthlyAmount}元` });
  }
  if (input.kind === 'phaseOut') {
    if (benefit.state === 'phasingOut') problems.push({ field: 'benefit.changes', message: '已在渐退期' });
    const until = input.phaseOutUntil;
    const length = isMonth(until) ? monthsBetween(input.month, until) + 1 : 0;
    if (length < 1 || length > PHASE_OUT_MAX_MONTHS) {
      problems.push({ field: 'benefit.phaseOutUntil', message: `渐退期为1至${PHASE_OUT_MAX_MONTHS}个月，请选择截止月份` });
    }
  }
  return problems;
}

/** The benefit after a change: its state, amount and months follow the change. */
export function withChange(benefit: Benefit, change: BenefitChange, phaseOutUntil?: YearMonth): Benefit {
  const changes = [...benefit.changes, change];
  switch (change.kind) {
    case 'increase':
    case 'decrease':
      return { ...benefit, monthlyAmount: change.monthlyAmount ?? benefit.monthlyAmount, changes };
    case 'phaseOut':
      return {
        ...benefit,
        state: 'phasingOut',
        monthlyAmount: change.monthlyAmount ?? benefit.monthlyAmount,
        ...(phaseOutUntil !== undefined ? { phaseOutUntil } : {}),
        changes,
      };
    case 'stop':
      return { ...benefit, state: 'stopped', stoppedFrom: change.month, changes };
  }
}

/** Is the benefit still being paid (or due to be) after `today`: not stopped, not past its 渐退期. */
export function benefitLive(benefit: Benefit, today: IsoDate): boolean {
  if (benefit.state === 'stopped') return false;
  if (benefit.phaseOutUntil !== undefined && monthsBetween(benefit.phaseOutUntil, monthOf(today)) > 0) return false;
  return true;
}

/**
 * The household's application whose monthly benefit is being paid on `today` (approved, not
 * stopped, not past its 渐退期), if any: a visit to that household is its review (复核).
 */
export function liveBenefitApplication<A extends { status: string; benefit?: Benefit | undefined }>(applications: readonly A[], today: IsoDate): A | undefined {
  return applications.find((application) => application.status === 'approved' && application.benefit !== undefined && benefitLive(application.benefit, today));
}

/** What a review visit leaves for the benefit: its id, day and outcome (visits v4 `reviewOutcome`). */
export interface ReviewVisit {
  id: string;
  visitDate: IsoDate;
  reviewOutcome?: 'continue' | 'adjust' | 'stop' | undefined;
}

/**
 * A review visit whose outcome the township has still to record on the benefit (B1 art. 31: the
 * township reviews, the county decides): the household's latest visit, if it gave an outcome (the
 * form asks for one only while the benefit is paid), and no review on file names it.
 */
export function reviewVisitToRecord(benefit: BenefitFacts, latest: ReviewVisit | undefined): ReviewVisit | undefined {
  if (!latest?.reviewOutcome) return undefined;
  return benefit.reviews.some((review) => review.visitId === latest.id) ? undefined : latest;
}

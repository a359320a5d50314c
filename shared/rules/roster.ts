/**
 * 花名册: for a month and an area, every household receiving a monthly benefit (低保, 特困) that
 * month, with the programme and the amount. Worked out from the benefit's own months only (paid
 * from `fromMonth`; each change from its month on; 渐退期 until `phaseOutUntil`; nothing from a
 * 停发's month), so a change recorded later for a later month never alters a closed month's roster,
 * and the server refuses changes dated into a month already over (benefit.ts).
 */
import type { IsoDate } from './dates';
import { monthsBetween, paysMonthly, type BenefitFacts, type YearMonth } from './benefit';

/** What one household receives in the month. */
export interface MonthlyPayment {
  monthlyAmount: number;
  phasingOut: boolean;
}

/**
 * The benefit paid in `month`, or null: not yet started, stopped, or past its 渐退期. Changes
 * take effect by their month (recorded order breaks ties); `initialAmount` is the amount approved.
 */
export function paymentIn(benefit: BenefitFacts, initialAmount: number, month: YearMonth): MonthlyPayment | null {
  if (monthsBetween(benefit.fromMonth, month) < 0) return null;
  const inForce = benefit.changes
    .map((change, order) => ({ change, order }))
    .filter(({ change }) => monthsBetween(change.month, month) >= 0)
    .sort((a, b) => a.change.month.localeCompare(b.change.month) || a.order - b.order)
    .map(({ change }) => change);
  let amount = initialAmount;
  let phasingOut = false;
  for (const change of inForce) {
    if (change.kind === 'stop') return null;
    if (change.kind === 'phaseOut') phasingOut = true;
    if (change.monthlyAmount !== undefined) amount = change.monthlyAmount;
  }
  if (phasingOut && benefit.phaseOutUntil !== undefined && monthsBetween(benefit.phaseOutUntil, month) > 0) return null;
  return { monthlyAmount: amount, phasingOut };
}

export interface RosterApplication {
  id: string;
  householdId: string;
  areaCode: string;
  type: string;
  status: string;
  coveredMemberIds: string[];
  decision?: { approvedMonthlyAmount?: number | undefined } | undefined;
  benefit?: BenefitFacts | undefined;
}

export interface RosterHousehold {
  members: { id: string; name: string; relation: string; deceasedOn?: string | undefined }[];
}

export interface RosterLine {
  applicationId: string;
  householdId: string;
  /** The village (村/社区) code. */
  areaCode: string;
  type: string;
  /** 户主姓名 */
  headName: string;
  /** 保障人数: the members the benefit covers, living at the month's start. */
  persons: number;
  monthlyAmount: number;
  phasingOut: boolean;
  phaseOutUntil?: YearMonth | undefined;
}

/** Everyone a benefit covers who had not died before the month began. */
function personsIn(application: RosterApplication, household: RosterHousehold | undefined, month: YearMonth): number {
  const firstDay: IsoDate = `${month}-01`;
  const dead = new Set((household?.members ?? []).filter((m) => m.deceasedOn !== undefined && m.deceasedOn < firstDay).map((m) => m.id));
  return application.coveredMemberIds.filter((id) => !dead.has(id)).length;
}

/**
 * The roster of `month` for the area whose codes start with `areaPrefix`, ordered by village,
 * then programme, then the head's name: the same month and records always give the same list.
 */
export function rosterFor(
  month: YearMonth,
  areaPrefix: string,
  applications: readonly RosterApplication[],
  households: ReadonlyMap<string, RosterHousehold>,
): RosterLine[] {
  const lines: RosterLine[] = [];
  for (const application of applications) {
    const benefit = application.benefit;
    if (!benefit || application.status !== 'approved' || !paysMonthly(application.type) || !application.areaCode.startsWith(areaPrefix)) continue;
    const payment = paymentIn(benefit, application.decision?.approvedMonthlyAmount ?? benefit.monthlyAmount, month);
    if (!payment) continue;
    const household = households.get(application.householdId);
    lines.push({
      applicationId: application.id,
      householdId: application.householdId,
      areaCode: application.areaCode,
      type: application.type,
      headName: household?.members.find((member) => member.relation === 'head')?.name ?? '',
      persons: personsIn(application, household, month),
      monthlyAmount: payment.monthlyAmount,
      phasingOut: payment.phasingOut,
      ...(payment.phasingOut && benefit.phaseOutUntil ? { phaseOutUntil: benefit.phaseOutUntil } : {}),
    });
  }
  return lines.sort(
    (a, b) =>
      a.areaCode.localeCompare(b.areaCode) ||
      a.type.localeCompare(b.type) ||
      a.headName.localeCompare(b.headName, 'zh-CN') ||
      a.applicationId.localeCompare(b.applicationId),
  );
}

/** The roster's sums, per village and in all. */
export interface RosterTotals {
  households: number;
  persons: number;
  amount: number;
}

export function rosterTotals(lines: readonly RosterLine[]): RosterTotals {
  return lines.reduce(
    (sum, line) => ({ households: sum.households + 1, persons: sum.persons + line.persons, amount: roundCents(sum.amount + line.monthlyAmount) }),
    { households: 0, persons: 0, amount: 0 },
  );
}

const roundCents = (value: number) => Math.round(value * 100) / 100;

/**
 * Household income as B1 counts it: counted income minus deductible costs (disability, serious
 * illness), shared over the covered members; income B1 does not count is listed but left out.
 * Sums are kept in fen (分) so that "exactly at the standard" is exactly equal, not 0.1 + 0.2.
 */
import type { EligibilityIncomeItem } from './types';

export interface IncomeSummary {
  memberCount: number;
  countedMonthly: number;
  deductibleMonthly: number;
  notCountedMonthly: number;
  /** counted − deductible, never below 0 (a cost cannot make income negative). */
  netMonthly: number;
  perCapitaMonthly: number;
  netFen: number;
}

export function toFen(yuan: number): number {
  return Math.round(yuan * 100);
}

const toYuan = (fen: number): number => fen / 100;

/**
 * Sums the items of `memberIds`. Items with no member are the household's as a whole: included
 * when the whole household is assessed, left out for one person applying alone (单人户).
 */
export function summarizeIncome(
  items: readonly EligibilityIncomeItem[],
  memberIds: readonly string[],
  includeHouseholdItems: boolean,
): IncomeSummary {
  const fen = { counted: 0, deductible: 0, notCounted: 0 };
  for (const item of items) {
    const belongs = item.memberId === undefined ? includeHouseholdItems : memberIds.includes(item.memberId);
    if (belongs) fen[item.treatment] += toFen(item.monthlyAmount);
  }
  const netFen = Math.max(0, fen.counted - fen.deductible);
  const memberCount = memberIds.length;
  return {
    memberCount,
    countedMonthly: toYuan(fen.counted),
    deductibleMonthly: toYuan(fen.deductible),
    notCountedMonthly: toYuan(fen.notCounted),
    netMonthly: toYuan(netFen),
    perCapitaMonthly: memberCount > 0 ? Math.round(netFen / memberCount) / 100 : 0,
    netFen,
  };
}

/** Per-capita income strictly below `thresholdMonthly` — compared as totals, so no rounding of the share. */
export function perCapitaBelow(summary: IncomeSummary, thresholdMonthly: number): boolean {
  return summary.netFen < toFen(thresholdMonthly) * summary.memberCount;
}

export function incomeFigures(summary: IncomeSummary): Record<string, number> {
  return {
    memberCount: summary.memberCount,
    countedMonthly: summary.countedMonthly,
    deductibleMonthly: summary.deductibleMonthly,
    notCountedMonthly: summary.notCountedMonthly,
    netMonthly: summary.netMonthly,
    perCapitaMonthly: summary.perCapitaMonthly,
  };
}

export function formatYuan(yuan: number): string {
  return `${Number.isInteger(yuan) ? yuan : yuan.toFixed(2)}元`;
}

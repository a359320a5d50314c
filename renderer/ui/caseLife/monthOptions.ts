import { addMonthsTo, monthOf, monthsBetween, type YearMonth } from '../../../shared/rules/benefit';

/** The months a change may take effect in: from this month (or the benefit's first, if later), a year ahead. */
export function effectiveMonths(fromMonth: YearMonth, today: string, count = 13): YearMonth[] {
  const thisMonth = monthOf(today);
  const first = monthsBetween(thisMonth, fromMonth) > 0 ? fromMonth : thisMonth;
  return Array.from({ length: count }, (_, i) => addMonthsTo(first, i));
}

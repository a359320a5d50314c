import { chinaDateOf, chinaToday } from '../../../shared/domain/chinaTime';
import { lookupIn, type FigureLookup } from '../../../shared/rules/programmes/programmeFigures';
import type { Application } from '../../../shared/schemas/application';
import { useCountyPolicyRecords } from '../../data';

/** The application's date, whose figures apply: the day it was first recorded (its first step). */
function applicationDate(application: Pick<Application, 'history'>): string {
  const first = application.history[0];
  return first ? chinaDateOf(first.at) : chinaToday();
}

/** The county's period in force on `date` (validFrom ≤ date ≤ validTo, the latest start winning). */
function periodOn(periods: readonly Readonly<Record<string, unknown>>[], date: string): Readonly<Record<string, unknown>> | null {
  let found: Readonly<Record<string, unknown>> | null = null;
  for (const period of periods) {
    const from = period['validFrom'];
    const to = period['validTo'];
    if (typeof from !== 'string' || from > date || (typeof to === 'string' && to < date)) continue;
    if (found === null || from > String(found['validFrom'])) found = period;
  }
  return found;
}

/**
 * The county's figures a programme's step needs (medical-aid ratios, the 急难 limit …), by the
 * policy figure's name, from the period in force on the application's date. The one place that
 * knows where they come from (the city-wide fallback of the policies rules is not consulted here).
 */
export function useProgrammeFigures(application: Pick<Application, 'areaCode' | 'history'>): FigureLookup {
  const periods = useCountyPolicyRecords(application.areaCode);
  return lookupIn(periodOn(periods, applicationDate(application)));
}

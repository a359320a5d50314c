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

/** 滨州市: a figure its county leaves unset (待配置) is the city's, where the city set one for every county. */
const CITY_AREA = '371600000000';

/**
 * The county's figures a programme's step needs (medical-aid ratios, the 急难 limit …), by the
 * policy figure's name, from the period in force on the application's date — the city-wide
 * period's where the county's leaves one unset, as the policies rules read them.
 */
export function useProgrammeFigures(application: Pick<Application, 'areaCode' | 'history'>): FigureLookup {
  const date = applicationDate(application);
  const county = lookupIn(periodOn(useCountyPolicyRecords(application.areaCode), date));
  const city = lookupIn(periodOn(useCountyPolicyRecords(CITY_AREA), date));
  return (name) => county(name) ?? city(name);
}

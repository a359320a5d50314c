/**
 * Which policy figures are in force for a county on a date. Periods come from `policies` (each
 * county's and the city's, as the laptop holds them); the period in force is the one whose
 * validFrom ≤ date ≤ validTo (validTo absent: still open), the latest start winning should two
 * overlap. A figure the county's period leaves null (待配置) falls back to the city-wide period in
 * force on that date, if the city set it: the city may set a figure once for every county.
 */
import { padAreaCode } from '../areas';
import { policyFigureNames, type Policy, type PolicyFigureName } from '../schemas/reference';
import type { IsoDate } from './dates';

/** One figure as a rule uses it: the value and where it comes from. */
export interface FigureInForce {
  value: number;
  /** The period it comes from. */
  periodId: string;
  /** The county's, or the city's where the county left it null. */
  areaCode: string;
  validFrom: IsoDate;
  validTo?: IsoDate;
  /** The figure's own source, else its period's. */
  source: string;
  /** A shipped stand-in nobody confirmed: never used for a judgement. */
  placeholder: boolean;
  /** 示例 figures of the demo. */
  example: boolean;
}

export interface PolicyInForce {
  date: IsoDate;
  /** The county's period in force on the date, if any. */
  county: Policy | null;
  /** The city-wide period in force on the date, if any. */
  city: Policy | null;
  /** Every figure that has a value on the date; a figure missing here is 待配置. */
  figures: Partial<Record<PolicyFigureName, FigureInForce>>;
}

/** The period of one area in force on a date. */
export function periodInForce(policies: readonly Policy[], areaCode: string, date: IsoDate): Policy | null {
  const padded = padAreaCode(areaCode);
  let found: Policy | null = null;
  for (const period of policies) {
    if (period.areaCode !== padded || period.validFrom > date) continue;
    if (period.validTo !== undefined && period.validTo < date) continue;
    if (found === null || period.validFrom > found.validFrom) found = period;
  }
  return found;
}

function figureOf(period: Policy, name: PolicyFigureName): FigureInForce | undefined {
  const value = period[name];
  if (value === null || value === undefined || !Number.isFinite(value)) return undefined;
  return {
    value,
    periodId: period.id,
    areaCode: period.areaCode,
    validFrom: period.validFrom,
    ...(period.validTo === undefined ? {} : { validTo: period.validTo }),
    source: period.figureSources[name] ?? period.source,
    placeholder: period.placeholder,
    example: period.example,
  };
}

/**
 * The figures in force for `countyCode` (6 digits, or padded) on `date`, the city's (`cityCode`)
 * filling what the county left null.
 */
export function policyInForce(policies: readonly Policy[], countyCode: string, cityCode: string, date: IsoDate): PolicyInForce {
  const county = periodInForce(policies, countyCode.slice(0, 6), date);
  const city = periodInForce(policies, cityCode.slice(0, 4), date);
  const figures: Partial<Record<PolicyFigureName, FigureInForce>> = {};
  for (const name of policyFigureNames) {
    const figure = (county && figureOf(county, name)) ?? (city && figureOf(city, name)) ?? undefined;
    if (figure) figures[name] = figure;
  }
  return { date, county, city, figures };
}

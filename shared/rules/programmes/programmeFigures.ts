/**
 * The county's figures a programme's path needs, read through a lookup by the policy figure's
 * name (the flat names of the policies schema: medicalAidRatioDibao, emergencyDelegatedLimit …),
 * so that the rules here work with whatever hands the figures in force on the application's date.
 */
import type { MedicalAidGroup } from '../../vocabulary/programmePaths';
import type { EmergencyFigures } from './emergencyGrant';
import type { MedicalAidFigures } from './medicalAidAmount';

/** A figure's value by its name; undefined where the county has not set it (待配置). */
export type FigureLookup = (name: string) => number | undefined;

const groupSuffix: Record<MedicalAidGroup, string> = {
  tekun: 'Tekun',
  dibao: 'Dibao',
  dibaoEdge: 'Edge',
  illnessPoverty: 'IllnessPoverty',
};

export type FiguresOrMissing<T> = { ok: true; figures: T } | { ok: false; missing: string[] };

function collect<T extends object>(lookup: FigureLookup, names: Record<keyof T & string, string>): FiguresOrMissing<T> {
  const missing: string[] = [];
  const figures: Record<string, number> = {};
  for (const [key, name] of Object.entries<string>(names)) {
    const value = lookup(name);
    if (value === undefined || !Number.isFinite(value)) missing.push(name);
    else figures[key] = value;
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, figures: figures as unknown as T };
}

export function medicalAidFiguresOf(lookup: FigureLookup, group: MedicalAidGroup): FiguresOrMissing<MedicalAidFigures> {
  const suffix = groupSuffix[group];
  return collect<MedicalAidFigures>(lookup, { ratio: `medicalAidRatio${suffix}`, deductible: `medicalAidDeductible${suffix}`, yearlyCap: `medicalAidYearlyCap${suffix}` });
}

export function emergencyFiguresOf(lookup: FigureLookup): FiguresOrMissing<EmergencyFigures> {
  return collect<EmergencyFigures>(lookup, { delegatedLimit: 'emergencyDelegatedLimit', fileDays: 'emergencyFileDays' });
}

/** A lookup over a policy record holding the figures as plain numbers (null: 待配置). */
export function lookupIn(policy: Readonly<Record<string, unknown>> | null | undefined): FigureLookup {
  return (name) => {
    const value = policy?.[name];
    return typeof value === 'number' ? value : undefined;
  };
}

type PolicyRecord = Readonly<Record<string, unknown>>;

/** The period of a list in force on `date` (validFrom ≤ date ≤ validTo, the latest start winning). */
export function periodInForceOn(periods: readonly PolicyRecord[], date: string): PolicyRecord | null {
  let found: PolicyRecord | null = null;
  for (const period of periods) {
    const from = period['validFrom'];
    const to = period['validTo'];
    if (typeof from !== 'string' || from > date || (typeof to === 'string' && to < date)) continue;
    if (found === null || from > String(found['validFrom'])) found = period;
  }
  return found;
}

/** The figures in force on `date`: the county's period's, the city-wide period's where the county left one unset. */
export function figuresInForce(county: readonly PolicyRecord[], city: readonly PolicyRecord[], date: string): FigureLookup {
  const own = lookupIn(periodInForceOn(county, date));
  const cityWide = lookupIn(periodInForceOn(city, date));
  return (name) => own(name) ?? cityWide(name);
}

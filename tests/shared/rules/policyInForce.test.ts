import { describe, expect, it } from 'vitest';
import { periodInForce, policyInForce } from '../../../shared/rules/policyInForce';
import { policyFigureNames, type Policy, type PolicyFigureName } from '../../../shared/schemas/reference';
import { policyFigureCodes } from '../../../shared/vocabulary';

const noFigures = Object.fromEntries(policyFigureNames.map((name) => [name, null])) as Record<PolicyFigureName, null>;
const period = (id: string, areaCode: string, validFrom: string, validTo: string | undefined, figures: Partial<Record<PolicyFigureName, number>> = {}): Policy => ({
  ...noFigures,
  ...figures,
  id,
  areaCode,
  source: `${id}的文件`,
  figureSources: {},
  validFrom,
  ...(validTo ? { validTo } : {}),
  placeholder: false,
  example: false,
  updatedAt: 0,
});

const COUNTY = '371623000000';
const CITY = '371600000000';
const periods = [
  period('y2025', COUNTY, '2025-01-01', '2025-12-31', { dibaoStandardRuralMonthly: 700 }),
  period('h1', COUNTY, '2026-01-01', '2026-06-30', { dibaoStandardRuralMonthly: 800 }),
  period('h2', COUNTY, '2026-07-01', undefined, { dibaoStandardRuralMonthly: 900 }),
  period('city', CITY, '2026-01-01', undefined, { dibaoStandardRuralMonthly: 1, illnessPovertyThreshold: 30000 }),
  period('neighbour', '371621000000', '2020-01-01', undefined, { illnessPovertyThreshold: 99 }),
];

describe('the figures in force on a date', () => {
  it('picks the period whose validity holds the date: its first and last day included', () => {
    expect(periodInForce(periods, '371623', '2025-12-31')?.id).toBe('y2025');
    expect(periodInForce(periods, '371623', '2026-01-01')?.id).toBe('h1');
    expect(periodInForce(periods, '371623', '2026-06-30')?.id).toBe('h1');
    expect(periodInForce(periods, '371623', '2026-07-01')?.id).toBe('h2');
    expect(periodInForce(periods, '371623', '2030-01-01')?.id).toBe('h2');
    expect(periodInForce(periods, '371623', '2024-12-31')).toBeNull();
  });

  it('takes the later start where two periods overlap', () => {
    const overlapping = [...periods, period('late', COUNTY, '2026-03-01', '2026-12-31')];
    expect(periodInForce(overlapping, '371623', '2026-04-01')?.id).toBe('late');
  });

  it('fills only what the county left 待配置 from the city-wide period, never from a neighbour', () => {
    const inForce = policyInForce(periods, '371623', '3716', '2026-07-01');
    expect(inForce.figures.dibaoStandardRuralMonthly).toMatchObject({ value: 900, periodId: 'h2', source: 'h2的文件' });
    expect(inForce.figures.illnessPovertyThreshold).toMatchObject({ value: 30000, periodId: 'city', areaCode: CITY });
    expect(inForce.figures.tekunBasicLivingMonthly).toBeUndefined();
    // Before the city's period starts, there is nothing to fill with.
    expect(policyInForce(periods, '371623', '3716', '2025-06-01').figures.illnessPovertyThreshold).toBeUndefined();
  });

  it('names every figure the schema has, and only those, in the vocabulary', () => {
    expect([...policyFigureCodes]).toEqual(policyFigureNames);
  });
});

import { describe, expect, it } from 'vitest';
import { medicalAidGroupOf, medicalAidSum } from '../../../shared/rules/programmes/medicalAidAmount';

const cost = (totalCost: number, reimbursed: number, grantedThisYear = 0) => ({ totalCost, reimbursed, grantedThisYear });

describe('医疗救助’s one-off sum', () => {
  it('gives the seed’s 张某 (200,000 treatment, 120,000 reimbursed) the yearly cap of 20,000', () => {
    const sum = medicalAidSum(cost(200_000, 120_000), { ratio: 0.7, deductible: 1_000, yearlyCap: 20_000 });
    expect(sum).toMatchObject({ outOfPocket: 80_000, aboveDeductible: 79_000, byRatio: 55_300, capLeft: 20_000, amount: 20_000 });
    expect(sum.working).toContain('个人自付80000元');
    expect(sum.working).toContain('按尚余额度核定20000元');
  });

  it('pays nothing below the deductible, and only the part above it', () => {
    const figures = { ratio: 0.7, deductible: 1_000, yearlyCap: 20_000 };
    expect(medicalAidSum(cost(5_000, 4_000), figures).amount).toBe(0);
    expect(medicalAidSum(cost(5_000, 4_200), figures).amount).toBe(0);
    expect(medicalAidSum(cost(5_000, 3_999), figures).amount).toBe(0.7);
    expect(medicalAidSum(cost(5_000, 6_000), figures)).toMatchObject({ outOfPocket: 0, amount: 0 });
  });

  it('pays up to what is left of the yearly cap', () => {
    const figures = { ratio: 1, deductible: 0, yearlyCap: 20_000 };
    expect(medicalAidSum(cost(10_000, 0, 0), figures).amount).toBe(10_000);
    expect(medicalAidSum(cost(10_000, 0, 15_000), figures)).toMatchObject({ capLeft: 5_000, amount: 5_000 });
    expect(medicalAidSum(cost(10_000, 0, 20_000), figures)).toMatchObject({ capLeft: 0, amount: 0 });
    expect(medicalAidSum(cost(10_000, 0, 25_000), figures)).toMatchObject({ capLeft: 0, amount: 0 });
    expect(medicalAidSum(cost(10_000, 0, 10_000), figures)).toMatchObject({ capLeft: 10_000, amount: 10_000 });
  });

  it('applies each group’s own ratio, and finds the group from the household’s categories', () => {
    const byGroup = { tekun: 1, dibao: 0.7, dibaoEdge: 0.6, illnessPoverty: 0.5 } as const;
    const amounts = Object.fromEntries(
      Object.entries(byGroup).map(([group, ratio]) => [group, medicalAidSum(cost(11_000, 0), { ratio, deductible: 1_000, yearlyCap: 50_000 }).amount]),
    );
    expect(amounts).toEqual({ tekun: 10_000, dibao: 7_000, dibaoEdge: 6_000, illnessPoverty: 5_000 });
    expect(medicalAidGroupOf(['dibao', 'tekun'], 0, null)).toBe('tekun');
    expect(medicalAidGroupOf(['elderly', 'dibaoEdge'], 0, null)).toBe('dibaoEdge');
    expect(medicalAidGroupOf(['elderly'], 80_000, 30_000)).toBe('illnessPoverty');
    expect(medicalAidGroupOf(['elderly'], 30_000, 30_000)).toBe('illnessPoverty');
    expect(medicalAidGroupOf(['elderly'], 29_999.99, 30_000)).toBeNull();
    expect(medicalAidGroupOf([], 80_000, null)).toBeNull();
  });
});

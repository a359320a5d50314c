import { describe, expect, it } from 'vitest';
import {
  previewEligibility,
  type EligibilityApplication,
  type EligibilityInput,
  type EligibilityMember,
  type EligibilityPolicy,
  type EligibilityPreview,
} from '../../../shared/rules/eligibility';
import { CITY_CODE } from '../../../shared/areas';
import { policyInForce } from '../../../shared/rules/policyInForce';
import { policyFigureNames, type Policy, type PolicyFigureName } from '../../../shared/schemas/reference';

const TODAY = '2026-05-10';

/** 滨城区's code; the figures are test figures, not Binzhou's: round numbers so the boundaries are easy to see. */
const COUNTY = '371602';
const testFigures = {
  dibaoStandardUrbanMonthly: 1000,
  dibaoStandardRuralMonthly: 800,
  edgeMultiplier: 1.5,
  lastYearPerCapitaDisposableIncomeMonthly: 3000,
  rigidSpendingShare: 0.5,
  illnessPovertyThreshold: 36000,
};
const noFigures = Object.fromEntries(policyFigureNames.map((name) => [name, null])) as Record<PolicyFigureName, null>;

function period(figures: Partial<Record<PolicyFigureName, number | null>>, extra: Partial<Policy> = {}): Policy {
  return {
    ...noFigures,
    ...figures,
    id: 'policy-371602-2026-01-01',
    areaCode: '371602000000',
    source: '测试参数',
    figureSources: {},
    validFrom: '2026-01-01',
    placeholder: false,
    example: false,
    updatedAt: 0,
    ...extra,
  };
}

function policyFrom(periods: Policy[], date = TODAY): EligibilityPolicy {
  return { county: '滨城区', date, figures: policyInForce(periods, COUNTY, CITY_CODE, date).figures };
}

const policy = policyFrom([period(testFigures)]);
const changed = (figures: Partial<Record<PolicyFigureName, number | null>>, extra: Partial<Policy> = {}) =>
  policyFrom([period({ ...testFigures, ...figures }, extra)]);

const adult = (id: string, extra: Partial<EligibilityMember> = {}): EligibilityMember => ({ id, birthDate: '1980-01-01', ...extra });

function app(extra: Partial<EligibilityApplication>): EligibilityApplication {
  return {
    type: 'dibao',
    residence: 'rural',
    coveredMemberIds: ['a', 'b'],
    singlePersonUnit: false,
    incomeItems: [],
    propertyWithinLimits: true,
    ...extra,
  };
}

function preview(application: EligibilityApplication, members: EligibilityMember[] = [adult('a'), adult('b')], p = policy, today = TODAY): EligibilityPreview {
  const input: EligibilityInput = { members, application, policy: p };
  return previewEligibility(input, today);
}

function rule(result: EligibilityPreview, id: string) {
  const found = result.rules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}: ${result.rules.map((r) => r.id).join(', ')}`);
  return found;
}

const wages = (amount: number, memberId?: string) => ({ memberId, kind: 'wages', monthlyAmount: amount, treatment: 'counted' as const });

describe('低保 (B1)', () => {
  it('is not eligible with per-capita income exactly at the standard', () => {
    const result = preview(app({ incomeItems: [wages(1600, 'a')] }));
    expect(result.result).toBe('likelyNotEligible');
    expect(rule(result, 'dibaoIncome')).toMatchObject({ passed: false, figures: { perCapitaMonthly: 800, standardMonthly: 800 } });
    expect(result.headline).toMatch(/^初步判断：可能不符合低保条件/);
    expect(result.headline).toMatch(/以县级民政审核确认为准$/);
  });

  it('is likely eligible one fen below it', () => {
    const result = preview(app({ incomeItems: [wages(1599.99, 'a')] }));
    expect(result.result).toBe('likelyEligible');
    expect(result.headline).toBe('初步判断：可能符合低保条件，以县级民政审核确认为准');
  });

  it('subtracts deductible costs and leaves out income B1 does not count', () => {
    const result = preview(
      app({
        incomeItems: [
          wages(2000, 'a'),
          { memberId: 'b', kind: 'disabilityCost', monthlyAmount: 401, treatment: 'deductible' },
          { kind: 'specialCare', monthlyAmount: 500, treatment: 'notCounted' },
        ],
      }),
    );
    expect(rule(result, 'dibaoIncome')).toMatchObject({
      passed: true,
      figures: { countedMonthly: 2000, deductibleMonthly: 401, notCountedMonthly: 500, netMonthly: 1599, perCapitaMonthly: 799.5 },
    });
  });

  it('uses the urban standard for an urban household', () => {
    const result = preview(app({ residence: 'urban', incomeItems: [wages(1900, 'a')] }));
    expect(rule(result, 'dibaoIncome')).toMatchObject({ passed: true, figures: { standardMonthly: 1000 } });
  });

  it('cannot tell until the property check is recorded; refuses when property is over', () => {
    const unchecked = preview(app({ propertyWithinLimits: undefined }));
    expect(unchecked.result).toBe('cannotTell');
    expect(unchecked.missing).toEqual(['家庭财产核查结果']);
    expect(preview(app({ propertyWithinLimits: false })).result).toBe('likelyNotEligible');
  });

  it('cannot tell with a placeholder standard, and names the figure', () => {
    const result = preview(app({}), undefined, changed({}, { placeholder: true }));
    expect(result.result).toBe('cannotTell');
    expect(result.missing).toEqual(['滨城区2026-05-10适用的农村低保标准（元/人/月）（现为占位值，待县级民政设置）']);
    expect(result.headline).toBe(
      '暂无法初步判断低保条件：缺少滨城区2026-05-10适用的农村低保标准（元/人/月）（现为占位值，待县级民政设置），以县级民政审核确认为准',
    );
    expect(rule(result, 'dibaoIncome').passed).toBeNull();
  });

  it('cannot tell with a standard not configured', () => {
    const result = preview(app({}), undefined, changed({ dibaoStandardRuralMonthly: null }));
    expect(result.result).toBe('cannotTell');
    expect(result.missing).toEqual(['滨城区2026-05-10适用的农村低保标准（元/人/月）（待配置）']);
  });

  it('cannot tell without covered members', () => {
    expect(preview(app({ coveredMemberIds: [] })).result).toBe('cannotTell');
    expect(preview(app({ coveredMemberIds: ['a', 'x'] })).missing).toEqual(['保障成员']);
  });
});

describe('单人户 (B1 art. 8)', () => {
  // The seed case: a 19-year-old with a grade-3 intellectual disability, unemployed, living with
  // parents whose wages put the household under the edge line (3 × 1200 = 3600 a month).
  const son = (disability: EligibilityMember['disability']): EligibilityMember => ({
    id: 's',
    birthDate: '2007-03-01',
    disability,
    labourAbility: 'none',
  });
  const family = (disability: EligibilityMember['disability']) => [adult('f'), adult('m'), son(disability)];
  const single = app({ coveredMemberIds: ['s'], singlePersonUnit: true, incomeItems: [wages(1800, 'f'), wages(1500, 'm')] });

  it('lets a grade-3 intellectual disability apply alone (the seed case)', () => {
    const result = preview(single, family({ category: 'intellectual', grade: 3 }));
    expect(rule(result, 'singlePersonUnit').passed).toBe(true);
    expect(rule(result, 'edgeHousehold')).toMatchObject({ passed: true, figures: { perCapitaMonthly: 1100, edgeLineMonthly: 1200 } });
    expect(rule(result, 'dibaoIncome')).toMatchObject({ passed: true, figures: { memberCount: 1, perCapitaMonthly: 0 } });
    expect(result.result).toBe('likelyEligible');
  });

  it('also a grade-3 mental disability, any grade 1–2, or a serious illness', () => {
    expect(preview(single, family({ category: 'mental', grade: 3 })).result).toBe('likelyEligible');
    expect(preview(single, family({ category: 'hearing', grade: 2 })).result).toBe('likelyEligible');
    const ill = [adult('f'), adult('m'), { id: 's', birthDate: '2007-03-01', seriousIllness: true }];
    expect(preview(single, ill).result).toBe('likelyEligible');
  });

  it('does not let a grade-3 physical disability apply alone', () => {
    const result = preview(single, family({ category: 'physical', grade: 3 }));
    expect(rule(result, 'singlePersonUnit').passed).toBe(false);
    expect(result.result).toBe('likelyNotEligible');
  });

  it('needs the household to be an edge household', () => {
    const richer = { ...single, incomeItems: [wages(2000, 'f'), wages(1600, 'm')] }; // 3600 / 3 = 1200, not below
    const result = preview(richer, family({ category: 'intellectual', grade: 3 }));
    expect(rule(result, 'edgeHousehold').passed).toBe(false);
    expect(result.result).toBe('likelyNotEligible');
  });

  it('takes only one person', () => {
    const result = preview({ ...single, coveredMemberIds: ['s', 'f'] }, family({ category: 'intellectual', grade: 3 }));
    expect(rule(result, 'singlePersonUnit').passed).toBe(false);
  });
});

describe('低保边缘', () => {
  const edge = (perCapitaTimesTwo: number) => app({ type: 'dibaoEdge', incomeItems: [wages(perCapitaTimesTwo, 'a')] });

  it('is not eligible at exactly 1.5 × the standard', () => {
    const result = preview(edge(2400));
    expect(rule(result, 'edgeIncome')).toMatchObject({ passed: false, figures: { perCapitaMonthly: 1200, edgeLineMonthly: 1200 } });
    expect(result.result).toBe('likelyNotEligible');
  });

  it('is likely eligible just below it, and at exactly the 低保 standard', () => {
    expect(preview(edge(2399.98)).result).toBe('likelyEligible');
    expect(preview(edge(1600)).result).toBe('likelyEligible');
  });

  it('is not 低保边缘 below the 低保 standard', () => {
    const result = preview(edge(1599.98));
    expect(rule(result, 'edgeIncome').passed).toBe(false);
    expect(rule(result, 'edgeIncome').explanation).toContain('可按低保申请');
  });

  it('cannot tell without the multiplier', () => {
    const result = preview(edge(2000), undefined, changed({ edgeMultiplier: null }));
    expect(result.missing).toEqual(['滨城区2026-05-10适用的低保边缘收入倍数（倍）（待配置）']);
  });
});

describe('刚性支出困难 (B3)', () => {
  // Household income 2 × 1500 = 3000 a month, 36,000 a year; 50 % of it is 18,000.
  const rigid = (extra: Partial<EligibilityApplication>) =>
    app({ type: 'rigidExpenditure', isDibaoOrTekunOrEdge: false, incomeItems: [wages(3000, 'a')], ...extra });

  it('is likely eligible when essential spending is over the share', () => {
    const result = preview(rigid({ essentialSpending12m: { medicalAfterInsurance: 15000, education: 3000.01 } }));
    expect(rule(result, 'rigidSpending')).toMatchObject({ passed: true, figures: { spending12m: 18000.01, annualIncome: 36000, spendingLine: 18000 } });
    expect(result.result).toBe('likelyEligible');
  });

  it('is not eligible with spending exactly at the share', () => {
    const result = preview(rigid({ essentialSpending12m: { medicalAfterInsurance: 15000, education: 3000 } }));
    expect(rule(result, 'rigidSpending').passed).toBe(false);
  });

  it('is not eligible with income exactly at last year’s per-capita disposable income', () => {
    const result = preview(rigid({ incomeItems: [wages(6000, 'a')], essentialSpending12m: { basicLiving: 100000 } }));
    expect(rule(result, 'rigidIncome')).toMatchObject({ passed: false, figures: { perCapitaMonthly: 3000 } });
  });

  it('excludes households already 低保, 特困 or 边缘', () => {
    const result = preview(rigid({ isDibaoOrTekunOrEdge: true, essentialSpending12m: { basicLiving: 100000 } }));
    expect(rule(result, 'notInOtherGroups').passed).toBe(false);
    expect(result.result).toBe('likelyNotEligible');
  });

  it('names what is missing', () => {
    const result = preview(rigid({ isDibaoOrTekunOrEdge: undefined }), undefined, changed({ rigidSpendingShare: null }));
    expect(result.result).toBe('cannotTell');
    expect(result.missing).toEqual(['是否已为低保、特困或低保边缘对象', '近12个月刚性支出']);
  });
});

describe('特困 (B2)', () => {
  const tekun = (member: EligibilityMember, today = TODAY) =>
    preview(app({ type: 'tekun', coveredMemberIds: ['p'] }), [{ hasLegalSupporterAbleToSupport: false, ...member }], policy, today);

  it('counts someone turning 60 on the day, not the day before', () => {
    const person = { id: 'p', birthDate: '1966-05-10' };
    expect(rule(tekun(person, '2026-05-10'), 'unableToWork')).toMatchObject({ passed: true, figures: { age: 60 } });
    expect(tekun(person, '2026-05-10').result).toBe('likelyEligible');
    expect(rule(tekun(person, '2026-05-09'), 'unableToWork')).toMatchObject({ passed: false, figures: { age: 59 } });
  });

  it('stops counting someone on their 16th birthday', () => {
    const person = { id: 'p', birthDate: '2010-05-10' };
    expect(rule(tekun(person, '2026-05-09'), 'unableToWork')).toMatchObject({ passed: true, figures: { age: 15 } });
    expect(rule(tekun(person, '2026-05-10'), 'unableToWork')).toMatchObject({ passed: false, figures: { age: 16 } });
  });

  it('counts the listed disabilities and no others', () => {
    const withDisability = (category: NonNullable<EligibilityMember['disability']>['category'], grade: 1 | 2 | 3 | 4) =>
      rule(tekun({ id: 'p', birthDate: '1980-01-01', disability: { category, grade } }), 'unableToWork').passed;
    expect(withDisability('intellectual', 3)).toBe(true);
    expect(withDisability('mental', 3)).toBe(true);
    expect(withDisability('intellectual', 4)).toBe(false);
    expect(withDisability('physical', 2)).toBe(true);
    expect(withDisability('physical', 3)).toBe(false);
    expect(withDisability('visual', 1)).toBe(true);
    expect(withDisability('visual', 2)).toBe(false);
    expect(withDisability('hearing', 1)).toBe(false);
    expect(withDisability('multiple', 1)).toBeNull(); // the province decides
  });

  it('needs no supporter able to support, and no means of living', () => {
    const old = { id: 'p', birthDate: '1940-01-01' };
    expect(tekun({ ...old, hasLegalSupporterAbleToSupport: true }).result).toBe('likelyNotEligible');
    const withIncome = preview(app({ type: 'tekun', coveredMemberIds: ['p'], incomeItems: [{ memberId: 'p', kind: 'pension', monthlyAmount: 800, treatment: 'counted' }] }), [
      { ...old, hasLegalSupporterAbleToSupport: false },
    ]);
    expect(rule(withIncome, 'noMeansOfLiving').passed).toBe(false);
    const unknown = preview(app({ type: 'tekun', coveredMemberIds: ['p'] }), [old]);
    expect(unknown.result).toBe('cannotTell');
    expect(unknown.missing).toContain('法定赡养、抚养、扶养义务人情况');
  });
});

describe('医疗救助', () => {
  const medical = (extra: Partial<EligibilityApplication>) =>
    app({ type: 'medicalAid', medical: { totalCost: 200000, reimbursed: 120000 }, ...extra });

  it('shows the seed case’s 80,000 yuan out of pocket', () => {
    const result = preview(medical({ isDibaoOrTekunOrEdge: false }));
    expect(rule(result, 'outOfPocket')).toMatchObject({
      passed: true,
      figures: { totalCost: 200000, reimbursed: 120000, outOfPocket: 80000 },
    });
    expect(rule(result, 'outOfPocket').explanation).toBe('总费用200000元 − 已报销120000元 = 个人自付80000元；救助金额由县级民政按规定核定');
    // 80,000 is over the county's 因病致贫 line of 36,000: a heavy burden.
    expect(rule(result, 'medicalTarget')).toMatchObject({ passed: true, figures: { illnessPovertyThreshold: 36000 } });
    expect(rule(result, 'medicalTarget').policyFigures).toEqual([
      { name: 'illnessPovertyThreshold', value: 36000, validFrom: '2026-01-01', source: '测试参数', cityWide: false, example: false },
    ]);
    expect(result.result).toBe('likelyEligible');
  });

  it('is for the target groups whatever the amount', () => {
    const result = preview(medical({ isDibaoOrTekunOrEdge: true, medical: { totalCost: 5000, reimbursed: 4000 } }), undefined, changed({}, { placeholder: true }));
    expect(result.result).toBe('likelyEligible');
  });

  it('is unlikely for a small amount outside the target groups', () => {
    const result = preview(medical({ isDibaoOrTekunOrEdge: false, medical: { totalCost: 5000, reimbursed: 4000 } }));
    expect(result.result).toBe('likelyNotEligible');
  });

  it('cannot tell without the costs', () => {
    const result = preview(medical({ medical: undefined, isDibaoOrTekunOrEdge: true }));
    expect(result.result).toBe('cannotTell');
    expect(result.missing).toEqual(['医疗总费用和报销金额']);
  });
});

describe('types without a preview', () => {
  it('says so for 临时救助', () => {
    const result = preview(app({ type: 'temporaryAid' }));
    expect(result.result).toBe('cannotTell');
    expect(result.rules[0]?.explanation).toBe('临时救助按急难情形个案研判');
    expect(result.headline).toMatch(/以县级民政审核确认为准$/);
  });
});

describe('figures in force on the application’s date', () => {
  // The county raises the rural standard from 800 to 900 on 2026-07-01: the old period closes on 06-30.
  const old = period(testFigures, { id: 'p-old', validTo: '2026-06-30', source: '滨政字〔2026〕1号' });
  const raised = period({ ...testFigures, dibaoStandardRuralMonthly: 900 }, { id: 'p-new', validFrom: '2026-07-01', source: '滨政字〔2026〕9号' });
  // Two people with 1,700 a month: 850 each, above 800 and below 900.
  const on = (date: string) => preview(app({ incomeItems: [wages(1700, 'a')] }), undefined, policyFrom([old, raised], date), date);

  it('uses the old standard the day before the new period, and the new one on its first day and after', () => {
    expect(on('2026-06-30').result).toBe('likelyNotEligible');
    expect(rule(on('2026-06-30'), 'dibaoIncome').figures.standardMonthly).toBe(800);
    expect(on('2026-07-01').result).toBe('likelyEligible');
    expect(rule(on('2026-07-01'), 'dibaoIncome').figures.standardMonthly).toBe(900);
    expect(rule(on('2026-07-02'), 'dibaoIncome').figures.standardMonthly).toBe(900);
  });

  it('names the figure used with its value, its period and its source', () => {
    expect(rule(on('2026-06-30'), 'dibaoIncome').policyFigures).toEqual([
      { name: 'dibaoStandardRuralMonthly', value: 800, validFrom: '2026-01-01', validTo: '2026-06-30', source: '滨政字〔2026〕1号', cityWide: false, example: false },
    ]);
    expect(rule(on('2026-07-01'), 'dibaoIncome').source).toContain('参数：滨政字〔2026〕9号');
  });

  it('says plainly which figure is missing before any period starts', () => {
    const result = on('2025-12-31');
    expect(result.result).toBe('cannotTell');
    expect(result.missing).toEqual(['滨城区2025-12-31适用的农村低保标准（元/人/月）（待配置）']);
  });

  it('takes a figure the county left 待配置 from the city-wide period', () => {
    const county = period({ ...testFigures, edgeMultiplier: null });
    const city = period({ edgeMultiplier: 1.6 }, { id: 'p-city', areaCode: '371600000000', source: '滨州市文件' });
    const result = preview(
      app({ type: 'dibaoEdge', incomeItems: [wages(2500, 'a')] }),
      undefined,
      { county: '滨城区', date: TODAY, figures: policyInForce([county, city], COUNTY, CITY_CODE, TODAY).figures },
    );
    expect(rule(result, 'edgeIncome').figures.edgeMultiplier).toBe(1.6);
    expect(rule(result, 'edgeIncome').policyFigures?.find((f) => f.name === 'edgeMultiplier')).toMatchObject({ cityWide: true, source: '滨州市文件' });
  });
});

describe('property against the county’s asset limits', () => {
  const limits = changed({ assetDepositsPerCapitaLimit: 20000, assetVehicleValueLimit: 50000, assetHousingUnitsLimit: 1 });
  const withItems = (items: { description: string; value?: number; exempt: boolean }[], p = limits) =>
    preview(app({ propertyWithinLimits: undefined, propertyItems: items, incomeItems: [wages(1000, 'a')] }), undefined, p);

  it('passes deposits exactly at the per-capita limit and refuses one fen over', () => {
    expect(rule(withItems([{ description: '银行存款', value: 40000, exempt: false }]), 'property').passed).toBe(true);
    expect(withItems([{ description: '银行存款', value: 40000, exempt: false }]).result).toBe('likelyEligible');
    const over = withItems([{ description: '银行存款', value: 40000.02, exempt: false }]);
    expect(rule(over, 'property').passed).toBe(false);
    expect(over.result).toBe('likelyNotEligible');
  });

  it('counts houses and vehicles, leaves exempt items out, and names the limits used', () => {
    const result = withItems([
      { description: '自住房屋', exempt: false },
      { description: '农用三轮车（生产必需）', value: 80000, exempt: true },
      { description: '小轿车', value: 50000, exempt: false },
    ]);
    expect(rule(result, 'property').passed).toBe(true);
    expect(rule(result, 'property').policyFigures?.map((f) => f.name)).toEqual(['assetVehicleValueLimit', 'assetHousingUnitsLimit']);
    expect(rule(withItems([{ description: '住房', exempt: false }, { description: '商品房', exempt: false }]), 'property').passed).toBe(false);
  });

  it('cannot tell with an item it cannot place, or a limit 待配置; the recorded check wins', () => {
    expect(withItems([{ description: '古董字画', value: 1000, exempt: false }]).missing).toEqual(['家庭财产核查结果']);
    expect(withItems([{ description: '银行存款', value: 1, exempt: false }], policy).missing).toEqual(['滨城区2026-05-10适用的人均存款限额（元）（待配置）']);
    const recorded = preview(app({ propertyWithinLimits: true, propertyItems: [{ description: '银行存款', value: 999999, exempt: false }] }), undefined, limits);
    expect(rule(recorded, 'property').passed).toBe(true);
  });
});

describe('特困 with the application’s facts and the county’s standards', () => {
  const tekunPolicy = changed({ tekunBasicLivingMonthly: 1100, tekunCarePartialMonthly: 600 });
  const old = { id: 'p', birthDate: '1940-01-01' };
  const tekun = (extra: Partial<EligibilityApplication>) => preview(app({ type: 'tekun', coveredMemberIds: ['p'], ...extra }), [old], tekunPolicy);

  it('reads the legal supporter from the application’s facts and can come out likely eligible', () => {
    expect(tekun({ legalSupporterAbleToSupport: false }).result).toBe('likelyEligible');
    expect(tekun({ legalSupporterAbleToSupport: true }).result).toBe('likelyNotEligible');
    expect(tekun({}).missing).toContain('法定赡养、抚养、扶养义务人情况');
  });

  it('does not let standards 待配置 keep the preview from an answer: they are shown, not judged', () => {
    const result = preview(app({ type: 'tekun', coveredMemberIds: ['p'], legalSupporterAbleToSupport: false }), [old], policy);
    expect(result.result).toBe('likelyEligible');
    expect(rule(result, 'tekunStandards').explanation).toBe('基本生活标准待配置；尚未录入生活自理能力，照料护理标准待定');
  });

  it('shows the basic-living and care standards for the self-care level', () => {
    const standards = rule(tekun({ legalSupporterAbleToSupport: false, selfCare: 'partial' }), 'tekunStandards');
    expect(standards).toMatchObject({ forReference: true, passed: null });
    expect(standards.figures).toEqual({ tekunBasicLivingMonthly: 1100, tekunCareMonthly: 600 });
    expect(standards.policyFigures?.map((f) => f.name)).toEqual(['tekunBasicLivingMonthly', 'tekunCarePartialMonthly']);
  });
});

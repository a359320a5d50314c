import { describe, expect, it } from 'vitest';
import {
  applicationDateOf,
  eligibilityInputOf,
  eligibilityPolicyOf,
  residenceOf,
} from '../../renderer/ui/applications/applicationFacts';
import { previewEligibility } from '../../shared/rules/eligibility';
import { policyFigureNames, type Policy, type PolicyFigureName } from '../../shared/schemas/reference';
import { makeApplication, makeHousehold } from '../support/documents';

const VILLAGE = '371623102201';
const noFigures = Object.fromEntries(policyFigureNames.map((name) => [name, null])) as Record<PolicyFigureName, null>;
const period = (extra: Partial<Policy>): Policy => ({
  ...noFigures,
  id: 'p',
  areaCode: '371623000000',
  source: '无棣县文件',
  figureSources: {},
  validFrom: '2026-01-01',
  placeholder: false,
  example: false,
  updatedAt: 0,
  ...extra,
});

describe('what the preview reads off an application and its household', () => {
  it('judges by the township’s 城市/农村 mark, and by the area’s guess until there is one', () => {
    const household = makeHousehold(VILLAGE);
    const application = makeApplication(household);
    const guess = residenceOf(VILLAGE);
    const other = guess === 'urban' ? 'rural' : 'urban';
    const policy = eligibilityPolicyOf([], VILLAGE, '2026-05-01');
    expect(eligibilityInputOf(application, household, policy).application.residence).toBe(guess);
    expect(eligibilityInputOf(application, { ...household, residence: other }, policy).application.residence).toBe(other);
  });

  it('uses the figures in force on the day the application was first recorded, and names them', () => {
    const household = makeHousehold(VILLAGE);
    const at = Date.UTC(2026, 6, 1, 2); // 2026-07-01 10:00 in China
    const application = {
      ...makeApplication(household),
      coveredMemberIds: [household.members[0]!.id],
      incomeItems: [],
      propertyItems: [],
      history: [{ id: 'h1', action: 'submit' as const, from: 'draft' as const, to: 'submitted' as const, at, byUserId: 'u', byName: '王秀兰', role: 'assistant' as const }],
    };
    expect(applicationDateOf(application, '2026-12-31')).toBe('2026-07-01');
    const periods = [
      period({ id: 'old', validTo: '2026-06-30', dibaoStandardRuralMonthly: 800, dibaoStandardUrbanMonthly: 900 }),
      period({ id: 'new', validFrom: '2026-07-01', dibaoStandardRuralMonthly: 1100, dibaoStandardUrbanMonthly: 1200, source: '无政字〔2026〕12号' }),
    ];
    const input = eligibilityInputOf(application, household, eligibilityPolicyOf(periods, VILLAGE, applicationDateOf(application, '2026-12-31')));
    const preview = previewEligibility(input, '2026-12-31');
    const rule = preview.rules.find((r) => r.id === 'dibaoIncome');
    expect(rule?.policyFigures?.[0]).toMatchObject({ validFrom: '2026-07-01', source: '无政字〔2026〕12号' });
    expect(rule?.figures.standardMonthly).toBe(input.application.residence === 'urban' ? 1200 : 1100);
  });
});

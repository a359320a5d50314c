/**
 * The demo's policy figures: one example period (示例) for each demo county, so that the preview,
 * the medical-aid sum and the 急难 grant have figures to work with. They are plausible, not any
 * county's published standard: `example: true` makes every screen that shows them say 示例, and
 * the period starts on 1 January of last year so a county user can always set a real one after it.
 */
import { padAreaCode } from '../../shared/areas';
import type { Policy, PolicyFigureName } from '../../shared/schemas/reference';

export const EXAMPLE_COUNTIES = [
  { code: '371623', name: '无棣县' },
  { code: '371621', name: '惠民县' },
] as const;

/** Every figure, so that nothing the demo shows is 待配置. */
export const EXAMPLE_FIGURES: Readonly<Record<PolicyFigureName, number>> = {
  dibaoStandardUrbanMonthly: 960,
  dibaoStandardRuralMonthly: 780,
  edgeMultiplier: 1.5,
  lastYearPerCapitaDisposableIncomeMonthly: 2800,
  rigidSpendingShare: 0.5,
  // 特困 basic living: 1.3 × the rural 低保 standard.
  tekunBasicLivingMonthly: 1014,
  tekunCareFullSelfCareMonthly: 150,
  tekunCarePartialMonthly: 500,
  tekunCareNoneMonthly: 1000,
  medicalAidRatioTekun: 1,
  medicalAidRatioDibao: 0.7,
  medicalAidRatioEdge: 0.6,
  medicalAidRatioIllnessPoverty: 0.5,
  medicalAidDeductibleTekun: 0,
  medicalAidDeductibleDibao: 0,
  medicalAidDeductibleEdge: 800,
  medicalAidDeductibleIllnessPoverty: 1500,
  medicalAidYearlyCapTekun: 20_000,
  medicalAidYearlyCapDibao: 20_000,
  medicalAidYearlyCapEdge: 20_000,
  medicalAidYearlyCapIllnessPoverty: 20_000,
  illnessPovertyThreshold: 20_000,
  // The usual rule: no village 公示 for 医疗救助.
  medicalAidPublicNotice: 0,
  temporaryAidMaxAmount: 5000,
  emergencyDelegatedLimit: 2000,
  emergencyFileDays: 10,
  assetDepositsPerCapitaLimit: 20_000,
  assetVehicleValueLimit: 50_000,
  assetHousingUnitsLimit: 1,
};

export const exampleSource = (countyName: string): string => `示例数据，仅供演示，不是${countyName}公布的标准`;

/** The example period of each demo county, from 1 January of the year before `today`'s. */
export function examplePolicies(today: string, updatedAt: number): Policy[] {
  const year = Number(today.slice(0, 4)) - 1;
  return EXAMPLE_COUNTIES.map((county) => ({
    id: `policy-${county.code}-example`,
    areaCode: padAreaCode(county.code),
    ...EXAMPLE_FIGURES,
    source: exampleSource(county.name),
    figureSources: {},
    validFrom: `${year}-01-01`,
    placeholder: false,
    example: true,
    updatedAt,
  }));
}

import type { Word } from './term';

/**
 * 政策参数: the figures a county sets (shared/schemas/reference.ts has their codes), each with
 * its name, unit, the programme it belongs to and a help line for the form. The same words name
 * a figure in the eligibility preview, the 政策参数 page and the server's answers.
 */
export const policyFigureCodes = [
  'dibaoStandardUrbanMonthly',
  'dibaoStandardRuralMonthly',
  'edgeMultiplier',
  'lastYearPerCapitaDisposableIncomeMonthly',
  'rigidSpendingShare',
  'tekunBasicLivingMonthly',
  'tekunCareFullSelfCareMonthly',
  'tekunCarePartialMonthly',
  'tekunCareNoneMonthly',
  'medicalAidRatioTekun',
  'medicalAidRatioDibao',
  'medicalAidRatioEdge',
  'medicalAidRatioIllnessPoverty',
  'medicalAidDeductibleTekun',
  'medicalAidDeductibleDibao',
  'medicalAidDeductibleEdge',
  'medicalAidDeductibleIllnessPoverty',
  'medicalAidYearlyCapTekun',
  'medicalAidYearlyCapDibao',
  'medicalAidYearlyCapEdge',
  'medicalAidYearlyCapIllnessPoverty',
  'illnessPovertyThreshold',
  'medicalAidPublicNotice',
  'temporaryAidMaxAmount',
  'emergencyDelegatedLimit',
  'emergencyFileDays',
  'assetDepositsPerCapitaLimit',
  'assetVehicleValueLimit',
  'assetHousingUnitsLimit',
] as const;
export type PolicyFigureCode = (typeof policyFigureCodes)[number];

/** How a figure is entered and shown. */
export const policyFigureUnits = ['yuanPerPersonMonth', 'yuanPerYear', 'yuan', 'multiple', 'share', 'days', 'houses', 'yesNo'] as const;
export type PolicyFigureUnit = (typeof policyFigureUnits)[number];

export const policyFigureUnitTerms = {
  yuanPerPersonMonth: { zh: '元/人/月', en: 'yuan per person and month' },
  yuanPerYear: { zh: '元/人/年', en: 'yuan per person and year' },
  yuan: { zh: '元', en: 'yuan' },
  multiple: { zh: '倍', en: 'times' },
  share: { zh: '比例（0–1）', en: 'share (0–1)' },
  days: { zh: '天', en: 'days' },
  houses: { zh: '套', en: 'houses' },
  // A rule the county chooses rather than a sum: 1 yes, 0 no.
  yesNo: { zh: '是/否', en: 'yes/no' },
} as const satisfies Record<PolicyFigureUnit, Word>;

/** How a yes/no figure reads (1 要求, 0 不要求). */
export const policyYesNoTerms = {
  1: { zh: '要求', en: 'Required' },
  0: { zh: '不要求', en: 'Not required' },
} as const satisfies Record<0 | 1, Word>;

/** The programmes the form groups figures by. */
export const policyFigureGroups = ['dibao', 'rigid', 'tekun', 'medical', 'temporary', 'assets'] as const;
export type PolicyFigureGroup = (typeof policyFigureGroups)[number];

export const policyFigureGroupTerms = {
  dibao: { zh: '低保与低保边缘', en: 'Minimum living allowance and the edge' },
  rigid: { zh: '刚性支出困难', en: 'Essential-spending hardship' },
  tekun: { zh: '特困供养标准', en: 'Extreme-poverty support standards' },
  medical: { zh: '医疗救助参数', en: 'Medical aid figures' },
  temporary: { zh: '临时救助参数', en: 'Temporary aid figures' },
  assets: { zh: '家庭财产限额', en: 'Household property limits' },
} as const satisfies Record<PolicyFigureGroup, Word>;

export interface PolicyFigureTerm extends Word {
  readonly unit: PolicyFigureUnit;
  readonly group: PolicyFigureGroup;
  /** One line under the form's field: what the figure is and where it usually comes from. */
  readonly help: string;
}

export const policyFigureTerms = {
  dibaoStandardUrbanMonthly: { zh: '城市低保标准', en: 'Urban dibao standard', unit: 'yuanPerPersonMonth', group: 'dibao', help: '县政府公布的城市最低生活保障标准' },
  dibaoStandardRuralMonthly: { zh: '农村低保标准', en: 'Rural dibao standard', unit: 'yuanPerPersonMonth', group: 'dibao', help: '县政府公布的农村最低生活保障标准' },
  edgeMultiplier: { zh: '低保边缘收入倍数', en: 'Edge income multiple', unit: 'multiple', group: 'dibao', help: '月人均收入低于低保标准的这一倍数为低保边缘（B5，一般为1.5）' },
  lastYearPerCapitaDisposableIncomeMonthly: {
    zh: '上年度居民人均可支配收入（月均）',
    en: "Last year's disposable income per person (monthly)",
    unit: 'yuanPerPersonMonth',
    group: 'rigid',
    help: '统计部门公布的上年度当地居民人均可支配收入除以12',
  },
  rigidSpendingShare: { zh: '刚性支出占家庭收入比例', en: 'Essential spending share of income', unit: 'share', group: 'rigid', help: '近12个月刚性支出超过家庭收入的这一比例，认定为刚性支出困难（B3）' },
  tekunBasicLivingMonthly: { zh: '特困基本生活标准', en: 'Extreme-poverty basic-living standard', unit: 'yuanPerPersonMonth', group: 'tekun', help: '一般不低于当地低保标准的1.3倍（B2）' },
  tekunCareFullSelfCareMonthly: { zh: '照料护理标准（全自理）', en: 'Care standard (fully self-caring)', unit: 'yuanPerPersonMonth', group: 'tekun', help: '按生活自理能力分档' },
  tekunCarePartialMonthly: { zh: '照料护理标准（半失能）', en: 'Care standard (partly dependent)', unit: 'yuanPerPersonMonth', group: 'tekun', help: '按生活自理能力分档' },
  tekunCareNoneMonthly: { zh: '照料护理标准（全失能）', en: 'Care standard (fully dependent)', unit: 'yuanPerPersonMonth', group: 'tekun', help: '按生活自理能力分档' },
  medicalAidRatioTekun: { zh: '救助比例（特困人员）', en: 'Aid ratio (extreme poverty)', unit: 'share', group: 'medical', help: '政策范围内个人自付费用的救助比例' },
  medicalAidRatioDibao: { zh: '救助比例（低保对象）', en: 'Aid ratio (dibao)', unit: 'share', group: 'medical', help: '政策范围内个人自付费用的救助比例' },
  medicalAidRatioEdge: { zh: '救助比例（低保边缘）', en: 'Aid ratio (edge)', unit: 'share', group: 'medical', help: '政策范围内个人自付费用的救助比例' },
  medicalAidRatioIllnessPoverty: { zh: '救助比例（因病致贫）', en: 'Aid ratio (impoverished by illness)', unit: 'share', group: 'medical', help: '政策范围内个人自付费用的救助比例' },
  medicalAidDeductibleTekun: { zh: '起付标准（特困人员）', en: 'Deductible (extreme poverty)', unit: 'yuanPerYear', group: 'medical', help: '特困人员一般不设起付标准，填0' },
  medicalAidDeductibleDibao: { zh: '起付标准（低保对象）', en: 'Deductible (dibao)', unit: 'yuanPerYear', group: 'medical', help: '年度救助起付标准' },
  medicalAidDeductibleEdge: { zh: '起付标准（低保边缘）', en: 'Deductible (edge)', unit: 'yuanPerYear', group: 'medical', help: '年度救助起付标准' },
  medicalAidDeductibleIllnessPoverty: { zh: '起付标准（因病致贫）', en: 'Deductible (impoverished by illness)', unit: 'yuanPerYear', group: 'medical', help: '年度救助起付标准' },
  medicalAidYearlyCapTekun: { zh: '年度救助限额（特困人员）', en: 'Yearly cap (extreme poverty)', unit: 'yuanPerYear', group: 'medical', help: '每人每年最多救助的金额' },
  medicalAidYearlyCapDibao: { zh: '年度救助限额（低保对象）', en: 'Yearly cap (dibao)', unit: 'yuanPerYear', group: 'medical', help: '每人每年最多救助的金额' },
  medicalAidYearlyCapEdge: { zh: '年度救助限额（低保边缘）', en: 'Yearly cap (edge)', unit: 'yuanPerYear', group: 'medical', help: '每人每年最多救助的金额' },
  medicalAidYearlyCapIllnessPoverty: { zh: '年度救助限额（因病致贫）', en: 'Yearly cap (impoverished by illness)', unit: 'yuanPerYear', group: 'medical', help: '每人每年最多救助的金额' },
  illnessPovertyThreshold: { zh: '因病致贫自付费用认定线', en: 'Out-of-pocket line for impoverishment by illness', unit: 'yuan', group: 'medical', help: '近12个月医保报销后个人自付超过此数，视为负担较重' },
  medicalAidPublicNotice: {
    zh: '医疗救助须经村级公示',
    en: 'Medical aid needs a village public notice',
    unit: 'yesNo',
    group: 'medical',
    help: '一般不公示（救助对象认定时已公示）；本县规定须公示的选“要求”，公示期与低保相同（7天）',
  },
  temporaryAidMaxAmount: { zh: '临时救助单次上限', en: 'Temporary aid: most per grant', unit: 'yuan', group: 'temporary', help: '一次临时救助最多的金额' },
  emergencyDelegatedLimit: { zh: '乡镇急难救助审批额度', en: 'Township emergency grant limit', unit: 'yuan', group: 'temporary', help: '乡镇可先行救助的额度（B6第十章）' },
  emergencyFileDays: { zh: '急难救助补办手续时限', en: 'Days to complete an emergency file', unit: 'days', group: 'temporary', help: '先行救助后补齐材料的天数' },
  assetDepositsPerCapitaLimit: { zh: '人均存款限额', en: 'Deposits per person limit', unit: 'yuan', group: 'assets', help: '家庭存款、有价证券等按人均计算不超过此数' },
  assetVehicleValueLimit: { zh: '机动车价值限额', en: 'Vehicle value limit', unit: 'yuan', group: 'assets', help: '家庭机动车（残疾人功能性补偿代步车除外）价值不超过此数' },
  assetHousingUnitsLimit: { zh: '住房套数限额', en: 'Houses owned limit', unit: 'houses', group: 'assets', help: '家庭拥有住房不超过此套数' },
} as const satisfies Record<PolicyFigureCode, PolicyFigureTerm>;

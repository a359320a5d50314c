import { z } from 'zod';
import { personRoles } from '../auth/roles';
import { areaCodeField, isoDateField, timestampField } from './common';
import { toDocumentJsonSchema } from './rxSchema';

/** A figure of a policy: a number, or null where no source gives one yet (待配置). */
const figure = z.number().min(0, '不能为负数').max(100_000_000, '数值过大').nullable();
const share = z.number().min(0, '比例应在0到1之间').max(1, '比例应在0到1之间').nullable();

/**
 * The figures a county sets (domain.md, "Policy figures the county owns"), by code name. Money is
 * yuan; `…Monthly` per person and month; shares and ratios are 0–1; medical-aid deductibles and
 * caps are per person and year.
 */
export const policyFigureShape = {
  /** 低保标准 (城市, 农村), 元/人/月. */
  dibaoStandardUrbanMonthly: figure,
  dibaoStandardRuralMonthly: figure,
  /** 低保边缘: income below this multiple of the 低保 standard (B5: usually 1.5). */
  edgeMultiplier: figure,
  /** 刚性支出 (B3): last year's per-capita disposable income (元/月) and the share of income spending must exceed. */
  lastYearPerCapitaDisposableIncomeMonthly: figure,
  rigidSpendingShare: share,
  /** 特困 (B2): basic-living standard and care standards by self-care level, 元/人/月. */
  tekunBasicLivingMonthly: figure,
  tekunCareFullSelfCareMonthly: figure,
  tekunCarePartialMonthly: figure,
  tekunCareNoneMonthly: figure,
  /** 医疗救助 (国办发〔2021〕42号): ratio, deductible (起付线, 元/年) and yearly cap (年度限额) per group. */
  medicalAidRatioTekun: share,
  medicalAidRatioDibao: share,
  medicalAidRatioEdge: share,
  medicalAidRatioIllnessPoverty: share,
  medicalAidDeductibleTekun: figure,
  medicalAidDeductibleDibao: figure,
  medicalAidDeductibleEdge: figure,
  medicalAidDeductibleIllnessPoverty: figure,
  medicalAidYearlyCapTekun: figure,
  medicalAidYearlyCapDibao: figure,
  medicalAidYearlyCapEdge: figure,
  medicalAidYearlyCapIllnessPoverty: figure,
  /** 因病致贫: out-of-pocket medical cost over 12 months above this sum (元) marks a heavy burden. */
  illnessPovertyThreshold: figure,
  /** Whether the county requires a village 公示 for 医疗救助 (1) or not (0, the usual rule); absent before v2. */
  medicalAidPublicNotice: z.number().int().min(0).max(1, '只能选择要求或不要求').nullable().optional(),
  /** 临时救助 (B6 ch. 10): the most one grant may be (元), what a township may grant at once (急难, 元), days to complete the file. */
  temporaryAidMaxAmount: figure,
  emergencyDelegatedLimit: figure,
  emergencyFileDays: figure,
  /** Asset limits (the province's 低保 rules): deposits per person (元), vehicle value (元), houses owned. */
  assetDepositsPerCapitaLimit: figure,
  assetVehicleValueLimit: figure,
  assetHousingUnitsLimit: figure,
};
export type PolicyFigureName = keyof typeof policyFigureShape;
export const policyFigureNames = Object.keys(policyFigureShape) as PolicyFigureName[];

/**
 * 政策参数 of one county (or the city) for one validity period, each figure with its source. Rules
 * read figures from here, never from code, by the date of the application. A new period closes the
 * previous one (its `validTo` set to the day before); nothing is overwritten.
 */
export const policySchema = z.strictObject({
  id: z.string().min(1).max(60),
  /** The county's code padded to 12 digits (the city's for figures set city-wide). */
  areaCode: areaCodeField,
  ...policyFigureShape,
  /** The document the period's figures come from (文件名、文号). */
  source: z.string().max(500),
  /** A figure's own source where it differs from the period's. */
  figureSources: z.partialRecord(z.enum(Object.keys(policyFigureShape) as [PolicyFigureName, ...PolicyFigureName[]]), z.string().max(300)),
  validFrom: isoDateField,
  /** Absent while the period is the latest one. */
  validTo: isoDateField.optional(),
  /** Shipped stand-ins nobody has confirmed: never used for a judgement. */
  placeholder: z.boolean(),
  /** 示例 figures of the demo, never presented as a county's real ones. */
  example: z.boolean(),
  /** Who set the period (set by the server). */
  setByUserId: z.string().max(40).optional(),
  setByName: z.string().max(80).optional(),
  updatedAt: timestampField,
});
export type Policy = z.output<typeof policySchema>;

/** The 3+N catalogue of programs (救助项目). */
export const programSchema = z.strictObject({
  id: z.string().min(1).max(40),
  areaCode: areaCodeField,
  name: z.string().min(1).max(80),
  tier: z.enum(['basicLiving', 'special', 'emergency', 'other']),
  description: z.string().max(1000),
  updatedAt: timestampField,
});
export type Program = z.output<typeof programSchema>;

/** Names of colleagues for display (history entries, assignees); no credentials. */
export const userRefSchema = z.strictObject({
  id: z.string().min(1).max(40),
  areaCode: areaCodeField,
  displayName: z.string().min(1).max(80),
  role: z.enum(personRoles),
  active: z.boolean(),
  updatedAt: timestampField,
});
export type UserRef = z.output<typeof userRefSchema>;

/**
 * v1: figures for every programme, validity periods instead of years, per-figure sources, who set them.
 * v2: whether the county requires a village 公示 for 医疗救助 (`medicalAidPublicNotice`).
 */
export const POLICY_SCHEMA_VERSION = 2;
export const policyJsonSchema = toDocumentJsonSchema(policySchema, { version: POLICY_SCHEMA_VERSION, indexes: ['areaCode'] });
export const programJsonSchema = toDocumentJsonSchema(programSchema, { version: 0 });
export const userRefJsonSchema = toDocumentJsonSchema(userRefSchema, { version: 0 });

import { z } from 'zod';
import { applicationActions } from '../vocabulary/applicationActions';
import { applicationAssistance, applicationModes } from '../vocabulary/applicationModes';
import { applicationStatuses } from '../vocabulary/applicationStatuses';
import { applicationTypes, type ApplicationType } from '../vocabulary/applicationTypes';
import {
  benefitChangeKinds,
  benefitStates,
  preliminaryOutcomes,
  reviewOutcomes,
  selfCareLevels,
  verificationResults,
} from '../vocabulary/caseLife';
import { decisionMethods } from '../vocabulary/decisionMethods';
import { documentKinds, documentStates, type DocumentKind } from '../vocabulary/documentKinds';
import { incomeKinds, incomeTreatments } from '../vocabulary/income';
import { personRoles } from '../vocabulary/roles';
import { trackingCodePattern } from '../domain/trackingCode';
import { isoDateField, systemFields } from './common';
import { toDocumentJsonSchema } from './rxSchema';

// An application's codes and their words are the vocabulary's (shared/vocabulary/): 救助类型,
// 申请方式, 代办, income kinds and how B1 treats them, 申请材料 and their states.
export {
  applicationAssistance,
  applicationModes,
  applicationTypes,
  documentKinds,
  documentStates,
  incomeKinds,
  incomeTreatments,
  type ApplicationType,
  type DocumentKind,
};

const money = z.number().min(0, '金额不能为负').max(100_000_000, '金额过大').multipleOf(0.01, '金额最多两位小数');

/** A calendar month, YYYY-MM: benefits start, change and stop by month. */
export const yearMonthField = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

const historyEntry = z.strictObject({
  id: z.string().min(1).max(40),
  action: z.enum(applicationActions),
  from: z.enum(applicationStatuses),
  to: z.enum(applicationStatuses),
  at: z.number().int().min(0),
  byUserId: z.string().min(1).max(40),
  byName: z.string().min(1).max(80),
  role: z.enum(personRoles),
  note: z.string().max(2000).optional(),
});

const entryShape = {
  type: z.enum(applicationTypes, { message: '请选择救助类型' }),
  mode: z.enum(applicationModes, { message: '请选择申请方式' }),
  assistance: z.enum(applicationAssistance),
  applicantMemberId: z.string().min(1, '请选择申请人').max(40),
  coveredMemberIds: z.array(z.string().max(40)).min(1, '至少选择一位共同生活的成员').max(20),
  /** Applying alone as 单人户 (B1 art. 8). */
  singlePersonUnit: z.boolean(),
  incomeItems: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(40),
        memberId: z.string().max(40).optional(),
        kind: z.enum(incomeKinds),
        monthlyAmount: money,
        treatment: z.enum(incomeTreatments),
        note: z.string().trim().max(200).optional(),
      }),
    )
    .max(50),
  propertyItems: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(40),
        description: z.string().trim().min(1, '请填写财产名称').max(200),
        value: money.optional(),
        /** 财产豁免: needed for living or production. */
        exempt: z.boolean(),
        exemptReason: z.string().trim().max(200).optional(),
      }),
    )
    .max(50),
  /** 刚性支出 over the past 12 months (元). */
  essentialSpending: z
    .strictObject({
      medicalAfterInsurance: money.optional(),
      education: money.optional(),
      rehabilitation: money.optional(),
      basicLiving: money.optional(),
    })
    .optional(),
  /** 医疗救助: the treatment's total cost and what insurance paid. */
  medical: z.strictObject({ totalCost: money, reimbursed: money }).optional(),
  documents: z
    .array(
      z.strictObject({
        kind: z.enum(documentKinds),
        state: z.enum(documentStates),
        promisedBy: isoDateField.optional(),
        note: z.string().trim().max(200).optional(),
      }),
    )
    .max(30),
  /** 告知承诺书 signed by the applicant. */
  pledgeSigned: z.boolean(),
  reason: z.string().trim().max(2000, '申请理由不超过2000个字').optional(),
  /** 临时救助 of the 急难 kind: help first, the file is completed afterwards. */
  emergency: z.boolean().optional(),
  /**
   * What the investigation found that the rules ask for beyond income: property within the local
   * limits (after 财产豁免), a legal supporter able to support (特困, B2), the 特困 self-care level.
   * Absent: not checked yet (the preview says so).
   */
  facts: z
    .strictObject({
      propertyWithinLimits: z.boolean().optional(),
      legalSupporterAbleToSupport: z.boolean().optional(),
      selfCare: z.enum(selfCareLevels).optional(),
    })
    .optional(),
};

const benefitChange = z.strictObject({
  id: z.string().min(1).max(40),
  kind: z.enum(benefitChangeKinds),
  /** The month the change takes effect. */
  month: yearMonthField,
  /** The new monthly amount (增发/减发, 渐退期). */
  monthlyAmount: money.optional(),
  reason: z.string().trim().min(1, '请写明原因').max(1000),
  at: z.number().int().min(0),
  byUserId: z.string().min(1).max(40),
  byName: z.string().min(1).max(80),
});

const reviewRecord = z.strictObject({
  id: z.string().min(1).max(40),
  /** The review visit (复核走访), where there was one. */
  visitId: z.string().max(40).optional(),
  on: isoDateField,
  outcome: z.enum(reviewOutcomes),
  note: z.string().trim().max(2000).optional(),
});

/** Fields the township and county fill along the way. */
const processShape = {
  status: z.enum(applicationStatuses),
  history: z.array(historyEntry).max(200),
  investigation: z
    .strictObject({
      investigators: z.array(z.string().trim().min(1).max(40)).max(10),
      startedOn: isoDateField.optional(),
      findings: z.string().trim().max(4000).optional(),
      visitId: z.string().max(40).optional(),
    })
    .optional(),
  publicNotice: z
    .strictObject({ start: isoDateField, objections: z.string().trim().max(2000).optional() })
    .optional(),
  returnNotice: z
    .strictObject({ missingDocuments: z.array(z.enum(documentKinds)).max(30), note: z.string().trim().max(2000).optional() })
    .optional(),
  /** 初审: the township's opinion, negative too (the case then goes on with it or is closed with reasons). */
  preliminaryReview: z
    .strictObject({ outcome: z.enum(preliminaryOutcomes), opinion: z.string().trim().max(2000).optional() })
    .optional(),
  /** 信息核对: the county's check of the household's economic situation. */
  verification: z
    .strictObject({ result: z.enum(verificationResults), checkedOn: isoDateField, note: z.string().trim().max(2000).optional() })
    .optional(),
  /** 急难: what the township granted at once, and by when the file must be complete. */
  emergencyGrant: z.strictObject({ amount: money, grantedOn: isoDateField, fileDueBy: isoDateField }).optional(),
  /** 审核确认 */
  decision: z
    .strictObject({
      approvedMonthlyAmount: money.optional(),
      method: z.enum(decisionMethods).optional(),
      refusalReason: z.string().trim().max(2000).optional(),
      /** 医疗救助, 临时救助: a sum paid once. */
      oneOffAmount: money.optional(),
      /** 低保边缘, 刚性支出: the recognition lapses after this day (刚性支出: at most 12 months, B3). */
      validUntil: isoDateField.optional(),
      /** The policy period whose figures the decision used. */
      policyId: z.string().min(1).max(60).optional(),
    })
    .optional(),
  /** After approval: the monthly benefit, its changes (增发/减发/渐退/停发) and the reviews' outcomes. */
  benefit: z
    .strictObject({
      state: z.enum(benefitStates),
      monthlyAmount: money,
      /** Paid from this month (the month after approval). */
      fromMonth: yearMonthField,
      /** 渐退期: paid until the end of this month, then stopped. */
      phaseOutUntil: yearMonthField.optional(),
      /** No payment from this month on. */
      stoppedFrom: yearMonthField.optional(),
      /** A review falls due by this day (a member's death: within 3 months). */
      reviewDueBy: isoDateField.optional(),
      changes: z.array(benefitChange).max(200),
      reviews: z.array(reviewRecord).max(100),
    })
    .optional(),
  /** 45 instead of 30 working days (特殊情况延期). */
  extended: z.boolean().optional(),
  /** 码上查: the tracking code the laptop drew at 受理 (shared/domain/trackingCode.ts); the server registers it. */
  trackingCode: z.string().regex(trackingCodePattern, '查询码格式不对').optional(),
  /** 码上查 stopped by the township or county: the code then shows nothing, as an unknown one. */
  trackingRevoked: z.boolean().optional(),
};

interface ApplicationRuleInput {
  coveredMemberIds: string[];
  applicantMemberId: string;
  documents: { state: string; promisedBy?: string | undefined }[];
  medical?: { totalCost: number; reimbursed: number } | undefined;
}

function applicationRules(value: ApplicationRuleInput, ctx: z.RefinementCtx): void {
  if (!value.coveredMemberIds.includes(value.applicantMemberId)) {
    ctx.addIssue({ code: 'custom', path: ['coveredMemberIds'], message: '申请人应在共同生活成员之中' });
  }
  value.documents.forEach((doc, index) => {
    if (doc.state === 'promised' && !doc.promisedBy) {
      ctx.addIssue({ code: 'custom', path: ['documents', index, 'promisedBy'], message: '容缺受理须写明补交日期' });
    }
  });
  if (value.medical && value.medical.reimbursed > value.medical.totalCost) {
    ctx.addIssue({ code: 'custom', path: ['medical', 'reimbursed'], message: '报销金额不能大于总费用' });
  }
}

/** What the assistant fills in (the application form). */
export const applicationFormSchema = z.object(entryShape).superRefine(applicationRules);

const storedShape = { ...systemFields, householdId: systemFields.id, ...entryShape, ...processShape };

export const applicationSchema = z.strictObject(storedShape).superRefine(applicationRules);

export type ApplicationForm = z.input<typeof applicationFormSchema>;
export type Application = z.output<typeof applicationSchema>;
export type ApplicationHistoryEntry = z.output<typeof historyEntry>;

/**
 * v1 encrypts income, property, spending, medical costs, documents and every free-text part on the laptop.
 * v2 binds every encrypted value to its application (re-sealed by the migration).
 * v3 adds the programmes' own steps (初审 opinion, 信息核对, 急难 grant, one-off sums, validity),
 * the facts beyond income, and the benefit after approval; all optional, all encrypted but `emergency`.
 * v4 adds the 码上查 tracking code (encrypted: whoever holds it may ask about the case) and its revocation.
 */
export const APPLICATION_SCHEMA_VERSION = 4;

export const applicationJsonSchema = toDocumentJsonSchema(z.strictObject(storedShape), {
  version: APPLICATION_SCHEMA_VERSION,
  indexes: ['householdId', 'areaCode', 'status', 'updatedAt'],
  encrypted: [
    'incomeItems',
    'propertyItems',
    'essentialSpending',
    'medical',
    'documents',
    'reason',
    'history',
    'investigation',
    'publicNotice',
    'returnNotice',
    'decision',
    'facts',
    'preliminaryReview',
    'verification',
    'emergencyGrant',
    'benefit',
    'trackingCode',
  ],
});

/** Documents a type usually needs; the checklist starts from these. */
export function defaultDocuments(type: ApplicationType): DocumentKind[] {
  const base: DocumentKind[] = ['idAndHukou', 'applicationForm', 'incomeDeclaration', 'propertyDeclaration', 'verificationAuthorization'];
  if (type === 'medicalAid') return ['idAndHukou', 'applicationForm', 'diagnosis', 'medicalBills', 'reimbursementStatement'];
  if (type === 'educationAid') return [...base, 'schoolCertificate'];
  return base;
}

import { z } from 'zod';
import { applicationActions } from '../vocabulary/applicationActions';
import { applicationAssistance, applicationModes } from '../vocabulary/applicationModes';
import { applicationStatuses } from '../vocabulary/applicationStatuses';
import { applicationTypes, type ApplicationType } from '../vocabulary/applicationTypes';
import { decisionMethods } from '../vocabulary/decisionMethods';
import { documentKinds, documentStates, type DocumentKind } from '../vocabulary/documentKinds';
import { incomeKinds, incomeTreatments } from '../vocabulary/income';
import { roles } from '../vocabulary/roles';
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

const historyEntry = z.strictObject({
  id: z.string().min(1).max(40),
  action: z.enum(applicationActions),
  from: z.enum(applicationStatuses),
  to: z.enum(applicationStatuses),
  at: z.number().int().min(0),
  byUserId: z.string().min(1).max(40),
  byName: z.string().min(1).max(80),
  role: z.enum(roles),
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
};

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
  /** 审核确认 */
  decision: z
    .strictObject({
      approvedMonthlyAmount: money.optional(),
      method: z.enum(decisionMethods).optional(),
      refusalReason: z.string().trim().max(2000).optional(),
    })
    .optional(),
  /** 45 instead of 30 working days (特殊情况延期). */
  extended: z.boolean().optional(),
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
 */
export const APPLICATION_SCHEMA_VERSION = 2;

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
  ],
});

/** Documents a type usually needs; the checklist starts from these. */
export function defaultDocuments(type: ApplicationType): DocumentKind[] {
  const base: DocumentKind[] = ['idAndHukou', 'applicationForm', 'incomeDeclaration', 'propertyDeclaration', 'verificationAuthorization'];
  if (type === 'medicalAid') return ['idAndHukou', 'applicationForm', 'diagnosis', 'medicalBills', 'reimbursementStatement'];
  if (type === 'educationAid') return [...base, 'schoolCertificate'];
  return base;
}

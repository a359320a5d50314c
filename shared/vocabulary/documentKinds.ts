import type { Word } from './term';

/** Documents an application may need (申请材料). */
export const documentKinds = [
  'idAndHukou', // 身份证、户口簿
  'applicationForm', // 申请书
  'incomeDeclaration', // 收入申报
  'propertyDeclaration', // 财产申报
  'verificationAuthorization', // 家庭经济状况核对授权书
  'disabilityCertificate', // 残疾证
  'diagnosis', // 诊断证明
  'medicalBills', // 医疗费用票据
  'reimbursementStatement', // 医保报销结算单
  'schoolCertificate', // 在学证明
  'other',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/**
 * The materials' official names, the same on screens, printed forms (一次性告知书) and exports;
 * the short form where a line names the material beside its application (今日).
 */
export const documentKindTerms = {
  idAndHukou: { zh: '身份证、户口簿', en: 'ID card and household register' },
  applicationForm: { zh: '救助申请书', en: 'Application letter', short: { zh: '申请书' } },
  incomeDeclaration: { zh: '家庭收入申报', en: 'Income declaration', short: { zh: '收入申报' } },
  propertyDeclaration: { zh: '家庭财产申报', en: 'Property declaration', short: { zh: '财产申报' } },
  verificationAuthorization: {
    zh: '家庭经济状况核对授权书',
    en: 'Authorisation to verify finances',
    short: { en: 'Authorisation for checks' },
  },
  disabilityCertificate: { zh: '残疾人证', en: 'Disability certificate', short: { zh: '残疾证' } },
  diagnosis: { zh: '诊断证明', en: 'Diagnosis' },
  medicalBills: { zh: '医疗费用票据', en: 'Medical bills' },
  reimbursementStatement: { zh: '医保报销结算单', en: 'Insurance reimbursement statement' },
  schoolCertificate: { zh: '在学证明', en: 'School certificate' },
  other: { zh: '其他材料', en: 'Other documents' },
} as const satisfies Record<DocumentKind, Word>;

/** provided 已提交, missing 缺, promised 容缺受理 (to be handed in by a date), pledged 告知承诺 (a pledge stands in). */
export const documentStates = ['provided', 'missing', 'promised', 'pledged'] as const;
export type DocumentState = (typeof documentStates)[number];

export const documentStateTerms = {
  provided: { zh: '已提交', en: 'Provided' },
  missing: { zh: '缺', en: 'Missing' },
  promised: { zh: '容缺受理', en: 'Accepted, due later' },
  pledged: { zh: '告知承诺', en: 'Pledge instead' },
} as const satisfies Record<DocumentState, Word>;

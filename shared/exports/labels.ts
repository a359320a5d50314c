/**
 * Chinese words for the exported sheets and printed forms. An export is an official record
 * (台账) handed to Chinese offices, so it is written in Chinese whatever the UI language; the
 * `Record<…>` types make a new enum value a compile error here until it has its word.
 */
import type { ApplicationStatus } from '../rules/applicationStatus';
import { applicationStatusLabels } from '../rules/applicationStatus';
import type { DeadlineState } from '../rules/deadlines';
import type {
  applicationAssistance,
  applicationModes,
  ApplicationType,
  DocumentKind,
  documentStates,
} from '../schemas/application';
import type { careSeverities } from '../schemas/careNeed';
import type { DisabilityCategory, HouseholdCategory, labourAbilities, MemberRelation } from '../schemas/household';
import type { NeedCategory, VisitType } from '../schemas/visit';

export const statusWords: Record<ApplicationStatus, string> = applicationStatusLabels;

export const applicationTypeWords: Record<ApplicationType, string> = {
  dibao: '低保',
  tekun: '特困人员救助供养',
  dibaoEdge: '低保边缘',
  rigidExpenditure: '刚性支出困难',
  medicalAid: '医疗救助',
  temporaryAid: '临时救助',
  educationAid: '教育救助',
  housingAid: '住房救助',
  employmentAid: '就业救助',
  charity: '慈善帮扶',
};

export const applicationModeWords: Record<(typeof applicationModes)[number], string> = {
  onApplication: '依申请',
  proactive: '主动发现',
};

export const assistanceWords: Record<(typeof applicationAssistance)[number], string> = {
  none: '本人申请',
  guided: '导办',
  helped: '帮办',
  delegated: '代办',
};

export const documentWords: Record<DocumentKind, string> = {
  idAndHukou: '身份证、户口簿',
  applicationForm: '救助申请书',
  incomeDeclaration: '家庭收入申报',
  propertyDeclaration: '家庭财产申报',
  verificationAuthorization: '家庭经济状况核对授权书',
  disabilityCertificate: '残疾人证',
  diagnosis: '诊断证明',
  medicalBills: '医疗费用票据',
  reimbursementStatement: '医保报销结算单',
  schoolCertificate: '在学证明',
  other: '其他材料',
};

export const documentStateWords: Record<(typeof documentStates)[number], string> = {
  provided: '已提交',
  missing: '缺',
  promised: '容缺受理',
  pledged: '告知承诺',
};

export const deadlineStateWords: Record<DeadlineState, string> = {
  done: '已完成',
  ok: '未到期',
  near: '快到期',
  overdue: '已超期',
};

export const householdCategoryWords: Record<HouseholdCategory, string> = {
  tekun: '特困人员',
  dibao: '低保对象',
  dibaoEdge: '低保边缘',
  rigidExpenditure: '刚性支出困难',
  elderly: '老年人',
  disabled: '残疾人',
  minor: '未成年人',
  otherLowIncome: '其他低收入',
};

export const relationWords: Record<MemberRelation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  childInLaw: '儿媳/女婿',
  other: '其他',
};

export const sexWords: Record<'male' | 'female', string> = { male: '男', female: '女' };

export const disabilityWords: Record<DisabilityCategory, string> = {
  physical: '肢体残疾',
  visual: '视力残疾',
  hearing: '听力残疾',
  speech: '言语残疾',
  intellectual: '智力残疾',
  mental: '精神残疾',
  multiple: '多重残疾',
};

export const labourWords: Record<(typeof labourAbilities)[number], string> = {
  full: '有劳动能力',
  partial: '部分丧失劳动能力',
  none: '完全丧失劳动能力',
};

export const visitTypeWords: Record<VisitType, string> = {
  routine: '日常走访',
  screening: '排查',
  investigation: '入户调查',
  followUp: '回访',
  emergency: '急难走访',
};

export const needWords: Record<NeedCategory, string> = {
  material: '物质帮扶',
  dailyCare: '生活照料',
  socialSupport: '社会支持',
  psychological: '心理支持',
  medical: '医疗',
  employment: '就业',
  education: '教育',
};

export const severityWords: Record<(typeof careSeverities)[number], string> = {
  low: '一般',
  medium: '较重',
  high: '严重',
  urgent: '紧急',
};

export const careStateWords: Record<'open' | 'closed', string> = { open: '跟进中', closed: '已结束' };

/** Joins names or words in one cell: 张三、李四. */
export const LIST_SEPARATOR = '、';

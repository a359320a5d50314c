/**
 * The wording of the printed forms (一次性告知书, 告知承诺书) and the words they share with the
 * other printed forms. These are official documents a household signs, so they are Chinese
 * whatever the UI language, and their clauses follow B1 (domain.md): materials missing are
 * listed once, in one notice; a pledge stands in for certificates and authorises checking the
 * family's income and assets.
 */
import type { Application, DocumentKind } from '../schemas/application';
import type { Role } from '../vocabulary/roles';
import { documentWords, relationWords, roleWords } from './labels';

/** What the one-time notice lists: each missing document once, in the checklist's order. */
export function missingItemsOf(application: Pick<Application, 'documents' | 'status' | 'returnNotice'>): DocumentKind[] {
  const listed = new Set<DocumentKind>(application.documents.filter((doc) => doc.state === 'missing').map((doc) => doc.kind));
  if (application.status === 'returned') {
    for (const kind of application.returnNotice?.missingDocuments ?? []) listed.add(kind);
  }
  return [...listed];
}

/** Documents a written pledge stands in for (告知承诺) or that are promised by a date (容缺受理). */
export function pledgedItemsOf(application: Pick<Application, 'documents'>): { kind: DocumentKind; word: string; promisedBy?: string }[] {
  return application.documents
    .filter((doc) => doc.state === 'pledged' || doc.state === 'promised')
    .map((doc) => ({ kind: doc.kind, word: documentWords[doc.kind], ...(doc.promisedBy ? { promisedBy: doc.promisedBy } : {}) }));
}

export const missingItemsNoticeText = {
  title: '社会救助申请材料一次性告知书',
  opening: (applicant: string, date: string, program: string) =>
    `${applicant}：\n您于${date}提出的${program}申请，经审查，申请材料尚不齐全。根据“一次性告知”的要求，现将需要补齐的材料一次性告知如下：`,
  noneMissing: '（经审查，目前没有需要补齐的材料。）',
  closing: [
    '请在补齐上述材料后，交至所在乡镇（街道）社会救助服务站，也可由村（居）民委员会协助转交。材料补齐后即予受理。',
    '对暂时无法提供的证明材料，可以书面承诺其内容真实（告知承诺），先行受理；承诺不实的，将承担相应责任。',
    '如有疑问，请咨询村（居）民委员会或乡镇（街道）社会救助服务站。',
  ],
  note: '其他说明',
  signatures: ['告知单位（盖章）', '经办人（签字）', '申请人签收（签字）'],
} as const;

export const pledgeText = {
  title: '社会救助申请告知承诺书',
  opening: (applicant: string, idNumber: string, address: string, program: string) =>
    `本人${applicant}（身份证号：${idNumber}），家庭住址：${address}，现申请${program}，郑重承诺如下：`,
  clauses: [
    '本人及共同生活的家庭成员所申报的家庭人口、收入、财产和生活状况等信息真实、完整、准确，没有隐瞒、虚报或伪造。',
    '本人及共同生活的家庭成员同意并授权民政部门及其委托的机构，依法查询、核对本人及家庭成员的户籍、收入、财产信息，包括存款、有价证券、不动产、车辆、工商登记、住房公积金、社会保险、商业保险、纳税等情况。',
    '家庭人口、收入、财产状况发生变化时，本人将及时主动告知村（居）民委员会或乡镇（街道）。',
    '如有虚假承诺、隐瞒或骗取救助的情形，本人自愿承担取消救助资格、退还已领取的救助资金等后果，并依法承担相应责任。',
  ],
  pledgedItemsIntro: '以下证明材料暂未提交，本人承诺其内容真实，并按期补交：',
  promisedBy: (date: string) => `（${date}前补交）`,
  signatures: ['承诺人（签字或按手印）', '共同生活家庭成员（签字）', '见证人（村协理员或经办人）'],
} as const;

export const visitRecordText = {
  /** 入户调查 is the formal investigation; other visits print as a visit record. */
  title: (investigation: boolean) => (investigation ? '家庭经济状况入户调查表' : '入户走访记录表'),
  conditions: {
    income: '家庭收入情况',
    property: '家庭财产情况',
    food: '饮食情况',
    clothing: '穿着情况',
    housing: '住房情况',
    dailyUse: '日常生活用品情况',
  },
  signatures: ['调查人员（签字）', '被调查家庭成员（签字）'],
  declaration: '以上情况经调查人员入户核实，被调查家庭成员确认属实。',
} as const;

export const applicationSummaryText = {
  title: '社会救助申请情况表',
  signatures: ['经办人（签字）', '审核人（签字）'],
} as const;

/** 受理回执: handed to the applicant at 受理, with the 码上查 code (shared/domain/trackingCode.ts) to follow the case. */
export const acceptanceReceiptText = {
  title: '社会救助申请受理回执',
  statement: (applicant: string, program: string, date: string) => `${applicant}：您提交的${program}申请已于${date}受理。`,
  lookupTitle: '码上查：用手机查询办理进度',
  codeLabel: '查询码',
  lookupHow: (address: string) =>
    `用手机扫描二维码，或在浏览器中打开 ${address}，输入申请人身份证号码的最后四位，即可查看办理到哪一步、下一个办理时限和还需补交的材料。`,
  keepSafe: '查询码只用于查询本申请的办理进度，请妥善保管本回执。回执遗失时，可到乡镇（街道）社会救助服务站申请停用查询码。',
  noCode: '本申请没有查询码（受理时尚未启用码上查）。',
  signatures: ['经办人（签字）'],
} as const;

/** Field names on the printed forms. */
export const formLabels = {
  household: relationWords.head,
  area: '所在地区',
  address: '家庭住址',
  phone: '联系电话',
  visitDate: '走访日期',
  visitType: '走访类型',
  investigators: '调查（走访）人员',
  members: '家庭成员',
  memberName: '姓名',
  relation: '与户主关系',
  sex: '性别',
  birthDate: '出生日期',
  disability: '残疾情况',
  labour: '劳动能力',
  present: '是否在场',
  presentYes: '在场',
  livingConditions: '家庭经济与生活状况',
  healthChanges: '健康和残疾状况变化',
  findings: '走访（调查）情况',
  needsFound: '发现的需求',
  nextVisitDate: '下次走访日期',
  none: '无',
  date: '日期',
  yearMonthDay: '年　　月　　日',
  applicant: '申请人',
  program: '救助类型',
  mode: '申请方式',
  assistance: '办理方式',
  status: '办理状态',
  covered: '共同生活成员',
  reason: '申请理由',
  income: '家庭收入（月）',
  incomeTotal: '合计（元/月）',
  documents: '申请材料',
  deadlines: '办理时限',
  history: '办理经过',
  historyTime: '时间',
  historyAction: '办理事项',
  historyStatus: '办理后状态',
  historyBy: '经办人',
  historyNote: '意见或说明',
  printedOn: '打印日期',
} as const;

/** 日期：2026-11-29 — a label and its value on one line. */
export const labelled = (label: string, value: string): string => `${label}：${value}`;

/** 张三（乡镇社会救助服务站） */
export const nameWithRole = (name: string, role: Role): string => `${name}（${roleWords[role]}）`;

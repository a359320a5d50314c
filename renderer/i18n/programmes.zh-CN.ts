/**
 * Each programme's own steps on screen (issue 13): the 初审 opinion, the township's closing, the
 * county's 信息核对, 急难先行救助, and approval as a monthly amount, a one-off sum or a recognition.
 */
import { decisionFormTerms, labelsIn, medicalAidGroupTerms, preliminaryOutcomeTerms, shortLabelsIn, temporaryAidKindTerms, verificationResultTerms } from '../../shared/vocabulary';

export const programmeZhCN = {
  temporaryAidKind: shortLabelsIn(temporaryAidKindTerms, 'zh'),
  decisionForm: labelsIn(decisionFormTerms, 'zh'),
  medicalAidGroup: labelsIn(medicalAidGroupTerms, 'zh'),
  preliminary: {
    outcomeLabel: '初审意见',
    outcome: labelsIn(preliminaryOutcomeTerms, 'zh'),
    opinion: '不同意的意见和理由',
    opinionRequired: '初审不同意须写明意见和理由',
    negativeShown: '乡镇初审不同意：{{opinion}}',
    negativeNext: '初审不同意的申请不公示：可以报县（县级会看到这条意见），也可以由乡镇终止办理并书面告知理由。',
  },
  close: {
    button: '初审不同意，终止办理',
    hint: '乡镇根据初审意见终止办理，须写明理由，并在 3 个工作日内书面告知申请人。',
    reason: '终止办理的理由（书面告知申请人）',
  },
  verification: {
    button: '记录信息核对',
    title: '信息核对',
    hint: '记录对户籍、纳税、社保、不动产、车辆、存款等信息的核对结果。',
    result: labelsIn(verificationResultTerms, 'zh'),
    resultLabel: '核对结果',
    resultRequired: '请选择核对结果',
    checkedOn: '核对日期',
    checkedOnRequired: '请填写核对日期',
    note: '核对说明',
    shown: '{{result}}（{{date}}）',
    needed: '审核确认前须先记录信息核对结果。',
  },
  emergency: {
    button: '急难先行救助',
    title: '急难先行救助',
    hint: '急难情况先救助、后补手续：乡镇在县级委托的额度内先行发放，之后按期补齐材料和县级审核确认。',
    amount: '先行救助金额（元）',
    amountRequired: '请填写大于 0 的先行救助金额',
    exampleFigures: '（示例参数，仅供演示，不是本县公布的标准）',
    amountOverLimit: '超过县级委托乡镇的额度（{{limit}} 元），须报县审批',
    figures: '乡镇可先行救助的额度：{{limit}} 元；材料须在先行救助后 {{days}} 个工作日内补齐（{{due}} 前）。',
    noFigures: '县级尚未设置先行救助额度和补齐材料期限：请按本县规定填写补齐期限。',
    grantedOn: '先行救助日期',
    grantedOnRequired: '请填写先行救助日期',
    fileDueBy: '补齐材料期限',
    fileDueByRequired: '请填写补齐材料期限',
    shown: '已先行救助 {{amount}} 元（{{date}}），材料须在 {{due}} 前补齐',
  },
  approve: {
    oneOffAmount: '一次性救助金额（元）',
    oneOffAmountRequired: '请填写大于 0 的一次性救助金额',
    suggestionTitle: '建议金额：{{amount}} 元（{{group}}）',
    exampleFigures: '示例参数：建议金额按演示用的示例参数计算，不是本县公布的标准。',
    useSuggestion: '采用建议金额',
    noSuggestion: '无法计算建议金额：{{why}}',
    noMedical: '尚未录入医疗总费用和报销金额',
    noGroup: '不属于特困、低保、低保边缘对象，个人自付也未达到因病致贫标准（或标准未设置）',
    missingFigures: '县级尚未设置该组的救助比例、起付线或年度限额',
    emergencyGranted: '乡镇已先行救助 {{amount}} 元。',
    validUntil: '认定有效期至',
    validUntilRequired: '请填写认定有效期',
    validUntilMax: '最长 {{months}} 个月，最晚至 {{date}}',
  },
  decision: {
    oneOff: '一次性救助金 {{amount}} 元',
    validUntil: '认定有效期至 {{date}}',
  },
  today: {
    emergencyFile: '急难救助待补齐材料（{{due}} 前）',
    emergencyFileOverdue: '急难救助补齐材料已超期（应于 {{due}} 前）',
    recognitionLapsing: '认定将于 {{date}} 到期，请安排复核',
  },
} as const;

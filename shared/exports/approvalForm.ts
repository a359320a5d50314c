/**
 * 审批表: the one sheet the county files for a decision — the household and the members covered,
 * their income and property, the investigation, the township's 初审 opinion, the 公示 and its
 * objections, the 信息核对 result and the decision, with the township's and the county's lines to
 * sign. Built here from the application as plain lines, so the printed page only lays them out.
 */
import { chinaDateOf } from '../domain/chinaTime';
import { formatYuan, summarizeIncome, type IncomeSummary } from '../rules/eligibility/income';
import { publicNoticeEndDate } from '../rules/deadlines';
import type { Application } from '../schemas/application';
import { decisionMethodTerms } from '../vocabulary/decisionMethods';
import { preliminaryOutcomeTerms, verificationResultTerms } from '../vocabulary/caseLife';
import { labelsIn } from '../vocabulary/term';
import { actionWords, LIST_SEPARATOR, statusWords } from './labels';

const preliminaryOutcomeWords = labelsIn(preliminaryOutcomeTerms, 'zh');
const verificationResultWords = labelsIn(verificationResultTerms, 'zh');
const decisionMethodWords = labelsIn(decisionMethodTerms, 'zh');

/** Where a step was taken: its last entry in the history, as a date. */
function stepDate(application: Pick<Application, 'history'>, action: Application['history'][number]['action']): string | undefined {
  const entry = application.history.findLast((item) => item.action === action);
  return entry ? chinaDateOf(entry.at) : undefined;
}

/** Income as B1 counts it, over the members the application covers (单人户: their own items only). */
export function approvalIncomeOf(application: Pick<Application, 'incomeItems' | 'coveredMemberIds' | 'singlePersonUnit'>): IncomeSummary {
  return summarizeIncome(application.incomeItems, application.coveredMemberIds, !application.singlePersonUnit);
}

export interface ApprovalFormLines {
  readonly income: string;
  readonly property: string;
  readonly investigation: string;
  readonly preliminaryReview: string;
  readonly publicNotice: string;
  readonly verification: string;
  readonly decision: string;
}

const NOT_YET = '（尚未进行）';

function incomeLine(application: Application): string {
  const income = approvalIncomeOf(application);
  return (
    `计入收入${formatYuan(income.countedMonthly)}/月，扣减${formatYuan(income.deductibleMonthly)}/月，` +
    `不计入${formatYuan(income.notCountedMonthly)}/月；按${income.memberCount}人计月人均${formatYuan(income.perCapitaMonthly)}`
  );
}

function propertyLine(application: Application): string {
  if (application.propertyItems.length === 0) return '未申报财产';
  return application.propertyItems
    .map((item) => {
      const value = item.value !== undefined ? `（${formatYuan(item.value)}）` : '';
      const exempt = item.exempt ? `，豁免${item.exemptReason ? `：${item.exemptReason}` : ''}` : '';
      return `${item.description}${value}${exempt}`;
    })
    .join(LIST_SEPARATOR);
}

function investigationLine(application: Application): string {
  const investigation = application.investigation;
  if (!investigation) return NOT_YET;
  return [
    `调查人员：${investigation.investigators.join(LIST_SEPARATOR) || '未填写'}`,
    `调查日期：${investigation.startedOn ?? '未填写'}`,
    `调查情况：${investigation.findings ?? '未填写'}`,
  ].join('\n');
}

function preliminaryLine(application: Application): string {
  const review = application.preliminaryReview;
  const on = stepDate(application, 'preliminaryReview');
  if (!review && !on) return NOT_YET;
  const outcome = review ? preliminaryOutcomeWords[review.outcome] : actionWords.preliminaryReview;
  const note = review?.opinion ?? application.history.findLast((item) => item.action === 'preliminaryReview')?.note;
  return `${outcome}${on ? `（${on}）` : ''}${note ? `：${note}` : ''}`;
}

function publicNoticeLine(application: Application): string {
  const notice = application.publicNotice;
  if (!notice) return NOT_YET;
  const period = `公示期${notice.start}至${publicNoticeEndDate(notice.start)}`;
  return `${period}；${notice.objections ? `异议：${notice.objections}` : '公示无异议'}`;
}

function verificationLine(application: Application): string {
  const verification = application.verification;
  if (!verification) return '（未记录核对结果）';
  return `${verificationResultWords[verification.result]}（${verification.checkedOn}）${verification.note ? `：${verification.note}` : ''}`;
}

function decisionLine(application: Application): string {
  const decision = application.decision;
  if (application.status === 'refused') {
    return `${statusWords.refused}（${stepDate(application, 'refuse') ?? ''}）：${decision?.refusalReason ?? ''}`;
  }
  if (application.status !== 'approved') return '（待县级民政部门审核确认）';
  const parts = [`${statusWords.approved}（${stepDate(application, 'approve') ?? ''}）`];
  if (decision?.approvedMonthlyAmount !== undefined) {
    parts.push(`月救助金额${formatYuan(decision.approvedMonthlyAmount)}${decision.method ? `（${decisionMethodWords[decision.method]}）` : ''}`);
  }
  if (decision?.oneOffAmount !== undefined) parts.push(`一次性救助金额${formatYuan(decision.oneOffAmount)}`);
  if (decision?.validUntil !== undefined) parts.push(`有效期至${decision.validUntil}`);
  return parts.join('；');
}

/** Each section of the 审批表 as the county reads it. */
export function approvalFormLines(application: Application): ApprovalFormLines {
  return {
    income: incomeLine(application),
    property: propertyLine(application),
    investigation: investigationLine(application),
    preliminaryReview: preliminaryLine(application),
    publicNotice: publicNoticeLine(application),
    verification: verificationLine(application),
    decision: decisionLine(application),
  };
}

/** The 审批表's wording: a county record, in Chinese whatever the UI language. */
export const approvalFormText = {
  title: (programme: string) => `${programme}审核确认审批表`,
  sections: {
    household: '申请家庭',
    members: '保障对象（共同生活成员）',
    income: '家庭收入情况',
    property: '家庭财产情况',
    investigation: '家庭经济状况调查',
    preliminaryReview: '乡镇（街道）初审意见',
    publicNotice: '公示情况',
    verification: '信息核对结果',
    decision: '县级民政部门审核确认意见',
  },
  idNumber: '身份证号',
  signatures: ['乡镇（街道）经办人（签字）', '乡镇（街道）负责人（签字、盖章）', '县级民政部门经办人（签字）', '县级民政部门负责人（签字、盖章）'],
} as const;

/**
 * What an action needs besides being allowed by the status machine: the facts B1 asks for at
 * that step. The app checks them before it writes a step, and the server checks them again on
 * every push that takes the step (server/sync/writeGuards.ts), with the same code.
 */
import type { ApplicationAction } from '../vocabulary/applicationActions';
import { compareDates, isIsoDate, type IsoDate } from './dates';
import { canClosePublicNotice, publicNoticeEndDate } from './deadlines';

/** Just the fields the checks read; `requirementInputOf` maps an application onto it. */
export interface ActionRequirementInput {
  /** 救助类型: recognitions (低保边缘, 刚性支出困难) pay nothing, so their approval has no amount. */
  type?: string;
  /** 入户调查人员 */
  investigators?: string[];
  /** 入户调查开始日期 */
  investigationStartedOn?: string;
  /** 核定的月救助金额 (元) */
  approvedAmount?: number;
  /** 差额 or 分档 */
  approvalMethod?: string;
  /** 不予批准的书面理由 */
  refusalReason?: string;
  /** 一次性告知的缺少材料 */
  missingDocuments?: string[];
  /** 公示开始日期 */
  publicNoticeStart?: string;
  /** 公示异议 */
  objections?: string;
  /** The step's own note: for 撤回, the reason. */
  note?: string;
}

/** A requirement not met, naming the application's field it is about. */
export interface StepProblem {
  field: string;
  message: string;
}

/** B1 step 3: the home investigation is done by at least two investigators. */
const MIN_INVESTIGATORS = 2;

/** Types that are recognised without a payment (B3, B5): no amount is approved for them. */
const RECOGNITION_TYPES: readonly string[] = ['dibaoEdge', 'rigidExpenditure'];

const blank = (text: string | undefined) => !text?.trim();

function dateProblems(field: string, value: string | undefined, label: string, today: IsoDate): StepProblem[] {
  if (value === undefined || !isIsoDate(value)) return [{ field, message: `请填写${label}` }];
  return compareDates(value, today) > 0 ? [{ field, message: `${label}不能晚于今天` }] : [];
}

export function stepRequirements(action: ApplicationAction, application: ActionRequirementInput, today: IsoDate): StepProblem[] {
  switch (action) {
    // The investigation is checked when it starts and again at 初审, which rests on it: it may be
    // edited while it runs, never down to one investigator.
    case 'startInvestigation':
    case 'preliminaryReview': {
      const names = new Set((application.investigators ?? []).map((n) => n.trim()).filter((n) => n !== ''));
      return [
        ...(names.size >= MIN_INVESTIGATORS
          ? []
          : [{ field: 'investigation.investigators', message: `入户调查须至少${MIN_INVESTIGATORS}名调查人员（已填${names.size}名）` }]),
        ...dateProblems('investigation.startedOn', application.investigationStartedOn, '调查开始日期', today),
      ];
    }
    case 'approve': {
      if (application.type !== undefined && RECOGNITION_TYPES.includes(application.type)) return [];
      const amount = application.approvedAmount;
      return [
        ...(amount !== undefined && Number.isFinite(amount) && amount > 0
          ? []
          : [{ field: 'decision.approvedMonthlyAmount', message: '请填写大于0的核定救助金额' }]),
        ...(application.approvalMethod ? [] : [{ field: 'decision.method', message: '请选择核定方式（差额或分档）' }]),
      ];
    }
    case 'refuse':
      // B1 step 6: a refusal is notified in writing, with reasons.
      return blank(application.refusalReason) ? [{ field: 'decision.refusalReason', message: '不予批准须写明书面理由' }] : [];
    case 'return':
      // 一次性告知: everything missing is listed at once, so there must be something listed.
      return (application.missingDocuments ?? []).some((d) => d.trim() !== '')
        ? []
        : [{ field: 'returnNotice.missingDocuments', message: '退回补正须列明缺少的材料（一次性告知）' }];
    case 'startPublicNotice':
      return dateProblems('publicNotice.start', application.publicNoticeStart, '公示开始日期', today);
    case 'objection':
      return blank(application.objections) ? [{ field: 'publicNotice.objections', message: '请写明公示异议的内容' }] : [];
    case 'sendToCounty': {
      // B1 step 5: the 公示 runs its full seven days before the file goes to the county.
      const start = application.publicNoticeStart;
      if (start === undefined || !isIsoDate(start)) return [{ field: 'publicNotice.start', message: '没有公示开始日期，不能报县' }];
      return canClosePublicNotice(start, today)
        ? []
        : [{ field: 'publicNotice.start', message: `公示期至${publicNoticeEndDate(start)}届满，届满后才能报县` }];
    }
    case 'withdraw':
      return blank(application.note) ? [{ field: 'history', message: '撤回须写明原因' }] : [];
    default:
      return [];
  }
}

/** The messages of `stepRequirements`: an empty list means "go ahead". */
export function actionRequirements(action: ApplicationAction, application: ActionRequirementInput, today: IsoDate): string[] {
  return stepRequirements(action, application, today).map((problem) => problem.message);
}

/** The facts of an application that its steps' requirements read. */
export function requirementInputOf(
  application: {
    type?: string;
    investigation?: { investigators?: string[]; startedOn?: string } | undefined;
    decision?: { approvedMonthlyAmount?: number | undefined; method?: string | undefined; refusalReason?: string | undefined } | undefined;
    returnNotice?: { missingDocuments?: string[] } | undefined;
    publicNotice?: { start?: string; objections?: string | undefined } | undefined;
  },
  note?: string,
): ActionRequirementInput {
  return {
    ...(application.type !== undefined ? { type: application.type } : {}),
    ...(application.investigation?.investigators ? { investigators: application.investigation.investigators } : {}),
    ...(application.investigation?.startedOn ? { investigationStartedOn: application.investigation.startedOn } : {}),
    ...(application.decision?.approvedMonthlyAmount !== undefined ? { approvedAmount: application.decision.approvedMonthlyAmount } : {}),
    ...(application.decision?.method ? { approvalMethod: application.decision.method } : {}),
    ...(application.decision?.refusalReason !== undefined ? { refusalReason: application.decision.refusalReason } : {}),
    ...(application.returnNotice?.missingDocuments ? { missingDocuments: application.returnNotice.missingDocuments } : {}),
    ...(application.publicNotice?.start ? { publicNoticeStart: application.publicNotice.start } : {}),
    ...(application.publicNotice?.objections !== undefined ? { objections: application.publicNotice.objections } : {}),
    ...(note !== undefined ? { note } : {}),
  };
}

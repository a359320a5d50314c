/**
 * What an action needs besides being allowed by the status machine: the facts B1 asks for at
 * that step. The app checks them before it writes a step, and the server checks them again on
 * every push that takes the step (server/sync/writeGuards.ts), with the same code.
 */
import type { ApplicationAction } from '../vocabulary/applicationActions';
import { addMonths, compareDates, isIsoDate, type IsoDate } from './dates';
import { canClosePublicNotice, publicNoticeEndDate } from './deadlines';
import { programmePathOf, publicNoticeRule } from './programmes';

/** Just the fields the checks read; `requirementInputOf` maps an application onto it. */
export interface ActionRequirementInput {
  /** 救助类型, with `emergency`: the path says what approval records (a monthly amount, a sum paid once, a validity). */
  type?: string;
  /** 临时救助 of the 急难 kind. */
  emergency?: boolean;
  /** The county's choice of a 公示 for 医疗救助, where the caller holds the policy. */
  countyRequiresPublicNotice?: boolean;
  /** 初审: the township's opinion; a negative one is written out. */
  preliminaryOutcome?: string;
  preliminaryOpinion?: string;
  /** 信息核对: recorded by the county before it approves 低保 or 特困. */
  verificationCheckedOn?: string;
  /** 医疗救助, 临时救助: the sum paid once (元). */
  oneOffAmount?: number;
  /** 低保边缘, 刚性支出: the recognition's last day. */
  validUntil?: string;
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
      return investigationProblems(application, today);
    case 'preliminaryReview':
      return [...investigationProblems(application, today), ...opinionProblems(application)];
    case 'approve':
      return approvalProblems(application, today);
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
      // Without a 公示 on the path, or after a negative 初审 (not published), the file goes up at once;
      // where the county's choice is not known here, a 公示 that was started must have run its days.
      const notice = publicNoticeRule(programmePathOf(application), application.countyRequiresPublicNotice);
      if (notice === 'none' || application.preliminaryOutcome === 'negative') return [];
      if (notice === 'either' && application.publicNoticeStart === undefined) return [];
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

function investigationProblems(application: ActionRequirementInput, today: IsoDate): StepProblem[] {
  const names = new Set((application.investigators ?? []).map((n) => n.trim()).filter((n) => n !== ''));
  return [
    ...(names.size >= MIN_INVESTIGATORS
      ? []
      : [{ field: 'investigation.investigators', message: `入户调查须至少${MIN_INVESTIGATORS}名调查人员（已填${names.size}名）` }]),
    ...dateProblems('investigation.startedOn', application.investigationStartedOn, '调查开始日期', today),
  ];
}

/** A negative 初审 is an opinion the applicant and the county read: it says why. */
function opinionProblems(application: ActionRequirementInput): StepProblem[] {
  return application.preliminaryOutcome === 'negative' && blank(application.preliminaryOpinion)
    ? [{ field: 'preliminaryReview.opinion', message: '初审不同意须写明意见和理由' }]
    : [];
}

/** What approval records depends on the programme: a monthly amount, a sum paid once, or a validity. */
function approvalProblems(application: ActionRequirementInput, today: IsoDate): StepProblem[] {
  const path = programmePathOf(application);
  const verification =
    path.verificationBeforeApproval && application.verificationCheckedOn === undefined
      ? [{ field: 'verification', message: '审核确认前须记录信息核对结果' }]
      : [];
  switch (path.decision) {
    case 'monthlyAmount': {
      const amount = application.approvedAmount;
      return [
        ...verification,
        ...(amount !== undefined && Number.isFinite(amount) && amount > 0
          ? []
          : [{ field: 'decision.approvedMonthlyAmount', message: '请填写大于0的核定救助金额' }]),
        ...(application.approvalMethod ? [] : [{ field: 'decision.method', message: '请选择核定方式（差额或分档）' }]),
      ];
    }
    case 'oneOffAmount': {
      const amount = application.oneOffAmount;
      return [
        ...verification,
        ...(amount !== undefined && Number.isFinite(amount) && amount > 0
          ? []
          : [{ field: 'decision.oneOffAmount', message: '请填写大于0的一次性救助金额' }]),
      ];
    }
    case 'recognition':
      return [...verification, ...validityProblems(application.validUntil, today, path.recognitionMaxMonths)];
  }
}

/** The last day a recognition approved on `approvedOn` may run to, where the rules cap it (B3: 12 months). */
export function latestValidUntil(approvedOn: IsoDate, maxMonths: number): IsoDate {
  return addMonths(approvedOn, maxMonths);
}

function validityProblems(validUntil: string | undefined, approvedOn: IsoDate, maxMonths: number | undefined): StepProblem[] {
  const field = 'decision.validUntil';
  if (validUntil === undefined || !isIsoDate(validUntil)) return [{ field, message: '请填写认定有效期（至哪一天）' }];
  if (compareDates(validUntil, approvedOn) <= 0) return [{ field, message: '认定有效期应晚于审核确认之日' }];
  if (maxMonths !== undefined && compareDates(validUntil, latestValidUntil(approvedOn, maxMonths)) > 0) {
    return [{ field, message: `认定有效期最长${maxMonths}个月，最晚至${latestValidUntil(approvedOn, maxMonths)}` }];
  }
  return [];
}

/** The messages of `stepRequirements`: an empty list means "go ahead". */
export function actionRequirements(action: ApplicationAction, application: ActionRequirementInput, today: IsoDate): string[] {
  return stepRequirements(action, application, today).map((problem) => problem.message);
}

/** The facts of an application that its steps' requirements read. */
export function requirementInputOf(
  application: {
    type?: string;
    emergency?: boolean | undefined;
    investigation?: { investigators?: string[]; startedOn?: string } | undefined;
    preliminaryReview?: { outcome: string; opinion?: string | undefined } | undefined;
    verification?: { checkedOn: string } | undefined;
    decision?:
      | {
          approvedMonthlyAmount?: number | undefined;
          method?: string | undefined;
          refusalReason?: string | undefined;
          oneOffAmount?: number | undefined;
          validUntil?: string | undefined;
        }
      | undefined;
    returnNotice?: { missingDocuments?: string[] } | undefined;
    publicNotice?: { start?: string; objections?: string | undefined } | undefined;
  },
  note?: string,
): ActionRequirementInput {
  return {
    ...(application.type !== undefined ? { type: application.type } : {}),
    ...(application.emergency !== undefined ? { emergency: application.emergency } : {}),
    ...(application.preliminaryReview ? { preliminaryOutcome: application.preliminaryReview.outcome } : {}),
    ...(application.preliminaryReview?.opinion !== undefined ? { preliminaryOpinion: application.preliminaryReview.opinion } : {}),
    ...(application.verification ? { verificationCheckedOn: application.verification.checkedOn } : {}),
    ...(application.decision?.oneOffAmount !== undefined ? { oneOffAmount: application.decision.oneOffAmount } : {}),
    ...(application.decision?.validUntil !== undefined ? { validUntil: application.decision.validUntil } : {}),
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

/**
 * What an action needs besides being allowed by the status machine: the facts B1 asks for at
 * that step. Returns the missing items as Chinese messages; an empty list means "go ahead".
 */
import type { ApplicationAction } from './applicationStatus';
import { compareDates, isIsoDate, type IsoDate } from './dates';

/** Just the fields the checks read; the caller maps the application document onto it. */
export interface ActionRequirementInput {
  /** 入户调查人员 */
  investigators?: string[];
  /** 核定的月救助金额 (元) */
  approvedAmount?: number;
  /** 不予批准的书面理由 */
  refusalReason?: string;
  /** 一次性告知的缺少材料 */
  missingDocuments?: string[];
  /** 公示开始日期 */
  publicNoticeStart?: string;
}

/** B1 step 3: the home investigation is done by at least two investigators. */
const MIN_INVESTIGATORS = 2;

export function actionRequirements(
  action: ApplicationAction,
  application: ActionRequirementInput,
  today: IsoDate,
): string[] {
  switch (action) {
    case 'startInvestigation': {
      const names = new Set((application.investigators ?? []).map((n) => n.trim()).filter((n) => n !== ''));
      return names.size >= MIN_INVESTIGATORS ? [] : [`入户调查须至少${MIN_INVESTIGATORS}名调查人员（已填${names.size}名）`];
    }
    case 'approve': {
      const amount = application.approvedAmount;
      return amount !== undefined && Number.isFinite(amount) && amount > 0 ? [] : ['请填写大于0的核定救助金额'];
    }
    case 'refuse':
      // B1 step 6: a refusal is notified in writing, with reasons.
      return application.refusalReason?.trim() ? [] : ['不予批准须写明书面理由'];
    case 'return':
      // 一次性告知: everything missing is listed at once, so there must be something listed.
      return (application.missingDocuments ?? []).some((d) => d.trim() !== '')
        ? []
        : ['退回补正须列明缺少的材料（一次性告知）'];
    case 'startPublicNotice': {
      const start = application.publicNoticeStart;
      if (start === undefined || !isIsoDate(start)) return ['请填写公示开始日期'];
      return compareDates(start, today) > 0 ? ['公示开始日期不能晚于今天'] : [];
    }
    default:
      return [];
  }
}

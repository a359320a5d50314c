/**
 * 不予批准通知书: B1 step 6 — a refusal is notified to the applicant in writing, with its reasons,
 * within 3 working days of the decision. The notice names the decision's date and the day it is due
 * by, the rules it rests on, and how to contest it (行政复议法: within 60 days of learning of the
 * decision, to the people's government at the level of the department that decided; 行政诉讼法 art.
 * 46: within 6 months, to the people's court).
 */
import { areaPath } from '../areas';
import { chinaDateOf } from '../domain/chinaTime';
import type { IsoDate } from '../rules/dates';
import { addWorkingDays, isHolidayCalendarKnown } from '../rules/workingDays';
import type { Application, ApplicationType } from '../schemas/application';
import type { Household } from '../schemas/household';
import { applicationTypeWords } from './labels';

/** B1 step 6: the written refusal goes out within this many working days of the decision. */
export const REFUSAL_NOTICE_WORKING_DAYS = 3;

/** The day the notice is due by: 3 working days after the decision (the decision day not counted). */
export function refusalNoticeDueBy(decidedOn: IsoDate): IsoDate {
  return addWorkingDays(decidedOn, REFUSAL_NOTICE_WORKING_DAYS);
}

/** The day the county refused: the last 不予批准 step in the history. */
export function refusedOn(application: Pick<Application, 'history'>): IsoDate | undefined {
  const entry = application.history.findLast((item) => item.action === 'refuse');
  return entry ? chinaDateOf(entry.at) : undefined;
}

const SOCIAL_ASSISTANCE_MEASURES = '《社会救助暂行办法》';

/** The rules a refusal rests on: the State Council's measures, and the programme's own where it has one (domain.md's sources). */
const programmeRules: Partial<Record<ApplicationType, string>> = {
  dibao: '《最低生活保障审核确认办法》',
  tekun: '《特困人员认定办法》',
  rigidExpenditure: '《刚性支出困难家庭认定办法》',
};

export function legalBasisOf(type: ApplicationType): string[] {
  const own = programmeRules[type];
  return own ? [SOCIAL_ASSISTANCE_MEASURES, own] : [SOCIAL_ASSISTANCE_MEASURES];
}

export interface RefusalNotice {
  readonly applicant: string;
  readonly programme: string;
  /** The day the application was made (提交申请), or created where no step says. */
  readonly appliedOn: IsoDate;
  readonly decidedOn: IsoDate;
  readonly dueBy: IsoDate;
  /** The due day lies past the published holiday calendar: counted Monday–Friday. */
  readonly dueByEstimated: boolean;
  /** One reason a line, as the county wrote them. */
  readonly reasons: readonly string[];
  readonly legalBasis: readonly string[];
  readonly township: string;
  readonly county: string;
}

/** The notice of a refused application; undefined before a refusal. */
export function refusalNoticeOf(
  application: Pick<Application, 'status' | 'history' | 'type' | 'decision' | 'applicantMemberId' | 'areaCode' | 'createdAt'>,
  household: Pick<Household, 'members'>,
): RefusalNotice | undefined {
  const decidedOn = refusedOn(application);
  if (application.status !== 'refused' || decidedOn === undefined) return undefined;
  const dueBy = refusalNoticeDueBy(decidedOn);
  const submitted = application.history.find((entry) => entry.action === 'submit');
  const path = areaPath(application.areaCode);
  return {
    applicant: household.members.find((member) => member.id === application.applicantMemberId)?.name ?? '',
    programme: applicationTypeWords[application.type],
    appliedOn: chinaDateOf(submitted?.at ?? application.createdAt),
    decidedOn,
    dueBy,
    dueByEstimated: !isHolidayCalendarKnown(dueBy),
    reasons: (application.decision?.refusalReason ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    legalBasis: legalBasisOf(application.type),
    township: path.find((area) => area.level === 'township')?.name ?? '',
    county: path.find((area) => area.level === 'county')?.name ?? '',
  };
}

/** The notice's wording: an official letter, in Chinese whatever the UI language. */
export const refusalNoticeText = {
  title: '社会救助不予批准通知书',
  opening: (notice: Pick<RefusalNotice, 'applicant' | 'appliedOn' | 'programme' | 'decidedOn' | 'legalBasis'>) =>
    `${notice.applicant}：\n您于${notice.appliedOn}提出的${notice.programme}申请，经调查核实和审核，根据${notice.legalBasis.join('和')}的规定，于${notice.decidedOn}决定不予批准。理由如下：`,
  noReason: '（未写明理由：请县级民政部门补充书面理由后再发出本通知书。）',
  appeal: (county: string) =>
    `如对本决定不服，可以自收到本通知书之日起六十日内向${county}人民政府申请行政复议，也可以自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。`,
  reapply: '家庭经济状况发生变化、符合条件的，可以重新提出申请。',
  issuer: (county: string) => `${county}民政局（盖章）`,
  dueBy: (decidedOn: string, dueBy: string, estimated: boolean) =>
    `本通知书应在决定之日（${decidedOn}）起${REFUSAL_NOTICE_WORKING_DAYS}个工作日内、即${dueBy}前送达申请人${estimated ? '（按周一至周五估算）' : ''}。`,
  signatures: ['送达人（签字）', '申请人签收（签字）'],
} as const;

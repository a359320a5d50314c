/**
 * 村级公示名单: what a village's notice board may show of the applications in 公示 (B1 step 5) or
 * approved in a month (the results the county publishes). The rules publish the applicant's name,
 * the number of people covered and the programme with its amount, and ask that privacy be kept:
 * nothing else goes up. So the list is built here, from the records, into rows that have no place
 * for an ID number, a phone, an address, an illness, a disability or an income: what a row cannot
 * hold, the printed page cannot show.
 */
import { areaPath, findArea } from '../areas';
import { chinaDateOf } from '../domain/chinaTime';
import type { IsoDate } from '../rules/dates';
import { publicNoticeEndDate } from '../rules/deadlines';
import type { Application } from '../schemas/application';
import type { Household } from '../schemas/household';
import { applicationTypeWords } from './labels';

/** 公示中: the township's 初审 is on the board for 7 days; approved: the month's results. */
export type PublicNoticeListKind = 'publicNotice' | 'approved';

/** One line on the board: only what may be published. */
export interface PublicNoticeRow {
  /** The applicant (申请人), as B1 publishes: for a household application the head, for 单人户 the member. */
  readonly name: string;
  /** The village's name only — never the address. */
  readonly village: string;
  /** 保障人数: the members the application covers. */
  readonly peopleCovered: number;
  /** 救助类型 */
  readonly programme: string;
  /** 月保障金额 (元), once approved with one. */
  readonly monthlyAmount?: number;
  /** 一次性救助金额 (元), once approved with one. */
  readonly oneOffAmount?: number;
  /** 公示期: the first and last day (the start day is not counted: start + 7). */
  readonly noticeStart?: IsoDate;
  readonly noticeEnd?: IsoDate;
  /** 批准日期 */
  readonly approvedOn?: IsoDate;
}

export interface PublicNoticeList {
  readonly kind: PublicNoticeListKind;
  readonly villageCode: string;
  readonly village: string;
  readonly township: string;
  readonly county: string;
  /** The month whose approvals are listed (kind `approved`), YYYY-MM. */
  readonly month?: string;
  readonly rows: readonly PublicNoticeRow[];
  /** Applications whose household is not on this laptop yet: the list is incomplete by this many. */
  readonly householdsMissing: number;
}

export interface PublicNoticeListInput {
  kind: PublicNoticeListKind;
  villageCode: string;
  /** YYYY-MM, for kind `approved`. */
  month?: string;
  applications: readonly Application[];
  /** By id: the households of (at least) the applications listed. */
  households: ReadonlyMap<string, Pick<Household, 'id' | 'members'>>;
}

const nameOfArea = (code: string | undefined): string => (code ? (findArea(code)?.name ?? '') : '');

/** The day the county approved: the last 审核确认 step in the history. */
export function approvedOn(application: Pick<Application, 'history'>): IsoDate | undefined {
  const entry = application.history.findLast((item) => item.action === 'approve');
  return entry ? chinaDateOf(entry.at) : undefined;
}

function listed(application: Application, input: PublicNoticeListInput): boolean {
  if (application.areaCode !== input.villageCode) return false;
  if (input.kind === 'publicNotice') return application.status === 'publicNotice' && application.publicNotice !== undefined;
  if (application.status !== 'approved' || input.month === undefined) return false;
  return approvedOn(application)?.slice(0, 7) === input.month;
}

/** Each field copied by name, so nothing of the record rides along. */
function rowOf(application: Application, household: Pick<Household, 'members'>, village: string): PublicNoticeRow {
  const applicant = household.members.find((member) => member.id === application.applicantMemberId);
  const head = household.members.find((member) => member.relation === 'head');
  const start = application.publicNotice?.start;
  const decision = application.status === 'approved' ? application.decision : undefined;
  const approved = application.status === 'approved' ? approvedOn(application) : undefined;
  return {
    name: applicant?.name ?? head?.name ?? '',
    village,
    peopleCovered: application.coveredMemberIds.length,
    programme: applicationTypeWords[application.type],
    ...(decision?.approvedMonthlyAmount !== undefined ? { monthlyAmount: decision.approvedMonthlyAmount } : {}),
    ...(decision?.oneOffAmount !== undefined ? { oneOffAmount: decision.oneOffAmount } : {}),
    ...(start !== undefined ? { noticeStart: start, noticeEnd: publicNoticeEndDate(start) } : {}),
    ...(approved !== undefined ? { approvedOn: approved } : {}),
  };
}

const byDateThenName = (a: PublicNoticeRow, b: PublicNoticeRow): number =>
  (a.noticeStart ?? a.approvedOn ?? '').localeCompare(b.noticeStart ?? b.approvedOn ?? '') || a.name.localeCompare(b.name, 'zh-Hans-CN');

/** The list for one village: the applications in 公示 there, or those approved in `month`. */
export function buildPublicNoticeList(input: PublicNoticeListInput): PublicNoticeList {
  const path = areaPath(input.villageCode);
  const village = nameOfArea(input.villageCode);
  const rows: PublicNoticeRow[] = [];
  let householdsMissing = 0;
  for (const application of input.applications) {
    if (!listed(application, input)) continue;
    const household = input.households.get(application.householdId);
    if (!household) {
      householdsMissing += 1;
      continue;
    }
    rows.push(rowOf(application, household, village));
  }
  return {
    kind: input.kind,
    villageCode: input.villageCode,
    village,
    township: path.find((area) => area.level === 'township')?.name ?? '',
    county: path.find((area) => area.level === 'county')?.name ?? '',
    ...(input.kind === 'approved' && input.month !== undefined ? { month: input.month } : {}),
    rows: rows.sort(byDateThenName),
    householdsMissing,
  };
}

/** The township's government as a notice names it: 碣石山镇人民政府, 市中街道办事处. */
export const townshipGovernment = (township: string): string => (township.endsWith('街道') ? `${township}办事处` : `${township}人民政府`);

/** The wording of the printed list: a public notice, so Chinese whatever the UI language. */
export const publicNoticeListText = {
  title: (kind: PublicNoticeListKind) => (kind === 'publicNotice' ? '社会救助审核公示名单' : '社会救助审核确认结果公示名单'),
  opening: (list: Pick<PublicNoticeList, 'kind' | 'township' | 'village' | 'month'>) =>
    list.kind === 'publicNotice'
      ? `经入户调查和${townshipGovernment(list.township)}初审，以下申请家庭拟纳入社会救助，现在${list.village}予以公示，公示期为7天。`
      : `${list.month ?? ''}经县级民政部门审核确认，${list.village}以下家庭获得社会救助，现予以公示。`,
  columns: {
    index: '序号',
    name: '申请人姓名',
    village: '所在村（社区）',
    peopleCovered: '保障人数',
    programme: '救助类型',
    amount: '救助金额（元）',
    noticePeriod: '公示期',
    approvedOn: '批准日期',
  },
  monthly: (amount: number) => `${amount.toFixed(2)}/月`,
  oneOff: (amount: number) => `${amount.toFixed(2)}（一次性）`,
  period: (start: string, end: string) => `${start}至${end}`,
  empty: (kind: PublicNoticeListKind) => (kind === 'publicNotice' ? '（本村目前没有需要公示的申请。）' : '（本村该月没有批准的申请。）'),
  objection: (list: Pick<PublicNoticeList, 'township' | 'county'>) =>
    `公示期内，对上述名单有异议的，可以向${list.township}社会救助服务站或${list.county}民政局实名反映，也可拨打下方监督电话。反映人的信息将予以保密。`,
  hotline: '监督电话',
  privacy: '本名单只公布申请人姓名、保障人数、救助类型和金额，不公布身份证号、联系电话、住址、病情、残疾和收入等个人信息。',
  issuer: (township: string) => `${townshipGovernment(township)}（盖章）`,
  postedOn: '张贴日期',
} as const;

/**
 * Statutory deadlines of an application, computed from the dates its history records. Which
 * periods run is the programme path's (./programmes/): B1 for 低保 and the recognitions, B2 for
 * 特困, the 临时救助 periods for 支出型, none for 医疗救助 and 急难 (its file's due date is the grant's).
 */
import type { ApplicationStatus } from '../vocabulary/applicationStatuses';
import { deadlineKeyTerms, type DeadlineKey, type DeadlineState } from '../vocabulary/deadlines';
import { addCalendarDays, calendarDaysBetween, compareDates, type IsoDate } from './dates';
import { programmePathOf, publicNoticeRule } from './programmes';
import { addWorkingDays, isHolidayCalendarKnown, workingDaysBetween } from './workingDays';

export interface DeadlineInput {
  /** 'dibao' | 'tekun' | 'dibaoEdge' | …: with `emergency`, it chooses the path and so the periods. */
  type: string;
  /** 临时救助 of the 急难 kind. */
  emergency?: boolean;
  status: ApplicationStatus;
  /** 受理 */
  acceptedOn?: IsoDate;
  /** 启动调查 */
  investigationStartedOn?: IsoDate;
  /** 公示开始 */
  publicNoticeStart?: IsoDate;
  /** 报县 (the county receives the file) */
  sentToCountyOn?: IsoDate;
  /** 特殊情况延期: 45 instead of 30 working days (B1). */
  extended?: boolean;
}

// The deadlines' and their states' names are the vocabulary's (shared/vocabulary/deadlines.ts).
export type { DeadlineKey, DeadlineState };

export interface Deadline {
  key: DeadlineKey;
  label: string;
  due: IsoDate;
  state: DeadlineState;
  /**
   * Days from today to `due` in `unit`: 0 on the due date, at most -1 once overdue, 0 when done.
   * Working days for every deadline except the 公示, which runs in calendar days.
   */
  daysLeft: number;
  unit: 'workingDays' | 'calendarDays';
  /** True when `due` or today lies past the holiday calendar: working days were counted as Mon–Fri. */
  estimated: boolean;
}

/** A deadline's name, as the label begins with it. */
const name = (key: DeadlineKey): string => deadlineKeyTerms[key].zh;

/** `near` = this many days or fewer left. */
export const NEAR_DAYS = 2;

/** B1 step 5 and B2: the 公示 lasts 7 days. */
const PUBLIC_NOTICE_DAYS = 7;

/**
 * Last day of a 7-day 公示. The start day is not counted (民法典 第二百零一条: a period counted in
 * days starts the next day), so a notice posted on 03-02 runs 03-03…03-09: the village always gets
 * seven full days. Holidays do not stop a notice on a village board, so nothing is added for them.
 */
export function publicNoticeEndDate(start: IsoDate): IsoDate {
  return addCalendarDays(start, PUBLIC_NOTICE_DAYS);
}

/** The notice may be closed and the file sent to the county from the day after it ends. */
export function canClosePublicNotice(start: IsoDate, today: IsoDate): boolean {
  return compareDates(today, publicNoticeEndDate(start)) > 0;
}

const pathOrder: readonly ApplicationStatus[] = [
  'accepted',
  'investigating',
  'preliminaryReviewed',
  'publicNotice',
  'pendingConfirmation',
];
const decided: readonly ApplicationStatus[] = ['approved', 'refused'];

/** Whether the application has got at least as far as `status` (a decision is past everything). */
function reached(current: ApplicationStatus, status: ApplicationStatus): boolean {
  if (decided.includes(current)) return true;
  const at = pathOrder.indexOf(current);
  return at >= 0 && at >= pathOrder.indexOf(status);
}

export function applicationDeadlines(input: DeadlineInput, today: IsoDate): Deadline[] {
  // Nothing is owed before 受理, nor on a withdrawn application.
  if (!reached(input.status, 'accepted')) return [];
  const path = programmePathOf(input);
  const periods = path.deadlines;
  const isDecided = decided.includes(input.status);
  const deadlines: Deadline[] = [];

  if (input.acceptedOn !== undefined) {
    if (periods.townshipOpinion !== undefined) {
      deadlines.push(
        working(
          'startInvestigation',
          `乡镇调查核实并提出初审意见（受理后${periods.townshipOpinion}个工作日内）`,
          addWorkingDays(input.acceptedOn, periods.townshipOpinion),
          // After an objection the status is back at 调查中, but the first 初审 was given in time.
          reached(input.status, 'preliminaryReviewed') || input.publicNoticeStart !== undefined,
          today,
        ),
      );
    } else if (periods.investigationStarts !== undefined) {
      deadlines.push(
        working(
          'startInvestigation',
          `${name('startInvestigation')}（受理后${periods.investigationStarts}个工作日内）`,
          addWorkingDays(input.acceptedOn, periods.investigationStarts),
          input.investigationStartedOn !== undefined || reached(input.status, 'investigating'),
          today,
        ),
      );
    }
  }

  // After an objection the case is back under investigation: the old notice no longer counts.
  if (publicNoticeRule(path) !== 'none' && input.publicNoticeStart !== undefined && reached(input.status, 'publicNotice')) {
    deadlines.push(
      withState(
        {
          key: 'publicNoticeEnds',
          label: `${name('publicNoticeEnds')}（${PUBLIC_NOTICE_DAYS}天）`,
          due: publicNoticeEndDate(input.publicNoticeStart),
          unit: 'calendarDays',
          estimated: false,
        },
        input.status !== 'publicNotice',
        calendarDaysBetween(today, publicNoticeEndDate(input.publicNoticeStart)),
        today,
      ),
    );
  }

  if (periods.countyDecision !== undefined && input.sentToCountyOn !== undefined && reached(input.status, 'pendingConfirmation')) {
    const days = periods.countyDecision;
    deadlines.push(
      working(
        'countyDecision',
        `${name('countyDecision')}（收到材料后${days}个工作日内）`,
        addWorkingDays(input.sentToCountyOn, days),
        isDecided,
        today,
      ),
    );
  }

  if (periods.wholePath !== undefined && input.acceptedOn !== undefined) {
    const days = input.extended ? periods.wholePath.extended : periods.wholePath.normal;
    deadlines.push(
      working(
        'wholePath',
        input.extended ? `${name('wholePath')}（特殊情况延长至受理后${days}个工作日内）` : `${name('wholePath')}（受理后${days}个工作日内）`,
        addWorkingDays(input.acceptedOn, days),
        isDecided,
        today,
      ),
    );
  }
  return deadlines;
}

function working(key: DeadlineKey, label: string, due: IsoDate, done: boolean, today: IsoDate): Deadline {
  const estimated = !isHolidayCalendarKnown(due) || !isHolidayCalendarKnown(today);
  return withState(
    { key, label, due, unit: 'workingDays', estimated },
    done,
    workingDaysBetween(today, due),
    today,
  );
}

function withState(
  base: Omit<Deadline, 'state' | 'daysLeft'>,
  done: boolean,
  daysLeft: number,
  today: IsoDate,
): Deadline {
  if (done) return { ...base, state: 'done', daysLeft: 0 };
  if (compareDates(today, base.due) > 0) {
    // Past a Friday deadline on a Saturday no working day has gone by, yet it is overdue.
    return { ...base, state: 'overdue', daysLeft: Math.min(-1, daysLeft) };
  }
  return { ...base, state: daysLeft <= NEAR_DAYS ? 'near' : 'ok', daysLeft };
}

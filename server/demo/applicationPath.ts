/**
 * The steps a demo application has taken to reach its status, their dates, and the history
 * entries they leave — each step by the role the status machine gives it, so replaying the
 * history through `transition` (shared/rules/applicationStatus.ts) arrives at the status.
 */
import { transition, type ApplicationAction, type ApplicationStatus } from '../../shared/rules/applicationStatus';
import { addCalendarDays, compareDates, type IsoDate } from '../../shared/rules/dates';
import type { ApplicationHistoryEntry } from '../../shared/schemas/application';
import type { PathChoice } from '../../shared/rules/programmes/index';
import { addWorkingDays } from '../../shared/rules/workingDays';
import { chinaTimeOn, type DemoClock } from './demoClock';
import type { DemoStaff } from './demoTeam';
import type { Random } from './random';

const TO_COUNTY: readonly ApplicationAction[] = ['submit', 'accept', 'startInvestigation', 'preliminaryReview', 'startPublicNotice', 'sendToCounty'];

/** The steps behind each status, in order. */
export const stepsTo: Record<ApplicationStatus, readonly ApplicationAction[]> = {
  draft: [],
  submitted: ['submit'],
  returned: ['submit', 'return'],
  accepted: TO_COUNTY.slice(0, 2),
  investigating: TO_COUNTY.slice(0, 3),
  preliminaryReviewed: TO_COUNTY.slice(0, 4),
  publicNotice: TO_COUNTY.slice(0, 5),
  pendingConfirmation: TO_COUNTY,
  approved: [...TO_COUNTY, 'approve'],
  refused: [...TO_COUNTY, 'refuse'],
  withdrawn: ['submit', 'accept', 'withdraw'],
};

/** Working days from the step before to this one, as a township station keeps pace. */
const workingDaysBefore: Partial<Record<ApplicationAction, number>> = {
  accept: 1,
  return: 2,
  startInvestigation: 1,
  preliminaryReview: 6,
  startPublicNotice: 1,
  approve: 4,
  refuse: 4,
  withdraw: 3,
};

function after(action: ApplicationAction, previous: IsoDate): IsoDate {
  // The file goes to the county the first working day after the 7-day 公示 has run.
  if (action === 'sendToCounty') return addWorkingDays(addCalendarDays(previous, 7), 1);
  return addWorkingDays(previous, workingDaysBefore[action] ?? 1);
}

function before(action: ApplicationAction, next: IsoDate): IsoDate {
  if (action === 'sendToCounty') return addWorkingDays(addCalendarDays(next, -7), -1);
  return addWorkingDays(next, -(workingDaysBefore[action] ?? 1));
}

/**
 * The date of every step, given the date of one of them (`anchor`): the steps before it are
 * counted back, those after it forward. Throws if a step would fall after today.
 */
export function stepDates(steps: readonly ApplicationAction[], anchor: ApplicationAction, on: IsoDate, today: IsoDate): IsoDate[] {
  const at = steps.indexOf(anchor);
  if (at < 0) throw new Error(`demo: ${anchor} is not among the steps ${steps.join(',')}`);
  const dates: IsoDate[] = [];
  dates[at] = on;
  for (let i = at - 1; i >= 0; i--) dates[i] = before(steps[i + 1]!, dates[i + 1]!);
  for (let i = at + 1; i < steps.length; i++) dates[i] = after(steps[i]!, dates[i - 1]!);
  const late = dates.find((date) => compareDates(date, today) > 0);
  if (late) throw new Error(`demo: a step on ${late} would be after today (${today})`);
  return dates;
}

export interface Actors {
  /** Who took the application: the village assistant or the township's window. */
  intake: DemoStaff;
  township: DemoStaff;
  county: DemoStaff;
}

/** Who takes a step: the county decides, the intake submits and withdraws, the township does the rest. */
export function actorOf(action: ApplicationAction, actors: Actors): DemoStaff {
  if (action === 'approve' || action === 'refuse') return actors.county;
  if (action === 'submit' || action === 'withdraw') return actors.intake;
  return actors.township;
}

const NOTES: Partial<Record<ApplicationAction, readonly string[]>> = {
  return: ['材料不全，请补齐后重新提交'],
  preliminaryReview: ['经入户调查，家庭收入低于当地标准，同意上报', '调查属实，建议纳入'],
  withdraw: ['申请人家庭情况好转，主动撤回申请', '申请人外出务工，申请撤回'],
  refuse: ['经信息核对，家庭存款超过规定标准'],
};

/** The history the steps leave on the application's path, each entry at a plausible office hour on its day. */
export function historyOf(
  random: Random,
  steps: readonly ApplicationAction[],
  dates: readonly IsoDate[],
  actors: Actors,
  clock: DemoClock,
  newId: () => string,
  path: PathChoice,
): ApplicationHistoryEntry[] {
  let status: ApplicationStatus = 'draft';
  let minutes = 0;
  const entries = steps.map((action, i) => {
    const by = actorOf(action, actors);
    const moved = transition(status, action, by.role, path);
    if (!moved.ok) throw new Error(`demo: ${moved.message}`);
    // Two steps on one day are an hour or more apart, in order.
    minutes = i > 0 && dates[i] === dates[i - 1] ? minutes + random.int(60, 90) : random.int(8 * 60 + 30, 11 * 60);
    const notes = NOTES[action];
    const entry: ApplicationHistoryEntry = {
      id: newId(),
      action,
      from: status,
      to: moved.to,
      at: chinaTimeOn(clock, dates[i]!, minutes),
      byUserId: by.id,
      byName: by.name,
      role: by.role,
      ...(notes ? { note: random.pick(notes) } : {}),
    };
    status = moved.to;
    return entry;
  });
  // Steps taken today are held back to before `now`: keep each a minute before the next.
  for (let i = entries.length - 2; i >= 0; i--) {
    entries[i]!.at = Math.min(entries[i]!.at, entries[i + 1]!.at - MINUTE_MS);
  }
  return entries;
}

const MINUTE_MS = 60_000;

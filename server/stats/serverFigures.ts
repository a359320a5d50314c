import { applicationStatuses, type ApplicationStatus } from '../../shared/rules/applicationStatus';
import { addMonths, daysInMonth, type IsoDate } from '../../shared/rules/dates';
import { deadlineInputOf } from '../../shared/rules/deadlineInput';
import { applicationDeadlines } from '../../shared/rules/deadlines';
import { applicationTypes, type Application, type ApplicationType } from '../../shared/schemas/application';
import { needCategories, type NeedCategory } from '../../shared/schemas/visit';
import {
  ageBands,
  areaLevelLength,
  dashboardCircles,
  dashboardGroups,
  type DashboardFigures,
  type Headcount,
} from '../../shared/stats/figures';
import type { Database, Queryable } from '../db/database';
import {
  applicationMonths,
  applicationsByTypeAndStatus,
  householdFigures,
  openApplicationDeadlineInputs,
  openCareNeedsByCategory,
  visitFigures,
  type FigureParams,
  type HouseholdFigureRow,
} from './dashboardQueries';

/**
 * Statuses in which a deadline can still be near or overdue: from 受理 up to the county's
 * decision. Before 受理 nothing is owed; a decided or withdrawn application has every deadline
 * done (shared/rules/deadlines.ts).
 */
export const statusesWithOpenDeadlines: readonly ApplicationStatus[] = [
  'accepted',
  'investigating',
  'preliminaryReviewed',
  'publicNotice',
  'pendingConfirmation',
];

const counted = <K extends string>(keys: readonly K[], rows: { key: string; count: number }[]): Record<K, number> => {
  const byKey = new Map(rows.map((row) => [row.key, row.count]));
  return Object.fromEntries(keys.map((key) => [key, byKey.get(key) ?? 0])) as Record<K, number>;
};

const headcounts = <K extends string>(keys: readonly K[], rows: HouseholdFigureRow[]): Record<K, Headcount> => {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return Object.fromEntries(
    keys.map((key) => [key, { households: byKey.get(key)?.households ?? 0, people: byKey.get(key)?.people ?? 0 }]),
  ) as Record<K, Headcount>;
};

/** Whether each open application has a deadline overdue, or else one near (`dashboardFigures`' rule). */
export function deadlineStates(inputs: readonly Record<string, unknown>[], today: IsoDate): { near: number; overdue: number } {
  let near = 0;
  let overdue = 0;
  for (const input of inputs) {
    const states = applicationDeadlines(deadlineInputOf(input as unknown as Application), today).map((d) => d.state);
    if (states.includes('overdue')) overdue += 1;
    else if (states.includes('near')) near += 1;
  }
  return { near, overdue };
}

/**
 * The dashboard's figures for an area prefix, from SQL aggregates (dashboardQueries.ts), in the
 * shape `dashboardFigures` gives, so the app shows them the same way. Read in one repeatable-read
 * transaction, so a push arriving meanwhile is counted everywhere or nowhere.
 */
export async function serverFigures(db: Database, prefix: string, today: IsoDate): Promise<DashboardFigures> {
  const month = today.slice(0, 7);
  const monthStart = `${month}-01`;
  const monthEnd = `${month}-${String(daysInMonth(Number(today.slice(0, 4)), Number(today.slice(5, 7)))).padStart(2, '0')}`;
  const params: FigureParams = { pattern: `${prefix}%`, today };

  return db.transaction(async (tx: Queryable) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // PGlite runs no autovacuum, so its tables may never have statistics; the planner then
    // guesses one row per CTE and joins households to visits in a nested loop (15 s for a
    // county's 6,000 households instead of 0.3 s). Joins here are always large-to-large.
    await tx.query('SET LOCAL enable_nestloop = off');
    const householdRows = await householdFigures(tx, params, areaLevelLength(prefix), dashboardGroups);
    const of = (dimension: HouseholdFigureRow['dimension']) => householdRows.filter((row) => row.dimension === dimension);
    const areas = of('area');
    const ageRows = of('age').map((row) => ({ key: row.key, count: row.people }));
    const typeStatus = await applicationsByTypeAndStatus(tx, params);
    const months = await applicationMonths(tx, params);
    const open = await openApplicationDeadlineInputs(tx, params.pattern, statusesWithOpenDeadlines);
    const visits = await visitFigures(tx, params, monthStart, monthEnd);
    const careRows = await openCareNeedsByCategory(tx, params);

    const ageCounts = counted(ageBands, ageRows);
    const byType = Object.fromEntries(applicationTypes.map((type) => [type, 0])) as Record<ApplicationType, number>;
    const byStatus = Object.fromEntries(applicationStatuses.map((status) => [status, 0])) as Record<ApplicationStatus, number>;
    let total = 0;
    for (const row of typeStatus) {
      total += row.count;
      if (Object.hasOwn(byType, row.type)) byType[row.type as ApplicationType] += row.count;
      if (Object.hasOwn(byStatus, row.status)) byStatus[row.status as ApplicationStatus] += row.count;
    }
    const deadlines = deadlineStates(open.map((row) => row.input), today);
    const byMonth = new Map(months.map((row) => [row.month, row]));
    const trend = Array.from({ length: 12 }, (_, i) => addMonths(monthStart, i - 11).slice(0, 7)).map((m) => ({
      month: m,
      created: byMonth.get(m)?.created ?? 0,
      approved: byMonth.get(m)?.approved ?? 0,
    }));
    const byCategory = counted<NeedCategory>(needCategories, careRows);

    return {
      today,
      scope: prefix,
      totals: {
        households: areas.reduce((sum, area) => sum + area.households, 0),
        people: areas.reduce((sum, area) => sum + area.people, 0),
      },
      byGroup: headcounts(dashboardGroups, of('group')),
      byCircle: headcounts(dashboardCircles, of('circle')),
      ages: { ...ageCounts, age60plus: ageCounts.age60to79 + ageCounts.age80plus },
      byArea: areas
        .map((area) => ({ code: area.key, households: area.households, people: area.people }))
        .sort((a, b) => a.code.localeCompare(b.code)),
      applications: { total, byType, byStatus, deadlinesNear: deadlines.near, deadlinesOverdue: deadlines.overdue },
      visits: {
        month,
        required: visits.required,
        requiredVisited: visits.requiredVisited,
        visitsThisMonth: visits.visitsThisMonth,
        householdsVisited: visits.householdsVisited,
      },
      careNeeds: { open: careRows.reduce((sum, row) => sum + row.count, 0), byCategory },
      trend,
    };
  });
}


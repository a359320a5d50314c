import { z } from 'zod';
import { applicationStatuses } from '../vocabulary/applicationStatuses';
import { applicationTypes } from '../vocabulary/applicationTypes';
import type { HouseholdCategory } from '../vocabulary/householdCategories';
import { needCategories } from '../vocabulary/visits';

/**
 * 统计 — the dashboard's figures (`GET /api/v1/stats/dashboard` answers `{figures}`), computed by
 * `dashboardFigures` (shared/stats/figures.ts) on the laptop and by the server's SQL aggregates.
 */

/** The four core groups of 4+N (特困, 低保, 低保边缘, 刚性支出困难). */
export const dashboardGroups = ['tekun', 'dibao', 'dibaoEdge', 'rigidExpenditure'] as const satisfies readonly HouseholdCategory[];
export type DashboardGroup = (typeof dashboardGroups)[number];

/** 圈层; `none` = no group recorded. */
export const dashboardCircles = ['core', 'middle', 'outer', 'none'] as const;
export type DashboardCircle = (typeof dashboardCircles)[number];

/** Age bands in completed years: 0–15, 16–59, 60–79, 80 and over. */
export const ageBands = ['under16', 'age16to59', 'age60to79', 'age80plus'] as const;
export type AgeBand = (typeof ageBands)[number];

const count = z.number().int().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const yearMonth = z.string().regex(/^\d{4}-\d{2}$/);

export const headcountSchema = z.object({
  households: count,
  /** Living members (no 死亡日期 on or before today). */
  people: count,
});
export type Headcount = z.infer<typeof headcountSchema>;

export const areaFigureSchema = headcountSchema.extend({
  /** Natural-length code of the area one level below the scope (a village for a township scope). */
  code: z.string(),
});
export type AreaFigure = z.infer<typeof areaFigureSchema>;

export const monthTrendSchema = z.object({
  /** 'YYYY-MM' */
  month: yearMonth,
  /** Applications created in the month. */
  created: count,
  /** 审核确认 (approve) steps taken in the month. */
  approved: count,
});
export type MonthTrend = z.infer<typeof monthTrendSchema>;

const ageShape = Object.fromEntries(ageBands.map((band) => [band, count])) as Record<AgeBand, typeof count>;

export const dashboardFiguresSchema = z.object({
  today: isoDate,
  /** The area prefix the figures cover ('' = everything). */
  scope: z.string(),
  totals: headcountSchema,
  byGroup: z.record(z.enum(dashboardGroups), headcountSchema),
  byCircle: z.record(z.enum(dashboardCircles), headcountSchema),
  /** Living members by age band; `under16` and `age60plus` are the 特困-relevant totals. */
  ages: z.object({ ...ageShape, age60plus: count }),
  byArea: z.array(areaFigureSchema),
  applications: z.object({
    total: count,
    byType: z.record(z.enum(applicationTypes), count),
    byStatus: z.record(z.enum(applicationStatuses), count),
    /** Applications with an open deadline due within `NEAR_DAYS` (and none overdue). */
    deadlinesNear: count,
    /** Applications with at least one overdue deadline. */
    deadlinesOverdue: count,
  }),
  visits: z.object({
    /** 'YYYY-MM' of today. */
    month: yearMonth,
    /** Households in a 4+N group whose review visit (B1 art. 31) falls due by the end of this month. */
    required: count,
    /** Of those, how many were visited this month. */
    requiredVisited: count,
    /** Every visit dated this month up to today. */
    visitsThisMonth: count,
    /** Households with at least one visit this month. */
    householdsVisited: count,
  }),
  careNeeds: z.object({ open: count, byCategory: z.record(z.enum(needCategories), count) }),
  /** The last 12 months, oldest first, ending with this month. */
  trend: z.array(monthTrendSchema),
});
export type DashboardFigures = z.infer<typeof dashboardFiguresSchema>;

/** `GET /api/v1/stats/dashboard?areaPrefix=`. */
export const dashboardAnswerSchema = z.object({ figures: dashboardFiguresSchema });
export type DashboardAnswer = z.infer<typeof dashboardAnswerSchema>;

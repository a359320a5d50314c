/**
 * The dashboard's figures as SQL aggregates over the jsonb documents, so a county or the city
 * never loads its records into the server process. Each query mirrors one part of
 * `dashboardFigures` (shared/stats/figures.ts) rule for rule; tests/server/stats.test.ts checks
 * that both give the same answer for the same documents on PGlite and PostgreSQL (same SQL).
 *
 * Dates: documents hold civil dates as 'YYYY-MM-DD' and instants as epoch millis. An instant's
 * date in China is computed by integer arithmetic (UTC+8, no daylight saving) rather than with
 * time zones, which PGlite may lack. Ages are whole years counted from the date strings exactly
 * as `ageOn` counts them; `date + interval 'n months'` clamps to the month's last day as
 * `addMonths` does (08-31 + 6 months = 02-28).
 */
import { deadlineInputFields } from '../../shared/rules/deadlineInput';
import type { Queryable } from '../db/database';

/** Parameters every query takes: $1 the area prefix pattern, $2 today ('YYYY-MM-DD'). */
export interface FigureParams {
  pattern: string;
  today: string;
}

/** An epoch-millis jsonb field as its date in China (`chinaDateOf`): whole days since 1970 after adding 8 h. */
const chinaDate = (millis: string) => `(date '1970-01-01' + floor(((${millis})::numeric + 28800000) / 86400000)::int)`;

/** Completed years between a 'YYYY-MM-DD' jsonb text and $2, the birthday itself counting (`ageOn`). */
const ageSql = (birth: string) => `(
  (substr($2::text, 1, 4)::int - substr(${birth}, 1, 4)::int)
  - CASE WHEN substr($2::text, 6, 2)::int * 100 + substr($2::text, 9, 2)::int
            >= substr(${birth}, 6, 2)::int * 100 + substr(${birth}, 9, 2)::int THEN 0 ELSE 1 END)`;

/** A member not dead on or before today (`isLiving`). */
const livingSql = (member: string) => `(${member}->>'deceasedOn' IS NULL OR (${member}->>'deceasedOn')::date > $2::text::date)`;

/** The scope's households that count: not deleted, not archived (as the household list). */
const householdsCte = `
  hh AS (
    SELECT id, area_code, data,
           COALESCE(data->'categories', '[]'::jsonb) AS cats,
           (SELECT count(*) FROM jsonb_array_elements(data->'members') AS m(value) WHERE ${livingSql('m.value')})::int AS people
      FROM documents
     WHERE collection = 'households' AND NOT deleted AND area_code LIKE $1 AND NOT (data ? 'archived')
  )`;

export interface HouseholdFigureRow {
  dimension: 'area' | 'group' | 'circle' | 'age';
  key: string;
  /** Households counted (0 for age bands, which count people). */
  households: number;
  /** Living people. */
  people: number;
}

/**
 * In one read of the scope's households: households and living people by area one level below
 * the scope ($3 = prefix length), by each 4+N group ($4; a household may be in several), by 圈层
 * as `circleOf` decides it ('none' when no group is recorded), and living people by age band
 * (`ageBandOf`; a birth date after today counts as age 0).
 */
export function householdFigures(
  db: Queryable,
  params: FigureParams,
  areaLength: number,
  groups: readonly string[],
): Promise<HouseholdFigureRow[]> {
  return db.query<HouseholdFigureRow>(
    `WITH ${householdsCte},
     ages AS (
       SELECT ${ageSql("m.value->>'birthDate'")} AS age
         FROM hh CROSS JOIN LATERAL jsonb_array_elements(hh.data->'members') AS m(value)
        WHERE ${livingSql('m.value')}
     )
     SELECT 'area' AS dimension, substr(area_code, 1, $3) AS key,
            count(*)::int AS households, COALESCE(sum(people), 0)::int AS people
       FROM hh GROUP BY 2
     UNION ALL
     SELECT 'group', g.name, count(*)::int, COALESCE(sum(hh.people), 0)::int
       FROM hh JOIN unnest($4::text[]) AS g(name) ON hh.cats ? g.name
      GROUP BY g.name
     UNION ALL
     SELECT 'circle',
            CASE WHEN cats ? 'tekun' OR cats ? 'dibao' THEN 'core'
                 WHEN cats ? 'dibaoEdge' OR cats ? 'rigidExpenditure' THEN 'middle'
                 WHEN jsonb_array_length(cats) > 0 THEN 'outer'
                 ELSE 'none' END,
            count(*)::int, COALESCE(sum(people), 0)::int
       FROM hh GROUP BY 2
     UNION ALL
     SELECT 'age',
            CASE WHEN age < 16 THEN 'under16' WHEN age < 60 THEN 'age16to59'
                 WHEN age < 80 THEN 'age60to79' ELSE 'age80plus' END,
            0, count(*)::int
       FROM ages GROUP BY 2`,
    [params.pattern, params.today, areaLength, [...groups]],
  );
}

/** Applications by type and status. */
export function applicationsByTypeAndStatus(
  db: Queryable,
  params: FigureParams,
): Promise<{ type: string; status: string; count: number }[]> {
  return db.query(
    `SELECT data->>'type' AS type, data->>'status' AS status, count(*)::int AS count
       FROM documents WHERE collection = 'applications' AND NOT deleted AND area_code LIKE $1
      GROUP BY 1, 2`,
    [params.pattern],
  );
}

/** Applications created, and 审核确认 steps taken, by month ('YYYY-MM', China time). */
export function applicationMonths(
  db: Queryable,
  params: FigureParams,
): Promise<{ month: string; created: number; approved: number }[]> {
  return db.query(
    `WITH apps AS (
       SELECT data FROM documents WHERE collection = 'applications' AND NOT deleted AND area_code LIKE $1
     ),
     events AS (
       SELECT to_char(${chinaDate("data->>'createdAt'")}, 'YYYY-MM') AS month, 1 AS created, 0 AS approved FROM apps
       UNION ALL
       SELECT to_char(${chinaDate("h.value->>'at'")}, 'YYYY-MM'), 0, 1
         FROM apps CROSS JOIN LATERAL jsonb_array_elements(apps.data->'history') AS h(value)
        WHERE h.value->>'action' = 'approve'
     )
     SELECT month, sum(created)::int AS created, sum(approved)::int AS approved FROM events GROUP BY month`,
    [params.pattern],
  );
}

/** `'type', data->'type', …` for each of `deadlineInputFields` (constant names, never input). */
const DEADLINE_INPUT_SELECTION = deadlineInputFields.map((field) => `'${field}', data->'${field}'`).join(', ');

/**
 * Only the fields `deadlineInputOf` reads (`deadlineInputFields`), of the applications in the statuses ($2) where a
 * deadline can still be near or overdue. The deadlines themselves need the working-day calendar
 * (China's holidays and 调休), which lives in shared/rules: they are computed in JS over this
 * narrow selection rather than re-implemented in SQL.
 */
export function openApplicationDeadlineInputs(
  db: Queryable,
  pattern: string,
  statuses: readonly string[],
): Promise<{ areaCode: string; input: Record<string, unknown> }[]> {
  return db.query(
    `SELECT area_code AS "areaCode",
            jsonb_strip_nulls(jsonb_build_object(${DEADLINE_INPUT_SELECTION})) AS input
       FROM documents
      WHERE collection = 'applications' AND NOT deleted AND area_code LIKE $1 AND data->>'status' = ANY($2::text[])`,
    [pattern, [...statuses]],
  );
}

export interface VisitRow {
  visitsThisMonth: number;
  householdsVisited: number;
  required: number;
  requiredVisited: number;
}

/**
 * This month's home visits against the review schedule (动态管理, `nextReview`): a 低保 or 特困
 * household (`reviewRhythmOf`) is due by the earliest of — its enrolment date if never visited before this month,
 * else its last visit + 6 months (低保 with irregular income or a living member able to work) or + 12;
 * and each death after that last visit, on or before today, + 3 months. $3 = first day of the
 * month, $4 = its last day.
 */
export async function visitFigures(db: Queryable, params: FigureParams, monthStart: string, monthEnd: string): Promise<VisitRow> {
  const rows = await db.query<VisitRow>(
    `WITH ${householdsCte},
     v AS (
       SELECT data->>'householdId' AS household_id, (data->>'visitDate')::date AS visit_date
         FROM documents WHERE collection = 'visits' AND NOT deleted AND area_code LIKE $1
     ),
     by_household AS (
       SELECT household_id,
              bool_or(visit_date BETWEEN $3::date AND $2::text::date) AS visited,
              max(visit_date) FILTER (WHERE visit_date < $3::date) AS last_visit
         FROM v GROUP BY household_id
     ),
     per_household AS (
       SELECT hh.id, hh.cats,
              COALESCE(b.visited, false) AS visited,
              b.last_visit,
              ${chinaDate("hh.data->>'createdAt'")} AS enrolled_on,
              (hh.data->'irregularIncome' = 'true'::jsonb
                OR EXISTS (SELECT 1 FROM jsonb_array_elements(hh.data->'members') AS m(value)
                            WHERE ${livingSql('m.value')}
                              AND m.value->>'labourAbility' IN ('full', 'partial')
                              AND ${ageSql("m.value->>'birthDate'")} BETWEEN 16 AND 59))
                AND hh.cats @> '["dibao"]'::jsonb AS half_yearly,
              hh.data->'members' AS members
         FROM hh LEFT JOIN by_household AS b ON b.household_id = hh.id
     ),
     due AS (
       SELECT p.visited, (p.cats @> '["dibao"]'::jsonb OR p.cats @> '["tekun"]'::jsonb) AS in_group,
              LEAST(
                CASE WHEN p.last_visit IS NULL THEN p.enrolled_on
                     ELSE (p.last_visit + CASE WHEN p.half_yearly THEN interval '6 months' ELSE interval '12 months' END)::date END,
                (SELECT min(((m.value->>'deceasedOn')::date + interval '3 months')::date)
                   FROM jsonb_array_elements(p.members) AS m(value)
                  WHERE m.value->>'deceasedOn' IS NOT NULL
                    AND (p.last_visit IS NULL OR (m.value->>'deceasedOn')::date > p.last_visit)
                    AND (m.value->>'deceasedOn')::date <= $2::text::date)
              ) AS due_on
         FROM per_household p
     )
     SELECT (SELECT count(*) FROM v WHERE visit_date BETWEEN $3::date AND $2::text::date)::int AS "visitsThisMonth",
            (SELECT count(*) FROM due WHERE visited)::int AS "householdsVisited",
            (SELECT count(*) FROM due WHERE in_group AND due_on <= $4::date)::int AS required,
            (SELECT count(*) FROM due WHERE in_group AND due_on <= $4::date AND visited)::int AS "requiredVisited"`,
    [params.pattern, params.today, monthStart, monthEnd],
  );
  return rows[0]!;
}

/** Open care needs by category. */
export function openCareNeedsByCategory(db: Queryable, params: FigureParams): Promise<{ key: string; count: number }[]> {
  return db.query(
    `SELECT data->>'category' AS key, count(*)::int AS count
       FROM documents
      WHERE collection = 'careNeeds' AND NOT deleted AND area_code LIKE $1 AND data->>'state' = 'open'
      GROUP BY 1`,
    [params.pattern],
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { villagesIn } from '../../shared/areas';
import type { Role } from '../../shared/auth/roles';
import { chinaToday } from '../../shared/domain/chinaTime';
import { addCalendarDays, isIsoDate } from '../../shared/rules/dates';
import { deadlineInputOf } from '../../shared/rules/deadlineInput';
import type { Application } from '../../shared/schemas/application';
import { DEFAULT_STALE_DAYS, endOfDayReport, MAX_STALE_DAYS, townshipWaitingStatuses } from '../../shared/stats/endOfDay';
import type { EndOfDayAnswer, EndOfDayReport } from '../../shared/wire/endOfDay';
import { actor, recordAudit } from '../audit/auditLog';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate, requireRole } from '../auth/caller';
import { narrowScope } from '../auth/scopeFilter';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { openApplicationDeadlineInputs } from '../stats/dashboardQueries';
import { assistantsLastSeen, receivedByVillage } from './endOfDayQueries';

/** The township station and the levels above it; a village assistant or a social worker has no such report. */
const reportRoles: readonly Role[] = ['township', 'county', 'city', 'admin'];

const reportQuery = z.strictObject({
  date: z.string().optional(),
  staleDays: z.string().optional(),
  areaPrefix: z.string().max(12).optional(),
});

/** Midnight at the start of a China date, as an instant. */
const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

export async function buildEndOfDayReport(
  db: Database,
  options: { scope: string; date: string; staleDays: number; now?: number },
): Promise<EndOfDayReport> {
  const pattern = `${options.scope}%`;
  const now = options.now ?? Date.now();
  const [received, waiting, assistants] = [
    await receivedByVillage(db, pattern, chinaMidnight(options.date), chinaMidnight(addCalendarDays(options.date, 1))),
    await openApplicationDeadlineInputs(db, pattern, townshipWaitingStatuses),
    await assistantsLastSeen(db, pattern),
  ];
  return endOfDayReport(
    {
      villageCodes: villagesIn(options.scope).map((area) => area.code),
      received,
      waiting: waiting.map((row) => ({ code: row.areaCode, deadlineInput: deadlineInputOf(row.input as unknown as Application) })),
      assistants,
    },
    { date: options.date, scope: options.scope, staleDays: options.staleDays, now },
  );
}

/**
 * `GET /api/v1/reports/end-of-day?date=YYYY-MM-DD&staleDays=N&areaPrefix=` — the end-of-day
 * report (今日汇总) for the caller's area or a narrower one in it. `date` defaults to today in
 * China, `staleDays` to 3.
 */
export function registerReportRoutes(app: FastifyInstance, deps: { db: Database; tokenKeys: TokenKeys }): void {
  const { db, tokenKeys } = deps;
  app.get('/api/v1/reports/end-of-day', async (request): Promise<EndOfDayAnswer> => {
    const caller = await authenticate(request, db, tokenKeys);
    requireRole(caller, reportRoles);
    const query = reportQuery.safeParse(request.query);
    if (!query.success) throw new HttpError(400, 'bad_request', '查询参数无效（可用：日期、天数、地区）');
    const date = query.data.date ?? chinaToday();
    if (!isIsoDate(date)) throw new HttpError(400, 'bad_request', '日期应为“年-月-日”，如 2026-11-20', { field: 'date' });
    const staleText = query.data.staleDays ?? String(DEFAULT_STALE_DAYS);
    const staleDays = /^\d{1,2}$/.test(staleText) ? Number(staleText) : NaN;
    if (!(staleDays >= 1 && staleDays <= MAX_STALE_DAYS)) {
      throw new HttpError(400, 'bad_request', `未联网天数应为1到${MAX_STALE_DAYS}之间的整数`, { field: 'staleDays' });
    }
    const scope = narrowScope(caller, query.data.areaPrefix);
    const report = await buildEndOfDayReport(db, { scope, date, staleDays });
    await recordAudit(db, [
      { ...actor(caller), action: 'view', collection: 'reports', details: { report: 'endOfDay', areaPrefix: scope, date } },
    ]);
    return { report };
  });
}

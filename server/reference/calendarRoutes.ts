import type { FastifyInstance } from 'fastify';
import type { CalendarAnswer } from '../../shared/wire/calendar';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate } from '../auth/caller';
import type { Database } from '../db/database';
import { storedHolidayYears } from './referenceStore';

/**
 * `GET /api/v1/reference/calendar` — the holiday years imported on this server
 * (`reference import-holidays`), for the laptops' working-day deadlines. Any signed-in user:
 * the table is the State Council's public notice. Read from the database on each call, so what
 * every process answers is the same whatever moment each took the import.
 */
export function registerCalendarRoutes(app: FastifyInstance, deps: { db: Database; tokenKeys: TokenKeys }): void {
  const { db, tokenKeys } = deps;
  app.get('/api/v1/reference/calendar', async (request): Promise<CalendarAnswer> => {
    await authenticate(request, db, tokenKeys);
    return { years: await storedHolidayYears(db) };
  });
}

import type { FastifyInstance } from 'fastify';
import type { CalendarAnswer } from '../../shared/wire/calendar';
import { authenticate } from '../auth/caller';
import type { Database } from '../db/database';
import { storedHolidayYears } from './referenceStore';

/**
 * `GET /api/v1/reference/calendar` — the holiday years imported on this server
 * (`reference import-holidays`), for the laptops' working-day deadlines. Any signed-in user:
 * the table is the State Council's public notice. Read from the database on each call, so a
 * year imported while the server runs reaches the laptops at once (this process's own deadline
 * checks take it at its next start).
 */
export function registerCalendarRoutes(app: FastifyInstance, deps: { db: Database; secret: string }): void {
  const { db, secret } = deps;
  app.get('/api/v1/reference/calendar', async (request): Promise<CalendarAnswer> => {
    await authenticate(request, db, secret);
    return { years: await storedHolidayYears(db) };
  });
}

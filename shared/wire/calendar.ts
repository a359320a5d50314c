import { z } from 'zod';

const days = z.record(z.string(), z.string());

/**
 * `GET /api/v1/reference/calendar` — the holiday years the server was given beyond (or instead
 * of) the build's table, by year: `{years: {"2027": {holidays, workdays}}}`; empty when none.
 * The app checks them again with shared/rules/holidayTable.ts `parseHolidayYears` before use.
 */
export const calendarAnswerSchema = z.object({
  years: z.record(z.string(), z.object({ holidays: days, workdays: days })),
});

export type CalendarAnswer = z.infer<typeof calendarAnswerSchema>;

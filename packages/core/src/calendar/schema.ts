// The working-day calendar: public deadline arithmetic, and the State Council schedule per year.
import { z } from 'zod';
import { isoDateSchema, lineText } from '../shared/schema.ts';
import { importProblemSchema } from '../shared/import-problems.ts';

export const CALENDAR_MIN_YEAR = 1900;
export const CALENDAR_MAX_YEAR = 2999;
/** The longest span GET /api/calendar/workdays counts over: a public endpoint walks it day by day. */
export const CALENDAR_MAX_SPAN_DAYS = 3660;

const MIN_DATE = `${CALENDAR_MIN_YEAR}-01-01`;
const MAX_DATE = `${CALENDAR_MAX_YEAR}-12-31`;
/** A date the calendar answers for; the bounds keep results inside four-digit years. */
const calendarDateSchema = isoDateSchema.refine((d) => d >= MIN_DATE && d <= MAX_DATE);

export const calendarYearSchema = z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR);
export const calendarYearParamsSchema = z.strictObject({ year: calendarYearSchema });

export const dueDateQuerySchema = z.strictObject({
  from: calendarDateSchema,
  workdays: z.coerce.number().int().min(0).max(365),
});
export const dueDateResponseSchema = z.object({
  due: isoDateSchema,
  /** True when a year the count passed through has no loaded schedule (Monday–Friday was assumed). */
  provisional: z.boolean(),
});
export type DueDateResponse = z.infer<typeof dueDateResponseSchema>;

export const workdayCountQuerySchema = z
  .strictObject({ from: calendarDateSchema, to: calendarDateSchema })
  .refine((q) => q.to >= q.from, { path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= CALENDAR_MAX_SPAN_DAYS * 86_400_000, {
    path: ['to'],
  });
export const workdayCountResponseSchema = z.object({
  /** Working days d with from < d ≤ to. */
  count: z.number().int(),
  provisional: z.boolean(),
});
export type WorkdayCountResponse = z.infer<typeof workdayCountResponseSchema>;

export const scheduleDaySchema = z.strictObject({
  date: isoDateSchema,
  name: lineText().min(1).max(100),
});

/**
 * One year's schedule as the State Council's notice gives it: the days off, and the weekend days that are
 * worked (调休上班). Every date must lie in that year and appear once (checked with the year in hand).
 */
export const yearScheduleBodySchema = z.strictObject({
  holidays: z.array(scheduleDaySchema).min(1).max(366),
  workdays: z.array(scheduleDaySchema).max(366),
});
export type YearScheduleBody = z.infer<typeof yearScheduleBodySchema>;

/** `shipped` came with the system (chinese-days data); `form` and `import` an administrator set here. */
export const CALENDAR_SOURCES = ['shipped', 'form', 'import'] as const;
export const calendarSourceSchema = z.enum(CALENDAR_SOURCES);
export type CalendarSource = z.infer<typeof calendarSourceSchema>;

export const calendarYearSummarySchema = z.object({
  year: z.number().int(),
  holidayCount: z.number().int(),
  workdayCount: z.number().int(),
  /** `shipped` came with the system; `form` was typed and `import` uploaded here by an administrator. */
  source: calendarSourceSchema,
  updatedAt: z.string(),
});
export type CalendarYearSummary = z.infer<typeof calendarYearSummarySchema>;

export const calendarYearListSchema = z.object({ items: z.array(calendarYearSummarySchema) });
export type CalendarYearList = z.infer<typeof calendarYearListSchema>;

export const calendarYearDetailSchema = calendarYearSummarySchema.extend({
  holidays: z.array(scheduleDaySchema),
  workdays: z.array(scheduleDaySchema),
});
export type CalendarYearDetail = z.infer<typeof calendarYearDetailSchema>;

/** Row-by-row problems in an uploaded schedule file, returned in error.details.rows. */
export const calendarImportRowErrorSchema = z.object({
  row: z.number().int(),
  /** The problems in the request's language; `problems` are the codes the web app words itself. */
  message: z.string(),
  problems: z.array(importProblemSchema),
});
export type CalendarImportRowError = z.infer<typeof calendarImportRowErrorSchema>;

/** What the calendar does not know today: administrators are warned, deadlines say so in words. */
export const calendarStatusSchema = z.object({
  /** Today in China. */
  today: isoDateSchema,
  /** Years whose schedule should be loaded by today and is not (this year; next year from 1 November). */
  missingYears: z.array(z.number().int()),
});
export type CalendarStatus = z.infer<typeof calendarStatusSchema>;

// The working-day calendar: the schedules shipped with the system, an administrator's years, and the
// in-memory calendar that deadline arithmetic reads.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  AppError,
  addWorkingDays,
  buildWorkCalendar,
  countWorkingDays,
  findScheduleProblems,
  missingCalendarYears,
  yearScheduleBodySchema,
  describeImportProblems,
  type CalendarImportRowError,
  type ImportProblem,
  type Lang,
  type CalendarStatus,
  type CalendarYearDetail,
  type CalendarYearList,
  type DueDateResponse,
  type ScheduleProblem,
  type WorkCalendar,
  type WorkdayCountResponse,
  type YearScheduleBody,
} from '@bancheng/core';
import { clockOf, nowIsoOf, todayOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import type { Database } from '../../platform/db/database.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import {
  countCalendarDays,
  findCalendarYear,
  insertYearIfAbsent,
  listCalendarYears,
  loadYearSchedule,
  loadYearSchedules,
  replaceYear,
} from './calendar-repository.ts';
import { parseScheduleCsv } from './calendar-import.ts';

/** How stale another process's change may be seen here (several servers can share one PostgreSQL). */
export const CALENDAR_REFRESH_MS = 30_000;

const SHIPPED_FILE = path.join(import.meta.dirname, 'cn-schedule.json');

const shippedFileSchema = z.object({
  source: z.string(),
  licence: z.string(),
  generatedFrom: z.string(),
  years: z.record(z.string().regex(/^\d{4}$/), yearScheduleBodySchema),
});

function readShippedSchedules(): z.infer<typeof shippedFileSchema> {
  return shippedFileSchema.parse(JSON.parse(fs.readFileSync(SHIPPED_FILE, 'utf8')));
}

/**
 * Loads each shipped year that the database does not have yet. A year already there is never touched,
 * so an administrator's corrections survive upgrades. Returns the years added.
 */
export async function ensureShippedCalendar(ctx: AppContext): Promise<number[]> {
  const shipped = readShippedSchedules();
  const added: number[] = [];
  const now = nowIsoOf(ctx);
  await ctx.database.db.transaction().execute(async (trx) => {
    for (const [key, schedule] of Object.entries(shipped.years).sort(([a], [b]) => a.localeCompare(b))) {
      const year = Number(key);
      const problems = findScheduleProblems(year, schedule);
      if (problems.length > 0) throw new Error(`shipped calendar ${year}: ${JSON.stringify(problems)}`);
      const record = { year, source: 'shipped' as const, updatedAt: now, updatedBy: null };
      if (await insertYearIfAbsent(trx, record, schedule)) added.push(year);
    }
  });
  if (added.length > 0) invalidateCalendar(ctx);
  return added;
}

interface CachedCalendar {
  calendar: Promise<WorkCalendar>;
  loadedAt: number;
}
// One cache per open database, so each app (and each test app) has its own.
const caches = new WeakMap<Database, CachedCalendar>();

function invalidateCalendar(ctx: AppContext): void {
  caches.delete(ctx.database);
}

/** The calendar as loaded in the database, read at most every CALENDAR_REFRESH_MS or after a change here. */
export async function getWorkCalendar(ctx: AppContext): Promise<WorkCalendar> {
  const cached = caches.get(ctx.database);
  const now = clockOf(ctx).getTime();
  if (cached && now - cached.loadedAt < CALENDAR_REFRESH_MS) return cached.calendar;
  const entry: CachedCalendar = {
    loadedAt: now,
    calendar: loadYearSchedules(ctx.database.db).then(buildWorkCalendar),
  };
  caches.set(ctx.database, entry);
  // A failed read is not kept: the next request tries again.
  entry.calendar.catch(() => {
    if (caches.get(ctx.database) === entry) caches.delete(ctx.database);
  });
  return entry.calendar;
}

export async function computeDueDate(
  ctx: AppContext,
  query: { from: string; workdays: number },
): Promise<DueDateResponse> {
  return addWorkingDays({ ...query, calendar: await getWorkCalendar(ctx) });
}

export async function countWorkdays(
  ctx: AppContext,
  query: { from: string; to: string },
): Promise<WorkdayCountResponse> {
  return countWorkingDays({ ...query, calendar: await getWorkCalendar(ctx) });
}

/** Today's missing years: this year's schedule, and from 1 November next year's, when not loaded. */
export async function getCalendarStatus(ctx: AppContext): Promise<CalendarStatus> {
  const today = todayOf(ctx);
  return { today, missingYears: missingCalendarYears(today, await getWorkCalendar(ctx)) };
}

export async function listYears(ctx: AppContext): Promise<CalendarYearList> {
  const db = ctx.database.db;
  const [years, counts] = await Promise.all([listCalendarYears(db), countCalendarDays(db)]);
  return {
    items: years.map((y) => ({
      year: y.year,
      holidayCount: counts.get(y.year)?.holidays ?? 0,
      workdayCount: counts.get(y.year)?.workdays ?? 0,
      source: y.source,
      updatedAt: y.updatedAt,
    })),
  };
}

export async function getYear(ctx: AppContext, year: number): Promise<CalendarYearDetail> {
  const db = ctx.database.db;
  const record = await findCalendarYear(db, year);
  if (!record) throw new AppError('NOT_FOUND');
  const schedule = await loadYearSchedule(db, year);
  return {
    year,
    source: record.source,
    updatedAt: record.updatedAt,
    holidayCount: schedule.holidays.length,
    workdayCount: schedule.workdays.length,
    holidays: [...schedule.holidays],
    workdays: [...schedule.workdays],
  };
}

/** A schedule problem as an import problem (its words are core's, in both languages). */
function importProblemOf(p: ScheduleProblem, year: number): ImportProblem {
  const code = (
    { notInYear: 'dateNotInYear', listedTwice: 'dateListedTwice', inBothLists: 'dateInBothLists' } as const
  )[p.reason];
  return { code, params: { date: p.date, year } };
}

/**
 * Replaces one year's schedule with an administrator's, in one transaction with its audit event. From
 * then on the year is the administrator's: shipped data never overwrites it.
 */
export async function putYearSchedule(
  ctx: AppContext,
  actor: Actor,
  year: number,
  body: YearScheduleBody,
  options: { source?: 'form' | 'import'; lang?: Lang } = {},
): Promise<CalendarYearDetail> {
  const { source = 'form', lang = 'zh' } = options;
  const problems = findScheduleProblems(year, body);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      fields: Object.fromEntries(problems.map((p) => [p.field, 'invalid'])),
      details: {
        problems: problems.map((p) => {
          const problem = importProblemOf(p, year);
          return { ...p, ...problem, message: describeImportProblems(lang, [problem]) };
        }),
      },
    });
  }
  await ctx.database.db.transaction().execute(async (trx) => {
    await replaceYear(trx, { year, source, updatedAt: nowIsoOf(ctx), updatedBy: actor.personId }, body);
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'calendar.yearSet',
        subjectId: String(year),
        payload: { year, holidays: body.holidays, workdays: body.workdays, source },
      },
      nowIsoOf(ctx),
    );
  });
  invalidateCalendar(ctx);
  return getYear(ctx, year);
}

/** Imports a year's schedule from a CSV file: every row is checked first, then all rows or none are written. */
export async function importYearSchedule(
  ctx: AppContext,
  actor: Actor,
  year: number,
  data: Uint8Array,
  lang: Lang,
): Promise<CalendarYearDetail> {
  const parsed = parseScheduleCsv(data);
  const found: { row: number; problems: ImportProblem[] }[] = [...parsed.errors];
  if (found.length === 0) {
    for (const p of findScheduleProblems(year, parsed)) {
      const [list, index] = p.field.split('.');
      const row = list === 'holidays' || list === 'workdays' ? parsed.rowOf[list][Number(index)] : undefined;
      found.push({ row: row ?? 0, problems: [importProblemOf(p, year)] });
    }
  }
  if (found.length > 0) {
    const rows: CalendarImportRowError[] = found
      .map((r) => ({ ...r, message: describeImportProblems(lang, r.problems) }))
      .sort((a, b) => a.row - b.row);
    throw new AppError('VALIDATION_FAILED', { fields: { file: 'invalid' }, details: { rows } });
  }
  return putYearSchedule(
    ctx,
    actor,
    year,
    { holidays: parsed.holidays, workdays: parsed.workdays },
    { source: 'import', lang },
  );
}

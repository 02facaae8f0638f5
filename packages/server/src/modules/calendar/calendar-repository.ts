// The loaded State Council schedules: one row per year, one per special day (holiday or worked weekend).
import type { CalendarSource, ScheduleDay, YearSchedule } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';

// The calendar's table types live here rather than in db/schema.ts so that this feature's files stand
// alone; `withTables` adds them to the database type for these queries only. (Type aliases, not
// interfaces: withTables needs types with an implicit index signature.)
type CalendarYearTable = {
  year: number;
  source: CalendarSource;
  updated_at: string;
  updated_by: string | null;
};
type CalendarDayTable = {
  date: string;
  year: number;
  kind: 'holiday' | 'workday';
  name: string;
};
type CalendarTables = {
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
};

const withCalendar = (db: Db | Trx) => db.withTables<CalendarTables>();

export interface CalendarYearRecord {
  year: number;
  source: CalendarSource;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CalendarYearCounts {
  holidays: number;
  workdays: number;
}

function toRecord(row: CalendarYearTable): CalendarYearRecord {
  return {
    year: Number(row.year),
    source: row.source,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export async function listCalendarYears(db: Db | Trx): Promise<CalendarYearRecord[]> {
  const rows = await withCalendar(db).selectFrom('calendar_years').selectAll().orderBy('year').execute();
  return rows.map(toRecord);
}

export async function findCalendarYear(db: Db | Trx, year: number): Promise<CalendarYearRecord | null> {
  const row = await withCalendar(db)
    .selectFrom('calendar_years')
    .selectAll()
    .where('year', '=', year)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Holiday and worked-day counts per loaded year. */
export async function countCalendarDays(db: Db | Trx): Promise<Map<number, CalendarYearCounts>> {
  const rows = await withCalendar(db)
    .selectFrom('calendar_days')
    .select(['year', 'kind', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['year', 'kind'])
    .execute();
  const counts = new Map<number, CalendarYearCounts>();
  for (const r of rows) {
    const year = Number(r.year);
    const entry = counts.get(year) ?? { holidays: 0, workdays: 0 };
    if (r.kind === 'holiday') entry.holidays = Number(r.n);
    else entry.workdays = Number(r.n);
    counts.set(year, entry);
  }
  return counts;
}

/** Every loaded year's schedule, keyed by year (for building the in-memory calendar). */
export async function loadYearSchedules(db: Db | Trx): Promise<Map<number, YearSchedule>> {
  const q = withCalendar(db);
  const [years, days] = await Promise.all([
    q.selectFrom('calendar_years').select('year').execute(),
    q.selectFrom('calendar_days').select(['date', 'year', 'kind', 'name']).orderBy('date').execute(),
  ]);
  const schedules = new Map<number, { holidays: ScheduleDay[]; workdays: ScheduleDay[] }>();
  for (const y of years) schedules.set(Number(y.year), { holidays: [], workdays: [] });
  for (const d of days) {
    const schedule = schedules.get(Number(d.year));
    if (!schedule) continue;
    (d.kind === 'holiday' ? schedule.holidays : schedule.workdays).push({ date: d.date, name: d.name });
  }
  return schedules;
}

export async function loadYearSchedule(db: Db | Trx, year: number): Promise<YearSchedule> {
  const days = await withCalendar(db)
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .where('year', '=', year)
    .orderBy('date')
    .execute();
  return {
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => ({ date: d.date, name: d.name })),
    workdays: days.filter((d) => d.kind === 'workday').map((d) => ({ date: d.date, name: d.name })),
  };
}

async function insertDays(trx: Trx, year: number, schedule: YearSchedule): Promise<void> {
  const rows: CalendarDayTable[] = [
    ...schedule.holidays.map((d) => ({ date: d.date, year, kind: 'holiday' as const, name: d.name })),
    ...schedule.workdays.map((d) => ({ date: d.date, year, kind: 'workday' as const, name: d.name })),
  ];
  if (rows.length > 0) await withCalendar(trx).insertInto('calendar_days').values(rows).execute();
}

/**
 * Adds a year only if it is not there yet (several processes may start at once on one PostgreSQL):
 * returns false, writing nothing, when the year already exists.
 */
export async function insertYearIfAbsent(
  trx: Trx,
  record: CalendarYearRecord,
  schedule: YearSchedule,
): Promise<boolean> {
  const result = await withCalendar(trx)
    .insertInto('calendar_years')
    .values({
      year: record.year,
      source: record.source,
      updated_at: record.updatedAt,
      updated_by: record.updatedBy,
    })
    .onConflict((oc) => oc.column('year').doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await insertDays(trx, record.year, schedule);
  return true;
}

/** Replaces a year's schedule entirely: the year row is written and its days deleted and inserted anew. */
export async function replaceYear(
  trx: Trx,
  record: CalendarYearRecord,
  schedule: YearSchedule,
): Promise<void> {
  const q = withCalendar(trx);
  await q
    .insertInto('calendar_years')
    .values({
      year: record.year,
      source: record.source,
      updated_at: record.updatedAt,
      updated_by: record.updatedBy,
    })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({
        source: record.source,
        updated_at: record.updatedAt,
        updated_by: record.updatedBy,
      }),
    )
    .execute();
  await q.deleteFrom('calendar_days').where('year', '=', record.year).execute();
  await insertDays(trx, record.year, schedule);
}

// The official working-day calendar and working-day arithmetic (e.g. a refusal answered within 3 working
// days). Pure: dates are 'YYYY-MM-DD' strings turned into day numbers, never Date objects or time zones.

/**
 * The national schedule as far as it is known. Outside `loadedYears` the State Council's notice is not
 * loaded, so plain Monday–Friday is assumed and any result that relied on it is provisional.
 */
export interface WorkCalendar {
  loadedYears: ReadonlySet<number>;
  /** Days off in loaded years (statutory holidays and the weekdays moved into them by 调休). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days by 调休 (调休上班). */
  adjustedWorkdays: ReadonlySet<string>;
}

export interface DueDate {
  due: string;
  /** True when a day examined lies in a year whose schedule is not loaded. */
  provisional: boolean;
}

export interface WorkingDayCount {
  count: number;
  provisional: boolean;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The day number of a 'YYYY-MM-DD' date; throws on anything that is not a real calendar date. */
export function dayNumberOf(date: string): number {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = daysFromCivil(year, month, day);
  const back = civilFromDays(n);
  if (back.month !== month || back.day !== day) throw new RangeError(`no such date: ${date}`);
  return n;
}

export function dateOfDayNumber(n: number): string {
  const { year, month, day } = civilFromDays(n);
  if (year < 0 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  const pad = (v: number, width: number) => String(v).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Adds calendar days to a 'YYYY-MM-DD' date. */
export function addCalendarDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return (((dayNumberOf(date) + 4) % 7) + 7) % 7;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** A 调休 working day counts even on a weekend; a holiday never does; otherwise Monday to Friday. */
export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.adjustedWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The Nth working day after `from`. The day of receipt is not counted (期限开始之日不计算在内), so the
 * deadline is the close of that day; with `workdays` 0 it is `from` itself.
 */
export function addWorkingDays(args: { from: string; workdays: number; calendar: WorkCalendar }): DueDate {
  const { workdays, calendar } = args;
  if (!Number.isInteger(workdays) || workdays < 0)
    throw new RangeError(`workdays must be a whole number ≥ 0`);
  let day = dayNumberOf(args.from);
  let provisional = false;
  for (let found = 0; found < workdays;) {
    day += 1;
    const date = dateOfDayNumber(day);
    if (!calendar.loadedYears.has(yearOf(date))) provisional = true;
    if (isWorkingDay(date, calendar)) found += 1;
  }
  return { due: dateOfDayNumber(day), provisional };
}

/** Working days d with from < d ≤ to, so counting up to addWorkingDays(from, n).due gives n. */
export function countWorkingDays(args: {
  from: string;
  to: string;
  calendar: WorkCalendar;
}): WorkingDayCount {
  const { calendar } = args;
  const last = dayNumberOf(args.to);
  let count = 0;
  let provisional = false;
  for (let day = dayNumberOf(args.from) + 1; day <= last; day++) {
    const date = dateOfDayNumber(day);
    if (!calendar.loadedYears.has(yearOf(date))) provisional = true;
    if (isWorkingDay(date, calendar)) count += 1;
  }
  return { count, provisional };
}

export interface ScheduleDay {
  date: string;
  name: string;
}

export interface YearSchedule {
  holidays: readonly ScheduleDay[];
  workdays: readonly ScheduleDay[];
}

/** Builds the calendar from the loaded years' schedules. */
export function buildWorkCalendar(years: ReadonlyMap<number, YearSchedule>): WorkCalendar {
  const holidays = new Set<string>();
  const adjustedWorkdays = new Set<string>();
  for (const schedule of years.values()) {
    for (const d of schedule.holidays) holidays.add(d.date);
    for (const d of schedule.workdays) adjustedWorkdays.add(d.date);
  }
  return { loadedYears: new Set(years.keys()), holidays, adjustedWorkdays };
}

export type ScheduleProblem =
  | { field: string; date: string; reason: 'notInYear' }
  | { field: string; date: string; reason: 'inBothLists' }
  | { field: string; date: string; reason: 'listedTwice' };

/**
 * What is wrong with one year's schedule: a date outside that year, a date listed twice, or a date that
 * is both a holiday and a working day. Field paths are the body's (`workdays.2.date`).
 */
export function findScheduleProblems(year: number, schedule: YearSchedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const holidayDates = new Set(schedule.holidays.map((d) => d.date));
  for (const list of ['holidays', 'workdays'] as const) {
    const seen = new Set<string>();
    schedule[list].forEach((d, i) => {
      const field = `${list}.${i}.date`;
      if (yearOf(d.date) !== year) problems.push({ field, date: d.date, reason: 'notInYear' });
      else if (seen.has(d.date)) problems.push({ field, date: d.date, reason: 'listedTwice' });
      else if (list === 'workdays' && holidayDates.has(d.date))
        problems.push({ field, date: d.date, reason: 'inBothLists' });
      seen.add(d.date);
    });
  }
  return problems;
}

/** From this day (China date, MM-DD) next year's schedule is expected: the State Council publishes it late
 * in the year, and deadlines of cases registered now already reach into January. */
export const NEXT_YEAR_WARNING_FROM = '11-01';

/**
 * The years whose schedule should be loaded by `today` and is not: this year always, and next year from
 * 1 November. Deadlines reaching into them assume Monday–Friday until an administrator loads them.
 */
export function missingCalendarYears(today: string, calendar: Pick<WorkCalendar, 'loadedYears'>): number[] {
  const year = yearOf(today);
  const expected = today.slice(5) >= NEXT_YEAR_WARNING_FROM ? [year, year + 1] : [year];
  return expected.filter((y) => !calendar.loadedYears.has(y));
}

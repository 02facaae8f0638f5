import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  addWorkingDays,
  buildWorkCalendar,
  countWorkingDays,
  dayNumberOf,
  findScheduleProblems,
  isWorkingDay,
  missingCalendarYears,
  weekdayOf,
  type WorkCalendar,
  type YearSchedule,
} from '../src/index.ts';

const range = (from: string, to: string, name: string) => {
  const days = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) days.push({ date: d, name });
  return days;
};

// The State Council's notices for 2025 (国办发明电〔2024〕12号) and 2026 (国办发明电〔2025〕7号).
const Y2025: YearSchedule = {
  holidays: [
    { date: '2025-01-01', name: '元旦' },
    ...range('2025-01-28', '2025-02-04', '春节'),
    ...range('2025-04-04', '2025-04-06', '清明'),
    ...range('2025-05-01', '2025-05-05', '劳动节'),
    ...range('2025-05-31', '2025-06-02', '端午'),
    ...range('2025-10-01', '2025-10-08', '国庆节、中秋节'),
  ],
  workdays: [
    { date: '2025-01-26', name: '春节' },
    { date: '2025-02-08', name: '春节' },
    { date: '2025-04-27', name: '劳动节' },
    { date: '2025-09-28', name: '国庆节' },
    { date: '2025-10-11', name: '国庆节' },
  ],
};
const Y2026: YearSchedule = {
  holidays: [
    ...range('2026-01-01', '2026-01-03', '元旦'),
    ...range('2026-02-15', '2026-02-23', '春节'),
    ...range('2026-04-04', '2026-04-06', '清明'),
    ...range('2026-05-01', '2026-05-05', '劳动节'),
    ...range('2026-06-19', '2026-06-21', '端午'),
    ...range('2026-09-25', '2026-09-27', '中秋'),
    ...range('2026-10-01', '2026-10-07', '国庆节'),
  ],
  workdays: [
    { date: '2026-01-04', name: '元旦' },
    { date: '2026-02-14', name: '春节' },
    { date: '2026-02-28', name: '春节' },
    { date: '2026-05-09', name: '劳动节' },
    { date: '2026-09-20', name: '国庆节' },
    { date: '2026-10-10', name: '国庆节' },
  ],
};

const calendar: WorkCalendar = buildWorkCalendar(
  new Map([
    [2025, Y2025],
    [2026, Y2026],
  ]),
);
const due = (from: string, workdays: number, cal = calendar) =>
  addWorkingDays({ from, workdays, calendar: cal });

describe('dates', () => {
  it('knows the weekday of a date, without time zones', () => {
    expect(weekdayOf('2025-01-26')).toBe(0); // Sunday
    expect(weekdayOf('2025-02-08')).toBe(6); // Saturday
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1900-01-01')).toBe(1);
    expect(weekdayOf('2000-02-29')).toBe(2);
  });

  it('adds calendar days across months, leap days and years', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('refuses what is not a real date', () => {
    expect(() => dayNumberOf('2025-02-29')).toThrow(RangeError);
    expect(() => dayNumberOf('2025-2-1')).toThrow(RangeError);
    expect(() => dayNumberOf('')).toThrow(RangeError);
  });

  it('agrees with UTC Date arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30000, max: 400000 }), (n) => {
        const iso = new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        expect(addCalendarDays('2000-01-01', n)).toBe(iso);
        expect(weekdayOf(iso)).toBe(new Date(`${iso}T00:00:00Z`).getUTCDay());
      }),
    );
  });
});

describe('working days', () => {
  it('counts adjusted weekend days as working days and holidays as days off', () => {
    expect(isWorkingDay('2025-01-26', calendar)).toBe(true); // Sunday worked
    expect(isWorkingDay('2025-02-08', calendar)).toBe(true); // Saturday worked
    expect(isWorkingDay('2025-01-28', calendar)).toBe(false); // Tuesday off
    expect(isWorkingDay('2025-10-08', calendar)).toBe(false); // Wednesday off
    expect(isWorkingDay('2025-10-11', calendar)).toBe(true);
    expect(isWorkingDay('2025-01-25', calendar)).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2025-01-24', calendar)).toBe(true); // an ordinary Friday
  });

  it('does not count the day of receipt', () => {
    expect(due('2025-03-03', 3)).toEqual({ due: '2025-03-06', provisional: false }); // Mon → Thu
    expect(due('2025-03-07', 1)).toEqual({ due: '2025-03-10', provisional: false }); // Fri → Mon
    expect(due('2025-03-08', 1)).toEqual({ due: '2025-03-10', provisional: false }); // Sat → Mon
  });

  it('follows the 2025 Spring Festival schedule', () => {
    // Fri 01-24; Sun 01-26 worked, Mon 01-27 worked, 01-28..02-04 off, Wed 02-05 worked.
    expect(due('2025-01-24', 3)).toEqual({ due: '2025-02-05', provisional: false });
    expect(due('2025-01-25', 1)).toEqual({ due: '2025-01-26', provisional: false });
    expect(due('2025-01-27', 1)).toEqual({ due: '2025-02-05', provisional: false });
    expect(due('2025-02-05', 3)).toEqual({ due: '2025-02-08', provisional: false }); // Sat 02-08 worked
  });

  it('follows the 2025 National Day and Mid-Autumn schedule', () => {
    expect(due('2025-09-26', 1)).toEqual({ due: '2025-09-28', provisional: false }); // Sun worked
    expect(due('2025-09-29', 2)).toEqual({ due: '2025-10-09', provisional: false });
    expect(due('2025-09-30', 2)).toEqual({ due: '2025-10-10', provisional: false });
    expect(due('2025-10-09', 2)).toEqual({ due: '2025-10-11', provisional: false }); // Sat worked
  });

  it('follows the 2026 New Year, Spring Festival and National Day schedules', () => {
    expect(due('2025-12-30', 2)).toEqual({ due: '2026-01-04', provisional: false }); // Sun 01-04 worked
    expect(due('2026-02-12', 2)).toEqual({ due: '2026-02-14', provisional: false }); // Sat 02-14 worked
    expect(due('2026-02-13', 3)).toEqual({ due: '2026-02-25', provisional: false });
    expect(due('2026-02-26', 2)).toEqual({ due: '2026-02-28', provisional: false }); // Sat 02-28 worked
    expect(due('2026-09-18', 1)).toEqual({ due: '2026-09-20', provisional: false }); // Sun 09-20 worked
    expect(due('2026-09-30', 3)).toEqual({ due: '2026-10-10', provisional: false }); // 10-08, 10-09, Sat 10-10
  });

  it('is provisional when a day examined lies in a year that is not loaded', () => {
    expect(due('2031-03-03', 3)).toEqual({ due: '2031-03-06', provisional: true });
    expect(due('2026-12-30', 3)).toEqual({ due: '2027-01-04', provisional: true });
    expect(due('2026-12-28', 3)).toEqual({ due: '2026-12-31', provisional: false });
    expect(countWorkingDays({ from: '2026-12-30', to: '2027-01-05', calendar })).toEqual({
      count: 4,
      provisional: true,
    });
  });

  it('gives the day itself for zero working days', () => {
    expect(due('2025-01-28', 0)).toEqual({ due: '2025-01-28', provisional: false });
  });

  it('counts working days after from, up to and including to', () => {
    expect(countWorkingDays({ from: '2025-01-24', to: '2025-02-05', calendar })).toEqual({
      count: 3,
      provisional: false,
    });
    expect(countWorkingDays({ from: '2025-02-05', to: '2025-02-05', calendar }).count).toBe(0);
    expect(countWorkingDays({ from: '2025-02-06', to: '2025-02-05', calendar }).count).toBe(0);
    expect(countWorkingDays({ from: '2024-12-31', to: '2025-12-31', calendar }).count).toBe(248);
    expect(countWorkingDays({ from: '2025-12-31', to: '2026-12-31', calendar }).count).toBe(248);
  });
});

describe('working-day properties', () => {
  const dateArb = fc
    .integer({ min: dayNumberOf('2023-06-01'), max: dayNumberOf('2028-06-30') })
    .map((n) => addCalendarDays('1970-01-01', n));
  const workdaysArb = fc.integer({ min: 0, max: 365 });

  it('lands on a working day when not provisional', () => {
    let checked = 0;
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 365 }), (from, n) => {
        const r = due(from, n);
        if (!r.provisional) {
          checked++;
          expect(isWorkingDay(r.due, calendar)).toBe(true);
        }
        expect(r.due > from).toBe(true);
      }),
      { numRuns: 200 },
    );
    // Dates in the loaded years are a good share of the range: the working-day check must really run.
    expect(checked).toBeGreaterThan(10);
  });

  it('counts back to the number of working days added', () => {
    fc.assert(
      fc.property(dateArb, workdaysArb, (from, n) => {
        const r = due(from, n);
        const c = countWorkingDays({ from, to: r.due, calendar });
        expect(c.count).toBe(n);
        expect(c.provisional).toBe(r.provisional);
      }),
    );
  });

  it('gives the day itself for zero', () => {
    fc.assert(
      fc.property(dateArb, (from) => {
        expect(due(from, 0)).toEqual({ due: from, provisional: false });
      }),
    );
  });

  it('is never provisional inside loaded years, always when the whole span is outside them', () => {
    const seen = { inside: 0, outside: 0 };
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 30 }), (from, n) => {
        const r = due(from, n);
        const years = [Number(from.slice(0, 4)), Number(r.due.slice(0, 4))];
        if (years.every((y) => y === 2025 || y === 2026)) {
          seen.inside++;
          expect(r.provisional).toBe(false);
        }
        if (from.slice(0, 4) >= '2027' || r.due < '2025-01-01') {
          seen.outside++;
          expect(r.provisional).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    expect(seen.inside).toBeGreaterThan(10);
    expect(seen.outside).toBeGreaterThan(10);
  });

  it('is monotone: more working days never give an earlier date', () => {
    fc.assert(
      fc.property(dateArb, workdaysArb, workdaysArb, (from, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(due(from, lo).due <= due(from, hi).due).toBe(true);
      }),
    );
  });
});

describe('a year schedule', () => {
  it('accepts the real notices', () => {
    expect(findScheduleProblems(2025, Y2025)).toEqual([]);
    expect(findScheduleProblems(2026, Y2026)).toEqual([]);
  });

  it('refuses dates outside the year, repeated dates and dates in both lists', () => {
    const problems = findScheduleProblems(2026, {
      holidays: [
        { date: '2026-01-01', name: '元旦' },
        { date: '2025-12-31', name: '元旦' },
        { date: '2026-01-01', name: '元旦' },
      ],
      workdays: [{ date: '2026-01-01', name: '元旦' }],
    });
    expect(problems).toEqual([
      { field: 'holidays.1.date', date: '2025-12-31', reason: 'notInYear' },
      { field: 'holidays.2.date', date: '2026-01-01', reason: 'listedTwice' },
      { field: 'workdays.0.date', date: '2026-01-01', reason: 'inBothLists' },
    ]);
  });
});

describe('missingCalendarYears', () => {
  const loaded = (...years: number[]) => ({ loadedYears: new Set(years) });
  it('asks for next year from 1 November (China date), and for this year always', () => {
    expect(missingCalendarYears('2026-10-31', loaded(2026))).toEqual([]);
    expect(missingCalendarYears('2026-11-01', loaded(2026))).toEqual([2027]);
    expect(missingCalendarYears('2026-12-01', loaded(2026, 2027))).toEqual([]);
    expect(missingCalendarYears('2027-01-04', loaded(2026))).toEqual([2027]);
    expect(missingCalendarYears('2027-11-15', loaded(2026))).toEqual([2027, 2028]);
  });
});

// Working days and office hours in China, precomputed once over the generated history, so each case's
// steps land on working days (State Council schedule) between 08:30 and 17:30 China time.
import { addCalendarDays, isWorkingDay, type WorkCalendar } from '@bancheng/core';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const MINUTE_MS = 60_000;
export const DAY_OPEN_MINUTE = 8 * 60 + 30;
export const DAY_CLOSE_MINUTE = 17 * 60 + 30;

export interface WorkTime {
  /** Working dates (YYYY-MM-DD), in order. */
  dates: string[];
  /** The UTC instant of China's midnight starting each working date. */
  midnights: Float64Array;
  /** The index of the first working date on or after `date`. */
  indexOf(date: string): number;
  /** The instant at `minute` (minutes after China's midnight) of working day `index`. */
  at(index: number, minute: number): number;
}

export function workTime(args: { from: string; to: string; calendar: WorkCalendar }): WorkTime {
  const dates: string[] = [];
  for (let d = args.from; d <= args.to; d = addCalendarDays(d, 1)) {
    if (isWorkingDay(d, args.calendar)) dates.push(d);
  }
  const midnights = Float64Array.from(dates, (d) => Date.parse(`${d}T00:00:00Z`) - CHINA_OFFSET_MS);
  return {
    dates,
    midnights,
    indexOf(date) {
      let lo = 0;
      let hi = dates.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((dates[mid] ?? '') < date) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    at(index, minute) {
      const i = Math.min(Math.max(index, 0), midnights.length - 1);
      return (midnights[i] ?? 0) + minute * MINUTE_MS;
    },
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

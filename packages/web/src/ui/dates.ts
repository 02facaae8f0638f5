// Every date and time the web app shows or takes is China time (Asia/Shanghai: UTC+8, no daylight saving
// since 1991), whatever the browser's time zone: the bureau's day, by which the server counts dates. This
// is the one place that turns instants into China dates and times; nothing else formats a Date.
//
// Pickers (antd DatePicker) work on dayjs values in the browser's zone. They are handed "China wall-clock"
// values: a dayjs whose fields (year … minute) are China's, made by `chinaNow()` / `chinaDayjs()`, and read
// back as an instant with `toChinaIso()`, which writes the fields with the +08:00 offset.
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';

export const ISO_DATE = 'YYYY-MM-DD';
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DDTHH:mm:ss` of an instant in China. */
function chinaWallClock(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19);
}

/** Today in China, `YYYY-MM-DD`. */
export function chinaToday(): string {
  return chinaWallClock(Date.now()).slice(0, 10);
}

/** The same as chinaToday(): the day the API and the lists count by. */
export const today = chinaToday;

/** China's year now. */
export function chinaYear(): number {
  return Number(chinaToday().slice(0, 4));
}

/** Now as a China wall-clock dayjs, for a date/time picker's initial value and its limits. */
export function chinaNow(): Dayjs {
  return dayjs(chinaWallClock(Date.now()));
}

/** An instant (ISO text) as a China wall-clock dayjs, for a picker; a date `YYYY-MM-DD` as that day. */
export function chinaDayjs(value: string): Dayjs {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayjs(value, ISO_DATE);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? dayjs(value) : dayjs(chinaWallClock(ms));
}

/** A China wall-clock dayjs (from a picker) as the instant it names, ISO-8601 with +08:00. */
export function toChinaIso(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
}

/** A date picked (a China wall-clock dayjs) as `YYYY-MM-DD`. */
export function toIsoDate(value: Dayjs): string {
  return value.format(ISO_DATE);
}

/** An instant as China's date and time, `YYYY-MM-DD HH:mm:ss`; text that is no instant as it is. */
export function formatDateTime(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : chinaWallClock(ms).replace('T', ' ');
}

/** An instant's China date, `YYYY-MM-DD`; a date as it is. */
export function chinaDateOf(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : chinaWallClock(ms).slice(0, 10);
}

/** An instant's China date as numbers, for texts such as 2026年12月1日. */
export function chinaDateParts(value: string): { year: number; month: number; day: number } {
  const [year = 0, month = 0, day = 0] = chinaDateOf(value).split('-').map(Number);
  return { year, month, day };
}

/** An instant as China's date and time to the minute, `YYYY-MM-DD HH:mm` (the printed forms). */
export function formatMinutes(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : chinaWallClock(ms).replace('T', ' ').slice(0, 16);
}

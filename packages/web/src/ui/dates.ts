// Dates as the API wants them (YYYY-MM-DD, local calendar) and timestamps in local time.
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';

export const ISO_DATE = 'YYYY-MM-DD';

export function today(): string {
  return dayjs().format(ISO_DATE);
}

/** Today in China (UTC+8, no daylight saving), whatever the browser's time zone: the bureau's day, by
 * which the server counts dates. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function toIsoDate(value: Dayjs): string {
  return value.format(ISO_DATE);
}

export function formatDateTime(value: string): string {
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : value;
}

// The working-day calendar as administrators keep it: loaded years with their source, one year's days,
// a year set from the form or a CSV file, and what is missing today.
import type { CalendarStatus, CalendarYearDetail, CalendarYearList, YearScheduleBody } from '@bancheng/core';
import { api } from '../../../api/client.ts';

export const calendarKeys = {
  all: ['calendar'] as const,
  years: ['calendar', 'years'] as const,
  year: (year: number) => ['calendar', 'years', year] as const,
  status: ['calendar', 'status'] as const,
};

const yearPath = (year: number, rest = '') => `/api/calendar/years/${String(year)}${rest}`;

export const fetchCalendarYears = (signal?: AbortSignal) =>
  api<CalendarYearList>('/api/calendar/years', { signal });
export const fetchCalendarYear = (year: number, signal?: AbortSignal) =>
  api<CalendarYearDetail>(yearPath(year), { signal });
export const fetchCalendarStatus = (signal?: AbortSignal) =>
  api<CalendarStatus>('/api/calendar/status', { signal });
export const putCalendarYear = (year: number, body: YearScheduleBody) =>
  api<CalendarYearDetail>(yearPath(year), { method: 'PUT', body });

export function importCalendarYear(year: number, file: File): Promise<CalendarYearDetail> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<CalendarYearDetail>(yearPath(year, '/import'), { method: 'POST', body: form });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { YearScheduleBody } from '@bancheng/core';
import {
  calendarKeys,
  fetchCalendarStatus,
  fetchCalendarYear,
  fetchCalendarYears,
  importCalendarYear,
  putCalendarYear,
} from '../api/calendar.ts';

export function useCalendarYears() {
  return useQuery({ queryKey: calendarKeys.years, queryFn: ({ signal }) => fetchCalendarYears(signal) });
}

export function useCalendarYear(year: number | null) {
  return useQuery({
    queryKey: calendarKeys.year(year ?? 0),
    queryFn: ({ signal }) => fetchCalendarYear(year ?? 0, signal),
    enabled: year !== null,
  });
}

/** The years missing today; `enabled` false for people who cannot load them (nothing to tell them). */
export function useCalendarStatus(enabled = true) {
  return useQuery({
    queryKey: calendarKeys.status,
    queryFn: ({ signal }) => fetchCalendarStatus(signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

function useCalendarMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Deadlines read the calendar too: case pages fetch their working days again.
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}

export const usePutCalendarYear = () =>
  useCalendarMutation(({ year, body }: { year: number; body: YearScheduleBody }) =>
    putCalendarYear(year, body),
  );

export const useImportCalendarYear = () =>
  useCalendarMutation(({ year, file }: { year: number; file: File }) => importCalendarYear(year, file));

import { useEffect } from 'react';
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { CaseActionBody, CaseDetail, CaseSummary, RegisterCaseBody } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import {
  actOnCase,
  caseKeys,
  fetchCase,
  fetchCases,
  fetchFollowUpsDue,
  fetchWorkdays,
  registerCase,
  revealPhone,
} from '../api/cases.ts';
import type { CasesQuery } from '../api/cases.ts';
import { notificationKeys } from '../../notifications/api/notifications.ts';

export function useCases(query: CasesQuery) {
  const queryClient = useQueryClient();
  const result = useQuery({
    queryKey: caseKeys.list(query),
    queryFn: ({ signal }) => fetchCases(query, signal),
    placeholderData: keepPreviousData,
  });
  const items = result.isPlaceholderData ? undefined : result.data?.items;
  useEffect(() => {
    if (items) dropOlderDetails(queryClient, items);
  }, [items, queryClient]);
  return result;
}

/**
 * A case page never shows a state older than the list's: a cached page of a case the list shows as
 * changed since is dropped (and fetched again if it is on screen), so opening it waits for the new one.
 */
export function dropOlderDetails(queryClient: QueryClient, items: readonly CaseSummary[]): void {
  for (const item of items) {
    const cached = queryClient.getQueryData<CaseDetail>(caseKeys.detail(item.id));
    if (cached && Date.parse(cached.updatedAt) < Date.parse(item.updatedAt)) {
      void queryClient.resetQueries({ queryKey: caseKeys.detail(item.id), exact: true });
    }
  }
}

export function useFollowUpsDue() {
  return useQuery({
    queryKey: caseKeys.followUps,
    queryFn: ({ signal }) => fetchFollowUpsDue(signal),
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => fetchCase(id, signal),
    // Someone else may have acted a moment ago: the page asks again every time it opens.
    staleTime: 0,
    refetchOnMount: 'always',
    // A case the person may not see is a 404: asking again will not help.
    retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
  });
}

/** Working days left until `due` (0 on the day itself), or null when there is no due date. */
export function useWorkdaysLeft(from: string, due: string | null) {
  return useQuery({
    queryKey: caseKeys.workdaysLeft(from, due ?? ''),
    queryFn: ({ signal }) => fetchWorkdays(from, due ?? from, signal),
    enabled: due !== null && due >= from,
    staleTime: 5 * 60_000,
  });
}

export function useRegisterCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: RegisterCaseBody; idempotencyKey: string }) =>
      registerCase(v.body, v.idempotencyKey),
    onSuccess: (detail) => {
      queryClient.setQueryData(caseKeys.detail(detail.id), detail);
      return queryClient.invalidateQueries({ queryKey: caseKeys.lists });
    },
  });
}

export function useCaseAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { version: number; action: CaseActionBody; idempotencyKey: string }) =>
      actOnCase(id, { version: v.version, action: v.action }, v.idempotencyKey),
    onSuccess: (detail: CaseDetail) => {
      // The answer is the case as it was written: show it at once, unless the page already shows a later
      // version (a repeated request is answered with its first answer), and ask again in the background.
      const shown = queryClient.getQueryData<CaseDetail>(caseKeys.detail(id));
      if (!shown || shown.version <= detail.version) queryClient.setQueryData(caseKeys.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      void queryClient.invalidateQueries({ queryKey: caseKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: caseKeys.followUps });
      // Every list and to-do card (the home page's included) shows the case's new state.
      return queryClient.invalidateQueries({ queryKey: caseKeys.lists });
    },
    onError: (error) => {
      // Someone acted first, the case moved on, or it left this person's hands: load what it is now.
      if (isApiError(error) && [403, 404, 409].includes(error.status)) {
        return queryClient.invalidateQueries({ queryKey: caseKeys.detail(id) });
      }
    },
  });
}

export function useRevealPhone(id: string) {
  return useMutation({ mutationFn: () => revealPhone(id) });
}

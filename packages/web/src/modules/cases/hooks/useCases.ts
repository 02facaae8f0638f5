import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseActionBody, CaseDetail, RegisterCaseBody } from '@bancheng/core';
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
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: ({ signal }) => fetchCases(query, signal),
    placeholderData: keepPreviousData,
  });
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
    mutationFn: (body: RegisterCaseBody) => registerCase(body),
    onSuccess: (detail) => {
      queryClient.setQueryData(caseKeys.detail(detail.id), detail);
      return queryClient.invalidateQueries({ queryKey: caseKeys.lists });
    },
  });
}

export function useCaseAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { version: number; action: CaseActionBody }) => actOnCase(id, v.version, v.action),
    onSuccess: (detail: CaseDetail) => {
      // The answer is the case as it is now: show it without asking again.
      queryClient.setQueryData(caseKeys.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      void queryClient.invalidateQueries({ queryKey: caseKeys.followUps });
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

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseDetail, InviteToConsultationBody, SetCoDepartmentsBody } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { caseKeys } from '../api/cases.ts';
import { contributionKeys } from '../api/contributions.ts';
import {
  consultationKeys,
  fetchConsultationCandidates,
  inviteToConsultation,
  setCoDepartments,
} from '../api/consultations.ts';

/** Shows the answer unless the page already shows a later version, then refetches what it touches. */
function useCaseChange<V>(caseId: string, mutationFn: (v: V) => Promise<CaseDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (detail) => {
      const shown = queryClient.getQueryData<CaseDetail>(caseKeys.detail(caseId));
      if (!shown || shown.version <= detail.version)
        queryClient.setQueryData(caseKeys.detail(caseId), detail);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
      void queryClient.invalidateQueries({ queryKey: contributionKeys.list(caseId) });
      return queryClient.invalidateQueries({ queryKey: caseKeys.lists });
    },
  });
}

export function useSetCoDepartments(caseId: string) {
  return useCaseChange(caseId, (v: { body: SetCoDepartmentsBody; idempotencyKey: string }) =>
    setCoDepartments(caseId, v.body, v.idempotencyKey),
  );
}

export function useInviteToConsultation(caseId: string) {
  return useCaseChange(caseId, (v: { body: InviteToConsultationBody; idempotencyKey: string }) =>
    inviteToConsultation(caseId, v.body, v.idempotencyKey),
  );
}

export function useConsultationCandidates(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: consultationKeys.candidates(caseId),
    queryFn: ({ signal }) => fetchConsultationCandidates(caseId, signal),
    enabled,
    retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContributionBody } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { caseKeys } from '../api/cases.ts';
import { contributionKeys, fetchContributions, recordContribution } from '../api/contributions.ts';

export function useContributions(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: contributionKeys.list(caseId),
    queryFn: ({ signal }) => fetchContributions(caseId, signal),
    enabled,
    retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
  });
}

export function useRecordContribution(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: ContributionBody; idempotencyKey: string }) =>
      recordContribution(caseId, v.body, v.idempotencyKey),
    onSuccess: (list) => queryClient.setQueryData(contributionKeys.list(caseId), list),
    // The case's timeline gains an entry.
    onSettled: () => queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
  });
}

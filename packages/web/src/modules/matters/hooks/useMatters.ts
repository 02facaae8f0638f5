import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateMatterBody, UpdateMatterBody } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { createMatter, deactivateMatter, fetchMatters, matterKeys, updateMatter } from '../api/matters.ts';

/** A department's matters: the active ones, or (`all`) the deactivated too for those who keep the list. */
export function useMatters(departmentId: string | undefined, all = false) {
  return useQuery({
    queryKey: matterKeys.list(departmentId ?? '', all),
    queryFn: ({ signal }) => fetchMatters(departmentId ?? '', all, signal),
    enabled: Boolean(departmentId),
    retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
  });
}

function useMatterMutation<TVars>(fn: (vars: TVars) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: matterKeys.all }),
  });
}

export const useCreateMatter = () =>
  useMatterMutation((v: { departmentId: string; body: CreateMatterBody }) =>
    createMatter(v.departmentId, v.body),
  );
export const useUpdateMatter = () =>
  useMatterMutation((v: { id: string; body: UpdateMatterBody }) => updateMatter(v.id, v.body));
export const useDeactivateMatter = () =>
  useMatterMutation((v: { id: string; version: number }) => deactivateMatter(v.id, v.version));

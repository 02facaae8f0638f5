import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SetChainBody } from '@bancheng/core';
import { chainKeys, fetchChainHistory, fetchRoster, importRoster, setChain } from '../api/chains.ts';

export function useRoster(date: string) {
  return useQuery({
    queryKey: chainKeys.roster(date),
    queryFn: ({ signal }) => fetchRoster(date, signal),
    placeholderData: keepPreviousData,
  });
}

export function useChainHistory(departmentId: string | null) {
  return useQuery({
    queryKey: chainKeys.history(departmentId ?? ''),
    queryFn: () => fetchChainHistory(departmentId ?? ''),
    enabled: departmentId !== null,
  });
}

function useChainMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: chainKeys.all }),
        // The signed-in person's own chain positions may have changed.
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]);
    },
  });
}

export const useSetChain = () =>
  useChainMutation((v: { departmentId: string; body: SetChainBody }) => setChain(v.departmentId, v.body));
export const useImportRoster = () =>
  useChainMutation((v: { effectiveFrom: string; file: File }) => importRoster(v.effectiveFrom, v.file));

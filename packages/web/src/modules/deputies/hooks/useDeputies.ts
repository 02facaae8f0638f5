import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppointDeputyBody } from '@bancheng/core';
import { meKey } from '../../auth/api/auth.ts';
import { notificationKeys } from '../../notifications/api/notifications.ts';
import {
  appointDeputy,
  deputyKeys,
  endDeputy,
  fetchDeputies,
  fetchDeputyCandidates,
} from '../api/deputies.ts';

export function useDeputies(past: boolean) {
  return useQuery({ queryKey: deputyKeys.list(past), queryFn: ({ signal }) => fetchDeputies(past, signal) });
}

export function useDeputyCandidates(enabled: boolean) {
  return useQuery({
    queryKey: deputyKeys.candidates,
    queryFn: ({ signal }) => fetchDeputyCandidates(signal),
    enabled,
    staleTime: 60_000,
  });
}

function useDeputyMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: deputyKeys.all }),
        // What the signed-in person may act on changes with an appointment that begins today.
        queryClient.invalidateQueries({ queryKey: meKey }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
      ]);
    },
  });
}

export const useAppointDeputy = () => useDeputyMutation((body: AppointDeputyBody) => appointDeputy(body));
export const useEndDeputy = () => useDeputyMutation((id: string) => endDeputy(id));

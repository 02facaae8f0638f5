import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateBureauSettingsBody } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { fetchBureauSettings, settingsKeys, updateBureauSettings } from '../api/settings.ts';

export function useBureauSettings() {
  return useQuery({
    queryKey: settingsKeys.bureau,
    queryFn: ({ signal }) => fetchBureauSettings(signal),
    retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
  });
}

export function useUpdateBureauSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateBureauSettingsBody) => updateBureauSettings(body),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: settingsKeys.bureau });
      // Every clock on every case depends on them.
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

import { useQuery } from '@tanstack/react-query';
import { fetchOverview, overviewKeys } from '../api/overview.ts';

export function useOverview(enabled: boolean) {
  return useQuery({
    queryKey: overviewKeys.overview,
    queryFn: ({ signal }) => fetchOverview(signal),
    enabled,
    // Counts the office acts on: asked again whenever the home page opens.
    staleTime: 0,
    refetchOnMount: 'always',
  });
}

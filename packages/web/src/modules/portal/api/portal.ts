// The portal's admin routes (the rules' draft, publication, history) and the public reads the posters use.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  PortalRulesAdmin,
  PortalRulesVersion,
  PublicRules,
  PublicUnits,
  SavePortalDraftBody,
} from '@bancheng/core';
import { api } from '../../../api/client.ts';

const keys = {
  admin: ['portal', 'rules'] as const,
  units: ['portal', 'units'] as const,
  pub: ['portal', 'public'] as const,
};

export function usePortalRules() {
  return useQuery({
    queryKey: keys.admin,
    queryFn: ({ signal }) => api<PortalRulesAdmin>('/api/portal/rules', { signal }),
  });
}

export function useSaveDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SavePortalDraftBody) =>
      api<PortalRulesVersion>('/api/portal/rules/draft', { method: 'PUT', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.admin }),
  });
}

export function usePublishDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      api<PortalRulesAdmin>('/api/portal/rules/draft/publish', { method: 'POST', body: { version } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['portal'] }),
  });
}

export function usePublicUnits() {
  return useQuery({
    queryKey: keys.units,
    queryFn: ({ signal }) => api<PublicUnits>('/api/public/units', { signal }),
  });
}

export function usePublicRules() {
  return useQuery({
    queryKey: keys.pub,
    queryFn: ({ signal }) => api<PublicRules>('/api/public/rules', { signal }),
  });
}

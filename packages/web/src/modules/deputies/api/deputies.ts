import type { ActingDeputy, AppointDeputyBody, DeputyCandidates, DeputyList } from '@bancheng/core';
import { api } from '../../../api/client.ts';

export const deputyKeys = {
  all: ['deputies'] as const,
  list: (past: boolean) => ['deputies', 'list', past] as const,
  candidates: ['deputies', 'candidates'] as const,
};

export const fetchDeputies = (past: boolean, signal?: AbortSignal) =>
  api<DeputyList>('/api/deputies', { query: { past: past ? 'true' : undefined }, signal });
export const fetchDeputyCandidates = (signal?: AbortSignal) =>
  api<DeputyCandidates>('/api/deputies/candidates', { signal });
export const appointDeputy = (body: AppointDeputyBody) =>
  api<ActingDeputy>('/api/deputies', { method: 'POST', body });
export const endDeputy = (id: string) =>
  api<{ deputy: ActingDeputy | null }>(`/api/deputies/${encodeURIComponent(id)}/end`, {
    method: 'POST',
    body: {},
  });

import type { Chain, ChainHistory, Roster, RosterImportResult, SetChainBody } from '@bancheng/core';
import { api, buildUrl } from '../../../api/client.ts';

export const chainKeys = {
  all: ['chains'] as const,
  roster: (date: string) => ['chains', 'roster', date] as const,
  history: (departmentId: string) => ['chains', 'history', departmentId] as const,
};

export const fetchRoster = (date: string, signal?: AbortSignal) =>
  api<Roster>('/api/chains', { query: { date }, signal });
export const fetchChainHistory = (departmentId: string) =>
  api<ChainHistory>(`/api/chains/${encodeURIComponent(departmentId)}/history`);
export const setChain = (departmentId: string, body: SetChainBody) =>
  api<Chain>(`/api/chains/${encodeURIComponent(departmentId)}`, { method: 'PUT', body });
export const rosterXlsxUrl = (date: string) => buildUrl('/api/chains/roster.xlsx', { date });

export function importRoster(effectiveFrom: string, file: File): Promise<RosterImportResult> {
  const form = new FormData();
  form.append('effectiveFrom', effectiveFrom);
  form.append('file', file, file.name);
  return api<RosterImportResult>('/api/chains/roster/import', { method: 'POST', body: form });
}

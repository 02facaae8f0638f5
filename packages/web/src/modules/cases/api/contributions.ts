// 协作配合: what each co-department contributed to a cross-department case.
import type { ContributionBody, ContributionList } from '@bancheng/core';
import { api } from '../../../api/client.ts';

const path = (id: string) => `/api/cases/${encodeURIComponent(id)}/contributions`;

export const contributionKeys = {
  list: (caseId: string) => ['cases', 'contributions', caseId] as const,
};

export const fetchContributions = (caseId: string, signal?: AbortSignal) =>
  api<ContributionList>(path(caseId), { signal });

export const recordContribution = (caseId: string, body: ContributionBody, idempotencyKey?: string) =>
  api<ContributionList>(path(caseId), { method: 'POST', body, idempotencyKey });

import type { CaseOverview } from '@bancheng/core';
import { api } from '../../../api/client.ts';
import { caseKeys } from '../../cases/api/cases.ts';

/** Under the case lists' key: every case action refreshes the lists, and with them these counts. */
export const overviewKeys = { overview: [...caseKeys.lists, 'overview'] as const };

export const fetchOverview = (signal?: AbortSignal) => api<CaseOverview>('/api/overview', { signal });

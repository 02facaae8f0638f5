import type {
  CaseActionBody,
  CaseDetail,
  CaseList,
  CaseListQuery,
  FollowUpDue,
  RegisterCaseBody,
  RegisteredCase,
  WorkdayCountResponse,
} from '@bancheng/core';
import { api, buildUrl } from '../../../api/client.ts';

export type CasesQuery = Omit<CaseListQuery, 'pageSize'> & { pageSize: number };

export const caseKeys = {
  all: ['cases'] as const,
  lists: ['cases', 'list'] as const,
  list: (query: CasesQuery) => ['cases', 'list', query] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  followUps: ['cases', 'followUps'] as const,
  workdaysLeft: (from: string, to: string) => ['calendar', 'workdays', from, to] as const,
};

const path = (id: string, rest = '') => `/api/cases/${encodeURIComponent(id)}${rest}`;

export const fetchCases = (query: CasesQuery, signal?: AbortSignal) =>
  api<CaseList>('/api/cases', { query: { ...query }, signal });
export const fetchCase = (id: string, signal?: AbortSignal) => api<CaseDetail>(path(id), { signal });
export const registerCase = (body: RegisterCaseBody, idempotencyKey?: string) =>
  api<RegisteredCase>('/api/cases', { method: 'POST', body, idempotencyKey });
export const actOnCase = (
  id: string,
  request: { version: number; action: CaseActionBody },
  idempotencyKey?: string,
) => api<CaseDetail>(path(id, '/actions'), { method: 'POST', body: request, idempotencyKey });
/** The follow-ups waiting on me (跟踪问效), soonest due first. */
export const fetchFollowUpsDue = (signal?: AbortSignal) =>
  api<{ items: FollowUpDue[] }>('/api/follow-ups', { signal });
export const revealPhone = (id: string) =>
  api<{ phone: string }>(path(id, '/reveal-phone'), { method: 'POST' });
export const approvalFormDocxUrl = (id: string) => buildUrl(path(id, '/form.docx'));
export const replyLetterDocxUrl = (id: string) => buildUrl(path(id, '/reply-letter.docx'));
export const noticeDocxUrl = (id: string) => buildUrl(path(id, '/notice.docx'));

/** Working days d with from < d ≤ to (the official calendar, 调休 included). */
export const fetchWorkdays = (from: string, to: string, signal?: AbortSignal) =>
  api<WorkdayCountResponse>('/api/calendar/workdays', { query: { from, to }, signal });

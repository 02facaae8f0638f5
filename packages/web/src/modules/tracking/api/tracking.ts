// The applicant's own view: the public page's calls (the code always in the body), and the staff side on
// a case (its tracking, a new code, a rating by phone, the receipt) and the supervision office's flags.
import type {
  CaseTracking,
  PublicCaseView,
  SatisfactionRating,
  SupervisionFlagList,
  TrackingCodeIssued,
} from '@bancheng/core';
import { api, downloadPosted } from '../../../api/client.ts';

export const trackingKeys = {
  ofCase: (id: string) => ['cases', 'detail', id, 'tracking'] as const,
  flags: ['supervision', 'flags'] as const,
};

export const trackCase = (code: string) =>
  api<PublicCaseView>('/api/public/track', { method: 'POST', body: { code } });
export const rateAsApplicant = (body: { code: string; rating: SatisfactionRating; comment: string }) =>
  api<PublicCaseView>('/api/public/track/rating', { method: 'POST', body });
export const reopenAsApplicant = (body: { code: string; reason: string }) =>
  api<PublicCaseView>('/api/public/track/reopen', { method: 'POST', body });

const path = (id: string, rest: string) => `/api/cases/${encodeURIComponent(id)}${rest}`;

export const fetchCaseTracking = (id: string, signal?: AbortSignal) =>
  api<CaseTracking>(path(id, '/tracking'), { signal });
export const reissueTrackingCode = (id: string) =>
  api<TrackingCodeIssued>(path(id, '/tracking-code'), { method: 'POST' });
export const recordPhoneRating = (id: string, body: { rating: SatisfactionRating; comment: string }) =>
  api<CaseTracking>(path(id, '/ratings'), { method: 'POST', body });
export const downloadReceipt = (id: string, number: string, code: string | undefined) =>
  downloadPosted(path(id, '/receipt.docx'), code ? { code } : {}, `receipt-${number}.docx`);
export const fetchSupervisionFlags = (signal?: AbortSignal) =>
  api<SupervisionFlagList>('/api/supervision/flags', { signal });

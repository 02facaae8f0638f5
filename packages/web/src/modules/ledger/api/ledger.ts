// The staff ledger's calls (/api/ledger/…): the list and its export, one report and what may be done on
// it, the office's registration, the department head's orders and discipline inspection's referrals.
import type {
  CaseState,
  OrderDetail,
  OrderTask,
  OrderVerifyInput,
  PublicReportReceipt,
  RegisterReportInput,
  ReferralState,
  ReportAttachment,
  ReportDetail,
  ReportList,
  ReportListQuery,
  SuperviseInput,
  TriageInput,
} from '@bancheng/core';
import { api, buildUrl } from '../../../api/client.ts';

export type LedgerQuery = Omit<ReportListQuery, 'pageSize'> & { pageSize: number };

/** The registration's answer: the page, and the report tracking code this once. */
export interface RegisteredReport {
  report: ReportDetail;
  receipt?: PublicReportReceipt;
}

export interface CaseToLink {
  id: string;
  number: string;
  state: CaseState;
  matterTitle: string;
  applicantName: string;
  departmentName: string;
  receivedAt: string;
}

export interface ReferralTask {
  id: string;
  reportId: string;
  reportNumber: string;
  unitName: string;
  state: ReferralState;
  referredAt: string;
  note: string;
}

export interface RevealedReporter {
  name: string | null;
  phone: string | null;
}

export const ledgerKeys = {
  all: ['ledger'] as const,
  lists: ['ledger', 'list'] as const,
  list: (query: LedgerQuery) => ['ledger', 'list', query] as const,
  detail: (id: string) => ['ledger', 'detail', id] as const,
  caseSearch: (q: string, departmentId: string | undefined) =>
    ['ledger', 'caseSearch', q, departmentId ?? ''] as const,
  orders: ['ledger', 'orders'] as const,
  order: (id: string) => ['ledger', 'orders', id] as const,
  referrals: ['ledger', 'referrals'] as const,
};

const report = (id: string, rest = '') => `/api/ledger/reports/${encodeURIComponent(id)}${rest}`;
const order = (id: string, rest = '') => `/api/ledger/orders/${encodeURIComponent(id)}${rest}`;

export const fetchLedger = (query: LedgerQuery, signal?: AbortSignal) =>
  api<ReportList>('/api/ledger/reports', { query: { ...query }, signal });
/** The XLSX of the ledger with the list's filters (no paging). */
export const ledgerExportUrl = (query: LedgerQuery) => {
  const { cursor: _cursor, pageSize: _pageSize, ...filters } = query;
  return buildUrl('/api/ledger/export.xlsx', { ...filters });
};
export const fetchReport = (id: string, signal?: AbortSignal) => api<ReportDetail>(report(id), { signal });
export const reportDocxUrl = (id: string) => buildUrl(report(id, '/record.docx'));
export const registerReport = (body: RegisterReportInput, idempotencyKey: string) =>
  api<RegisteredReport>('/api/ledger/reports', { method: 'POST', body, idempotencyKey });

export const triageReport = (id: string, body: TriageInput, idempotencyKey: string) =>
  api<ReportDetail>(report(id, '/triage'), { method: 'POST', body, idempotencyKey });
export const superviseReport = (id: string, body: SuperviseInput, idempotencyKey: string) =>
  api<ReportDetail>(report(id, '/orders'), { method: 'POST', body, idempotencyKey });
/** The office verifies an order's answer (the order's own route; the answer is the report's page). */
export const verifyOrder = (orderId: string, body: OrderVerifyInput, idempotencyKey: string) =>
  api<ReportDetail>(order(orderId, '/verify'), { method: 'POST', body, idempotencyKey });
export const replyToReporter = (
  id: string,
  body: { text: string; sendSms: boolean },
  idempotencyKey: string,
) => api<ReportDetail>(report(id, '/reply'), { method: 'POST', body, idempotencyKey });
export const referReport = (id: string, body: { note: string }, idempotencyKey: string) =>
  api<ReportDetail>(report(id, '/referral'), { method: 'POST', body, idempotencyKey });
/** Discipline inspection's finding on its referral (the referral's route; the answer is the report's page). */
export const recordFinding = (
  referralId: string,
  body: { substantiated: boolean; notes: string; accountability: string | null },
  idempotencyKey: string,
) =>
  api<ReportDetail>(`/api/ledger/referrals/${encodeURIComponent(referralId)}/finding`, {
    method: 'POST',
    body,
    idempotencyKey,
  });
export const revealReporter = (id: string) =>
  api<RevealedReporter>(report(id, '/reveal'), { method: 'POST' });

export const searchCasesToLink = (q: string, departmentId: string | undefined, signal?: AbortSignal) =>
  api<{ items: CaseToLink[] }>('/api/ledger/case-search', { query: { q, departmentId }, signal });
export const linkCase = (id: string, caseId: string, idempotencyKey: string) =>
  api<ReportDetail>(report(id, '/cases'), { method: 'POST', body: { caseId }, idempotencyKey });
export const unlinkCase = (id: string, caseId: string) =>
  api<ReportDetail>(report(id, `/cases/${encodeURIComponent(caseId)}`), { method: 'DELETE' });

export function uploadReportMaterial(id: string, file: File): Promise<ReportAttachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  return api<ReportAttachment>(report(id, '/attachments'), { method: 'POST', body });
}
export const reportAttachmentUrl = (id: string, attachmentId: string) =>
  buildUrl(report(id, `/attachments/${encodeURIComponent(attachmentId)}`));

export const fetchOrderTasks = (signal?: AbortSignal) =>
  api<{ items: OrderTask[] }>('/api/ledger/orders', { signal });
export const fetchOrder = (id: string, signal?: AbortSignal) => api<OrderDetail>(order(id), { signal });
export const answerOrder = (id: string, body: { text: string }, idempotencyKey: string) =>
  api<OrderDetail>(order(id, '/answer'), { method: 'POST', body, idempotencyKey });
export function uploadOrderMaterial(id: string, file: File): Promise<ReportAttachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  return api<ReportAttachment>(order(id, '/attachments'), { method: 'POST', body });
}
export const orderAttachmentUrl = (id: string, attachmentId: string) =>
  buildUrl(order(id, `/attachments/${encodeURIComponent(attachmentId)}`));

export const fetchReferrals = (signal?: AbortSignal) =>
  api<{ items: ReferralTask[] }>('/api/ledger/referrals', { signal });

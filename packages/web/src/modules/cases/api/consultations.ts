// Cross-department matters (work plan 四(一)): the co-departments of a case, the convener's invitations,
// and the minutes (会商纪要) as DOCX.
import type {
  CaseDetail,
  ConsultationCandidates,
  InviteToConsultationBody,
  SetCoDepartmentsBody,
} from '@bancheng/core';
import { api, buildUrl } from '../../../api/client.ts';

const path = (id: string, rest: string) => `/api/cases/${encodeURIComponent(id)}${rest}`;

export const consultationKeys = {
  candidates: (caseId: string) => ['cases', 'consultationCandidates', caseId] as const,
};

export const setCoDepartments = (caseId: string, body: SetCoDepartmentsBody, idempotencyKey?: string) =>
  api<CaseDetail>(path(caseId, '/co-departments'), { method: 'PUT', body, idempotencyKey });

export const fetchConsultationCandidates = (caseId: string, signal?: AbortSignal) =>
  api<ConsultationCandidates>(path(caseId, '/consultation/candidates'), { signal });

export const inviteToConsultation = (
  caseId: string,
  body: InviteToConsultationBody,
  idempotencyKey?: string,
) => api<CaseDetail>(path(caseId, '/consultation/invitees'), { method: 'POST', body, idempotencyKey });

export const consultationMinutesUrl = (caseId: string) =>
  buildUrl(path(caseId, '/consultation-minutes.docx'));

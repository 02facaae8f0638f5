// Case attachments (附件): the list, an upload (multipart, through the one fetch wrapper so the CSRF
// header goes along) and the download address.
import type { CaseAttachment, CaseAttachmentList } from '@bancheng/core';
import { api, buildUrl } from '../../../api/client.ts';

const path = (id: string, rest = '') => `/api/cases/${encodeURIComponent(id)}/attachments${rest}`;

export const attachmentKeys = {
  list: (caseId: string) => ['cases', 'attachments', caseId] as const,
};

export const fetchAttachments = (caseId: string, signal?: AbortSignal) =>
  api<CaseAttachmentList>(path(caseId), { signal });

export function uploadAttachment(caseId: string, file: File): Promise<CaseAttachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  return api<CaseAttachment>(path(caseId), { method: 'POST', body });
}

export const attachmentUrl = (caseId: string, attachmentId: string) =>
  buildUrl(path(caseId, `/${encodeURIComponent(attachmentId)}`));

import type { AuditList } from '@bancheng/core';
import { api } from '../../../api/client.ts';

export interface AuditQuery {
  type?: string;
  actorId?: string;
  cursor?: string | undefined;
  pageSize: number;
}

export const auditKeys = { list: (query: AuditQuery) => ['audit', query] as const };

export const fetchAudit = (query: AuditQuery, signal?: AbortSignal) =>
  api<AuditList>('/api/audit', { query: { ...query }, signal });

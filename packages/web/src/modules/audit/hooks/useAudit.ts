import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditKeys, fetchAudit } from '../api/audit.ts';
import type { AuditQuery } from '../api/audit.ts';

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) => fetchAudit(query, signal),
    placeholderData: keepPreviousData,
  });
}

// Reading the audit log (writing happens inside each change's own transaction).
import type { AuditEventView } from '@bancheng/core';
import type { AppContext } from '../context.ts';
import { listAuditEvents } from '../repositories/audit-repository.ts';

export async function listAudit(
  ctx: AppContext,
  query: { type?: string | undefined; actorId?: string | undefined; page: number; pageSize: number },
): Promise<{ items: AuditEventView[]; total: number; page: number; pageSize: number }> {
  const result = await listAuditEvents(ctx.database.db, query);
  return { ...result, page: query.page, pageSize: query.pageSize };
}

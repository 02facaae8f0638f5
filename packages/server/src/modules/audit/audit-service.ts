// Reading the audit log (writing happens inside each change's own transaction). A case's events are listed
// only to readers who may see the case (to anyone else the case does not exist), and every phone number in
// a payload is masked, as on the case page.
import { caseScopeOf, type AuditEventView, type Subject } from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { listAuditEvents } from './audit-repository.ts';
import { maskPersonalData } from '../../platform/personal-data.ts';

export async function listAudit(
  ctx: AppContext,
  subject: Subject,
  query: { type?: string | undefined; actorId?: string | undefined; page: number; pageSize: number },
): Promise<{ items: AuditEventView[]; total: number; page: number; pageSize: number }> {
  const result = await listAuditEvents(ctx.database.db, query, caseScopeOf(subject));
  const items = result.items.map((e): AuditEventView => ({ ...e, payload: maskPayload(e.payload) }));
  return { items, total: result.total, page: query.page, pageSize: query.pageSize };
}

function maskPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const masked = maskPersonalData(payload);
  return typeof masked === 'object' && masked !== null && !Array.isArray(masked)
    ? Object.fromEntries(Object.entries(masked))
    : {};
}

// Reading the audit log (writing happens inside each change's own transaction). A reader sees the payload of
// a case's event only for a case they may see, and every phone number masked, as on the case page.
import type { AuditEventView } from '@bancheng/core';
import type { AppContext } from '../context.ts';
import { listAuditEvents } from '../repositories/audit-repository.ts';
import { casesVisibleTo, type CaseViewer } from './case-access.ts';
import { maskPersonalData } from './personal-data.ts';

export async function listAudit(
  ctx: AppContext,
  viewer: CaseViewer,
  query: { type?: string | undefined; actorId?: string | undefined; page: number; pageSize: number },
): Promise<{ items: AuditEventView[]; total: number; page: number; pageSize: number }> {
  const result = await listAuditEvents(ctx.database.db, query);
  const caseIds = result.items.flatMap((e) => (e.subjectType === 'case' && e.subjectId ? [e.subjectId] : []));
  const visible = await casesVisibleTo(ctx.database.db, viewer, caseIds);
  const items = result.items.map((e): AuditEventView => {
    const hidden = e.subjectType === 'case' && !(e.subjectId !== null && visible.has(e.subjectId));
    if (hidden) return { ...e, payload: {}, payloadHidden: true };
    return { ...e, payload: maskPayload(e.payload), payloadHidden: false };
  });
  return { items, total: result.total, page: query.page, pageSize: query.pageSize };
}

function maskPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const masked = maskPersonalData(payload);
  return typeof masked === 'object' && masked !== null && !Array.isArray(masked)
    ? Object.fromEntries(Object.entries(masked))
    : {};
}

// Reading the audit log (writing happens inside each change's own transaction). A case's events are listed
// only to readers who may see the case (to anyone else the case does not exist), and every phone number in
// a payload is masked, as on the case page.
import {
  LIST_COUNT_CAP,
  caseScopeOf,
  type AuditEventView,
  type AuditList,
  type Subject,
  type auditQuerySchema,
} from '@bancheng/core';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { listAuditEvents } from './audit-repository.ts';
import { maskPersonalData } from '../../platform/personal-data.ts';

export async function listAudit(
  ctx: AppContext,
  subject: Subject,
  query: z.output<typeof auditQuerySchema>,
): Promise<AuditList> {
  const result = await listAuditEvents(
    ctx.database.db,
    { ...query, before: query.cursor === undefined ? undefined : Number(query.cursor) },
    caseScopeOf(subject),
  );
  const items = result.items.map((e): AuditEventView => ({ ...e, payload: maskPayload(e.payload) }));
  return {
    items,
    total: Math.min(result.total, LIST_COUNT_CAP),
    totalExact: result.total <= LIST_COUNT_CAP,
    nextCursor: result.next === null ? null : String(result.next),
    pageSize: query.pageSize,
  };
}

function maskPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const masked = maskPersonalData(payload);
  return typeof masked === 'object' && masked !== null && !Array.isArray(masked)
    ? Object.fromEntries(Object.entries(masked))
    : {};
}

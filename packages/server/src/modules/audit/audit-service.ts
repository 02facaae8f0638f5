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
import { listAuditEvents, namesOfIds } from './audit-repository.ts';
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
  const masked = result.items.map((e) => ({ ...e, payload: maskPayload(e.payload) }));
  // Ids become names for the reader: the subject, and every id the payload holds (a case's events are
  // already only those of cases the reader may see; the people, departments and units are the roster).
  const ids = new Set<string>();
  for (const e of masked) {
    if (e.subjectId) ids.add(e.subjectId);
    idsIn(e.payload, ids);
  }
  const names = await namesOfIds(ctx.database.db, [...ids]);
  const items = masked.map((e): AuditEventView => ({
    ...e,
    subjectName: (e.subjectId && names.get(e.subjectId)) ?? null,
    names: Object.fromEntries(
      [...idsIn(e.payload, new Set())].flatMap((id) => {
        const name = names.get(id);
        return name === undefined ? [] : [[id, name]];
      }),
    ),
  }));
  return {
    items,
    total: Math.min(result.total, LIST_COUNT_CAP),
    totalExact: result.total <= LIST_COUNT_CAP,
    nextCursor: result.next === null ? null : String(result.next),
    pageSize: query.pageSize,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id (a UUID string) anywhere in a payload, added to `into`. */
function idsIn(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) idsIn(v, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) idsIn(v, into);
  }
  return into;
}

function maskPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const masked = maskPersonalData(payload);
  return typeof masked === 'object' && masked !== null && !Array.isArray(masked)
    ? Object.fromEntries(Object.entries(masked))
    : {};
}

// Reading the audit log, newest first, filtered and paged; a case's events only within a case scope.
import type { AuditEventView, CaseScope } from '@bancheng/core';
import type { Db } from '../../platform/db/database.ts';
import { visibleCaseIds } from '../cases/index.ts';

export async function listAuditEvents(
  db: Db,
  query: { type?: string | undefined; actorId?: string | undefined; page: number; pageSize: number },
  /** A case's events are listed only for a case in this scope: outside it the case does not exist. */
  caseScope: CaseScope,
): Promise<{ items: AuditEventView[]; total: number }> {
  let base = db
    .selectFrom('audit_events')
    .leftJoin('people', 'people.id', 'audit_events.actor_id')
    .where((eb) =>
      eb.or([
        eb('audit_events.subject_type', '<>', 'case'),
        eb('audit_events.subject_id', 'in', visibleCaseIds(db, caseScope)),
      ]),
    );
  if (query.type) base = base.where('audit_events.type', '=', query.type);
  if (query.actorId) base = base.where('audit_events.actor_id', '=', query.actorId);
  const [rows, count] = await Promise.all([
    base
      .select([
        'audit_events.id',
        'audit_events.occurred_at',
        'audit_events.type',
        'audit_events.actor_id',
        'audit_events.actor_address',
        'audit_events.subject_type',
        'audit_events.subject_id',
        'audit_events.payload',
        'people.display_name',
      ])
      .orderBy('audit_events.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      occurredAt: r.occurred_at,
      type: r.type,
      actorId: r.actor_id,
      actorName: r.display_name,
      actorAddress: r.actor_address,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
    })),
  };
}

// Reading the audit log, newest first, filtered and paged; a case's events only within a case scope.
import { LIST_COUNT_CAP, type AuditEventView, type CaseScope } from '@bancheng/core';
import type { Db } from '../../platform/db/database.ts';
import { visibleCaseIds } from '../cases/index.ts';

export interface AuditListQuery {
  type?: string | undefined;
  actorId?: string | undefined;
  /** Newest first below this id: the keyset of the page. */
  before?: number | undefined;
  pageSize: number;
}

/** The queries of one page, unexecuted (the query-plan test explains them): one more row than asked, to
 * know there is a next page, and the count up to the cap. A case's events are listed only for a case in
 * `caseScope`: outside it the case does not exist. */
export function auditListQueries(db: Db, query: AuditListQuery, caseScope: CaseScope) {
  let base = db.selectFrom('audit_events').leftJoin('people', 'people.id', 'audit_events.actor_id');
  if (!caseScope.all) {
    base = base.where((eb) =>
      eb.or([
        eb('audit_events.subject_type', '<>', 'case'),
        eb('audit_events.subject_id', 'in', visibleCaseIds(db, caseScope)),
      ]),
    );
  }
  if (query.type) base = base.where('audit_events.type', '=', query.type);
  if (query.actorId) base = base.where('audit_events.actor_id', '=', query.actorId);
  const page = (query.before === undefined ? base : base.where('audit_events.id', '<', query.before))
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
    .limit(query.pageSize + 1);
  const count = db
    .selectFrom(
      base
        .select('audit_events.id')
        .limit(LIST_COUNT_CAP + 1)
        .as('c'),
    )
    .select((eb) => eb.fn.countAll<number | string>().as('n'));
  return { page, count };
}

/** A listed event before its names are looked up. */
export type AuditEventRow = Omit<AuditEventView, 'subjectName' | 'names'>;

/**
 * What these ids name, for the audit log's readers: a person's display name, a case's number, a
 * department's or unit's name, a matter's title. Ids of nothing (or of something deleted) are left out.
 */
export async function namesOfIds(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const list = [...ids];
  const [people, cases, departments, units, matters] = await Promise.all([
    db.selectFrom('people').select(['id', 'display_name as name']).where('id', 'in', list).execute(),
    db.selectFrom('cases').select(['id', 'number as name']).where('id', 'in', list).execute(),
    db.selectFrom('departments').select(['id', 'name']).where('id', 'in', list).execute(),
    db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', list).execute(),
    db.selectFrom('matters').select(['id', 'title as name']).where('id', 'in', list).execute(),
  ]);
  for (const r of [...people, ...cases, ...departments, ...units, ...matters]) names.set(r.id, r.name);
  return names;
}

export async function listAuditEvents(
  db: Db,
  query: AuditListQuery,
  caseScope: CaseScope,
): Promise<{ items: AuditEventRow[]; total: number; next: number | null }> {
  const queries = auditListQueries(db, query, caseScope);
  const [rows, count] = await Promise.all([queries.page.execute(), queries.count.executeTakeFirstOrThrow()]);
  const last = rows.length > query.pageSize ? rows[query.pageSize - 1] : undefined;
  return {
    total: Number(count.n),
    next: last === undefined ? null : Number(last.id),
    items: rows.slice(0, query.pageSize).map((r) => ({
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

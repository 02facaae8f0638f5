// The audit log's list queries for the query-plan test and `npm run queries:explain` (see
// modules/cases/case-list-plans.ts): every filter, first and next page, for a reader of every case and
// for an administrator who reads only some.
import type { CompiledQuery } from 'kysely';
import type { CaseScope } from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { auditListQueries, type AuditListQuery } from './audit-repository.ts';

export async function auditListPlanQueries(
  ctx: AppContext,
): Promise<{ name: string; query: CompiledQuery }[]> {
  const db = ctx.database.db;
  const scopes: [string, CaseScope][] = [
    ['a reader of every case', { all: true, personId: 'plan', departmentIds: [] }],
    ['an administrator', { all: false, personId: 'plan', departmentIds: [] }],
  ];
  const variants: [string, AuditListQuery][] = [
    ['audit log', { pageSize: 50 }],
    ['audit log, next page', { pageSize: 50, before: 1000 }],
    ['audit log, by type', { pageSize: 50, type: 'case.registered' }],
    ['audit log, by actor', { pageSize: 50, actorId: 'plan' }],
  ];
  return Promise.resolve(
    scopes.flatMap(([who, scope]) =>
      variants.flatMap(([label, query]) => {
        const q = auditListQueries(db, query, scope);
        return [
          { name: `${label} (${who}): page`, query: q.page.compile() },
          ...(query.before === undefined
            ? [{ name: `${label} (${who}): count`, query: q.count.compile() }]
            : []),
        ];
      }),
    ),
  );
}

// The home page's oversight counts as SQL: one grouped count per measure, each a range on an index of
// `cases` (state and level_entered_on, state, outcome), cut to the reader's scope by the lists' own union
// of branches. The conditions are the lists' (`dueFilter`, `openCondition`, `refusedCondition`), so a
// count is what the list with the same filters holds.
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { CaseScope, OverdueStage } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import {
  dueFilter,
  openCondition,
  refusedCondition,
  visibleCaseIds,
  type DueCut,
} from './case-list-repository.ts';

type Executor = Db | Trx;

export const OVERVIEW_MEASURES = [
  'deptHead',
  'leaderInCharge',
  'principalLeader',
  'reply',
  'overdue',
  'open',
  'refused',
] as const;
export type OverviewMeasure = (typeof OVERVIEW_MEASURES)[number];

const LEVEL_OF_STAGE = { deptHead: 2, leaderInCharge: 3, principalLeader: 4 } as const;
const STATE_OF_LEVEL = { 2: 'atDeptHead', 3: 'atLeaderInCharge', 4: 'atPrincipalLeader' } as const;

function measureCondition(
  eb: ExpressionBuilder<DB, 'cases'>,
  measure: OverviewMeasure,
  cut: DueCut,
): Expression<SqlBool> {
  switch (measure) {
    case 'overdue':
      return dueFilter(eb, '<', cut);
    case 'open':
      return openCondition(eb);
    case 'refused':
      return refusedCondition(eb);
    case 'reply':
      return eb.and([eb('cases.state', '=', 'refused'), eb('cases.reply_deadline', '<', cut.date)]);
    default: {
      const level = LEVEL_OF_STAGE[measure satisfies Exclude<OverdueStage, 'reply'>];
      return eb.and([
        eb('cases.state', '=', STATE_OF_LEVEL[level]),
        eb('cases.level_entered_on', '<', cut.levelEnteredBefore[level]),
      ]);
    }
  }
}

/** One measure's count by department, unexecuted (the query-plan test explains it). */
export function overviewCountQuery(
  db: Executor,
  args: { measure: OverviewMeasure; cut: DueCut; scope: CaseScope },
) {
  const { measure, cut, scope } = args;
  // Grouped by an expression, not the bare column: SQLite would otherwise walk the whole (department,
  // state) index to group without sorting, rather than read the measure's few cases by their own index.
  const department = sql<string>`${sql.ref('cases.department_id')} || ''`;
  return db
    .selectFrom('cases')
    .select([department.as('department_id'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .where((eb) => measureCondition(eb, measure, cut))
    .$if(!scope.all, (q) => q.where('cases.id', 'in', visibleCaseIds(db, scope)))
    .groupBy(department);
}

/** Every measure's counts by department: measure → department → count. */
export async function overviewCounts(
  db: Executor,
  args: { cut: DueCut; scope: CaseScope },
): Promise<Record<OverviewMeasure, Map<string, number>>> {
  const entries = await Promise.all(
    OVERVIEW_MEASURES.map(async (measure) => {
      const rows = await overviewCountQuery(db, { measure, ...args }).execute();
      return [measure, new Map(rows.map((r) => [r.department_id, Number(r.n)]))] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<OverviewMeasure, Map<string, number>>;
}

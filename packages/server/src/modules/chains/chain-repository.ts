// Responsibility chain assignments: who held which position for a department, over which dates.
// An assignment holds on [effective_from, effective_to); effective_to null means "until changed".
import type { ChainPosition } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';

type Executor = Db | Trx;

export interface AssignmentWithPerson {
  id: string;
  departmentId: string;
  position: ChainPosition;
  personId: string;
  username: string;
  displayName: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

function selectAssignments(db: Executor) {
  return db
    .selectFrom('chain_assignments')
    .innerJoin('people', 'people.id', 'chain_assignments.person_id')
    .select([
      'chain_assignments.id',
      'chain_assignments.department_id',
      'chain_assignments.position',
      'chain_assignments.person_id',
      'chain_assignments.effective_from',
      'chain_assignments.effective_to',
      'people.username',
      'people.display_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectAssignments>['execute']>>[number];

function toAssignment(r: Row): AssignmentWithPerson {
  return {
    id: r.id,
    departmentId: r.department_id,
    position: r.position,
    personId: r.person_id,
    username: r.username,
    displayName: r.display_name,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
  };
}

/** Assignments in force on `date`, for one department or all. */
export async function assignmentsOn(
  db: Executor,
  args: { date: string; departmentId?: string; personId?: string },
): Promise<AssignmentWithPerson[]> {
  let q = selectAssignments(db)
    .where('chain_assignments.effective_from', '<=', args.date)
    .where((eb) =>
      eb.or([
        eb('chain_assignments.effective_to', 'is', null),
        eb('chain_assignments.effective_to', '>', args.date),
      ]),
    );
  if (args.departmentId) q = q.where('chain_assignments.department_id', '=', args.departmentId);
  if (args.personId) q = q.where('chain_assignments.person_id', '=', args.personId);
  const rows = await q.orderBy('people.username').execute();
  return rows.map(toAssignment);
}

export async function assignmentHistory(db: Executor, departmentId: string): Promise<AssignmentWithPerson[]> {
  const rows = await selectAssignments(db)
    .where('chain_assignments.department_id', '=', departmentId)
    .orderBy('chain_assignments.effective_from', 'desc')
    .orderBy('chain_assignments.position')
    .execute();
  return rows.map(toAssignment);
}

/** The latest date on which each department's chain changed. */
export async function lastChangeDates(db: Executor): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('chain_assignments')
    .select(['department_id', (eb) => eb.fn.max('effective_from').as('last')])
    .groupBy('department_id')
    .execute();
  return new Map(rows.map((r) => [r.department_id, String(r.last)]));
}

export async function latestEffectiveFrom(trx: Trx, departmentId: string): Promise<string | null> {
  const r = await trx
    .selectFrom('chain_assignments')
    .select((eb) => eb.fn.max('effective_from').as('last'))
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  return r?.last ? String(r.last) : null;
}

export async function closeAssignment(trx: Trx, id: string, effectiveTo: string): Promise<void> {
  await trx
    .updateTable('chain_assignments')
    .set({ effective_to: effectiveTo })
    .where('id', '=', id)
    .execute();
}

export async function insertAssignment(
  trx: Trx,
  row: {
    id: string;
    departmentId: string;
    position: ChainPosition;
    personId: string;
    effectiveFrom: string;
    createdAt: string;
    createdBy: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('chain_assignments')
    .values({
      id: row.id,
      department_id: row.departmentId,
      position: row.position,
      person_id: row.personId,
      effective_from: row.effectiveFrom,
      effective_to: null,
      created_at: row.createdAt,
      created_by: row.createdBy,
    })
    .execute();
}

/** Whether the person holds a position of their own on some day from `from` to `to` (inclusive). */
export async function holdsPositionBetween(
  db: Executor,
  args: { personId: string; from: string; to: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('chain_assignments')
    .select('id')
    .where('person_id', '=', args.personId)
    .where('effective_from', '<=', args.to)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', args.from)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The city bureau's principal leaders on `date`: level 4 of the chains of the bureau's own departments. */
export async function bureauPrincipalLeadersOn(db: Executor, date: string): Promise<string[]> {
  const rows = await db
    .selectFrom('chain_assignments')
    .innerJoin('departments', 'departments.id', 'chain_assignments.department_id')
    .innerJoin('org_units', 'org_units.id', 'departments.unit_id')
    .select('chain_assignments.person_id')
    .distinct()
    .where('org_units.kind', '=', 'bureau')
    .where('chain_assignments.position', '=', 'principalLeader')
    .where('chain_assignments.effective_from', '<=', date)
    .where((eb) =>
      eb.or([
        eb('chain_assignments.effective_to', 'is', null),
        eb('chain_assignments.effective_to', '>', date),
      ]),
    )
    .execute();
  return rows.map((r) => r.person_id);
}

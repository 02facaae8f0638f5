// Cases: numbering, rows, approval-form decisions, and the visibility-scoped list.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { CaseState, MatterType } from '@bancheng/core';
import type { CaseScope } from '@bancheng/core';
import type { CaseChannel, CaseDecisionRow, CaseRow, DB } from '../../platform/db/schema.ts';

type Executor = Db | Trx;

/** The next number of the year, atomically: an upsert that increments in the same statement. */
export async function allocateCaseSeq(trx: Trx, year: number): Promise<number> {
  const row = await trx
    .insertInto('case_number_sequences')
    .values({ year, next_value: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ next_value: sql<number>`case_number_sequences.next_value + 1` }),
    )
    .returning('next_value')
    .executeTakeFirstOrThrow();
  return Number(row.next_value);
}

export async function insertCase(trx: Trx, row: CaseRow, coDepartmentIds: readonly string[]): Promise<void> {
  await trx.insertInto('cases').values(row).execute();
  if (coDepartmentIds.length > 0) {
    await trx
      .insertInto('case_co_departments')
      .values(coDepartmentIds.map((department_id) => ({ case_id: row.id, department_id })))
      .execute();
  }
}

export async function findCaseRow(db: Executor, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function coDepartmentIdsOf(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_co_departments')
    .select('department_id')
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.department_id);
}

export async function decisionsOf(
  db: Executor,
  caseId: string,
  formRound: number,
): Promise<CaseDecisionRow[]> {
  return db
    .selectFrom('case_decisions')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('form_round', '=', formRound)
    .orderBy('level')
    .execute();
}

export async function insertDecisions(trx: Trx, rows: CaseDecisionRow[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('case_decisions').values(rows).execute();
}

/** Writes the change only if the case is still at `version`: the guard against two people acting at once. */
export async function updateCaseGuarded(
  trx: Trx,
  args: { id: string; version: number; changes: Partial<Omit<CaseRow, 'id' | 'version'>> },
): Promise<boolean> {
  const r = await trx
    .updateTable('cases')
    .set({ ...args.changes, version: args.version + 1 })
    .where('id', '=', args.id)
    .where('version', '=', args.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Who may see which cases: decided by the access policy (core), applied here as SQL. */
export type { CaseScope };

/** What "my to-do list" means in SQL: cases waiting on an action of this person. */
export interface TodoScope {
  personId: string;
  levelDepartments: Record<2 | 3 | 4, readonly string[]>;
}

export interface CaseListFilter {
  view: 'todo' | 'mine' | 'department' | 'all';
  scope: CaseScope;
  todo: TodoScope;
  homeDepartmentIds: readonly string[];
  state?: CaseState | undefined;
  overdueBefore?: string | undefined;
  dueBy?: string | undefined;
  matterType?: MatterType | undefined;
  channel?: CaseChannel | undefined;
  departmentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

function escapeLike(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function visible(eb: ExpressionBuilder<DB, 'cases'>, scope: CaseScope) {
  if (scope.all) return eb.lit(true);
  const ors = [
    eb('cases.first_responder_id', '=', scope.personId),
    eb('cases.registered_by', '=', scope.personId),
    eb(
      'cases.id',
      'in',
      eb.selectFrom('case_decisions').select('case_id').where('person_id', '=', scope.personId),
    ),
  ];
  if (scope.departmentIds.length > 0) {
    ors.push(eb('cases.department_id', 'in', [...scope.departmentIds]));
    ors.push(
      eb(
        'cases.id',
        'in',
        eb
          .selectFrom('case_co_departments')
          .select('case_id')
          .where('department_id', 'in', [...scope.departmentIds]),
      ),
    );
  }
  return eb.or(ors);
}

const OWNER_STATES: CaseState[] = ['open', 'resolving', 'inConsultation', 'refused', 'replied'];

/** States in which a matter's time limit (due_date) runs; a final refusal has its reply deadline instead. */
export const OPEN_CASE_STATES: readonly CaseState[] = ['open', 'resolving', 'inConsultation'];

/** Refusals whose reply deadline, and open cases whose matter's due date, fall before (or on) `date`. */
function dueFilter(eb: ExpressionBuilder<DB, 'cases'>, op: '<' | '<=', date: string) {
  return eb.or([
    eb.and([eb('cases.state', '=', 'refused'), eb('cases.reply_deadline', op, date)]),
    eb.and([eb('cases.state', 'in', [...OPEN_CASE_STATES]), eb('cases.due_date', op, date)]),
  ]);
}

export async function listCaseRows(
  db: Executor,
  f: CaseListFilter,
): Promise<{ rows: CaseRow[]; total: number }> {
  let q = db.selectFrom('cases').where((eb) => visible(eb, f.scope));
  if (f.view === 'todo') {
    q = q.where((eb) => {
      const ors = [
        eb.and([eb('cases.first_responder_id', '=', f.todo.personId), eb('cases.state', 'in', OWNER_STATES)]),
      ];
      for (const [level, state] of [
        [2, 'atDeptHead'],
        [3, 'atLeaderInCharge'],
        [4, 'atPrincipalLeader'],
      ] as const) {
        const departments = f.todo.levelDepartments[level];
        if (departments.length > 0) {
          ors.push(
            eb.and([
              eb('cases.state', '=', state),
              eb('cases.department_id', 'in', [...departments]),
              eb.or([eb('cases.proposer_id', 'is', null), eb('cases.proposer_id', '!=', f.todo.personId)]),
            ]),
          );
        }
      }
      return eb.or(ors);
    });
  } else if (f.view === 'mine') {
    q = q.where((eb) =>
      eb.or([
        eb('cases.first_responder_id', '=', f.scope.personId),
        eb('cases.registered_by', '=', f.scope.personId),
        eb(
          'cases.id',
          'in',
          eb.selectFrom('case_decisions').select('case_id').where('person_id', '=', f.scope.personId),
        ),
      ]),
    );
  } else if (f.view === 'department') {
    q = q.where(
      'cases.department_id',
      'in',
      f.homeDepartmentIds.length > 0 ? [...f.homeDepartmentIds] : ['-'],
    );
  }
  if (f.state) q = q.where('cases.state', '=', f.state);
  const { overdueBefore, dueBy } = f;
  if (overdueBefore) q = q.where((eb) => dueFilter(eb, '<', overdueBefore));
  if (dueBy) q = q.where((eb) => dueFilter(eb, '<=', dueBy));
  if (f.matterType) q = q.where('cases.matter_type', '=', f.matterType);
  if (f.channel) q = q.where('cases.channel', '=', f.channel);
  if (f.departmentId) q = q.where('cases.department_id', '=', f.departmentId);
  if (f.from) q = q.where('cases.received_at', '>=', f.from);
  if (f.to) q = q.where('cases.received_at', '<', f.to);
  if (f.q) {
    const like = escapeLike(f.q);
    q = q.where(
      sql<boolean>`(lower(cases.applicant_name) like ${like} escape '\\' or cases.applicant_phone like ${like} escape '\\' or lower(cases.number) like ${like} escape '\\' or lower(cases.matter_title) like ${like} escape '\\' or lower(cases.description) like ${like} escape '\\')`,
    );
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll('cases')
      .orderBy('cases.received_at', 'desc')
      .orderBy('cases.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The ids of the cases a scope reads, as a subquery other queries can filter by (the audit log's). */
export function visibleCaseIds(db: Executor, scope: CaseScope) {
  return db
    .selectFrom('cases')
    .select('cases.id')
    .where((eb) => visible(eb, scope));
}

/** The cases among `ids` that the scope sees. */
/** Deputies acting today for the given people. */
export async function actingDeputiesOn(
  db: Executor,
  args: { date: string; forPersonIds: readonly string[] },
): Promise<{ deputyId: string; forPersonId: string }[]> {
  if (args.forPersonIds.length === 0) return [];
  const rows = await db
    .selectFrom('acting_deputies')
    .select(['deputy_id', 'for_person_id'])
    .where('for_person_id', 'in', [...args.forPersonIds])
    .where('from_date', '<=', args.date)
    .where('to_date', '>=', args.date)
    .execute();
  return rows.map((r) => ({ deputyId: r.deputy_id, forPersonId: r.for_person_id }));
}

/** People a deputy acts for today. */
export async function actingForOn(db: Executor, args: { date: string; deputyId: string }): Promise<string[]> {
  const rows = await db
    .selectFrom('acting_deputies')
    .select('for_person_id')
    .where('deputy_id', '=', args.deputyId)
    .where('from_date', '<=', args.date)
    .where('to_date', '>=', args.date)
    .execute();
  return rows.map((r) => r.for_person_id);
}

export async function caseEvents(db: Executor, caseId: string) {
  return db
    .selectFrom('audit_events')
    .leftJoin('people', 'people.id', 'audit_events.actor_id')
    .select([
      'audit_events.occurred_at',
      'audit_events.type',
      'audit_events.payload',
      'people.id as person_id',
      'people.username',
      'people.display_name',
    ])
    .where('audit_events.subject_type', '=', 'case')
    .where('audit_events.subject_id', '=', caseId)
    .orderBy('audit_events.id')
    .execute();
}

/** Every decision on the case's approval forms, all rounds. */
export async function allDecisionsOf(db: Executor, r: CaseRow): Promise<CaseDecisionRow[]> {
  const rounds = await Promise.all(
    Array.from({ length: r.form_round }, (_, i) => decisionsOf(db, r.id, i + 1)),
  );
  return rounds.flat();
}

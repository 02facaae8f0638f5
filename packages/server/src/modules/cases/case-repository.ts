// Cases: numbering, rows, approval-form decisions, and the visibility-scoped list.
import { sql } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { ChainHolders } from '@bancheng/core';
import type { CaseDecisionRow, CaseRoundRow, CaseRow } from '../../platform/db/schema.ts';

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

/** A case's row with what its access check reads, for a page built in the same request. */
export interface LoadedCase {
  row: CaseRow;
  coDepartmentIds: string[];
  allDecisions: CaseDecisionRow[];
  /** A case just registered has no facts yet: nothing to read. */
  noFactsYet?: boolean;
  /** Today's chain holders of the case's department, when the request has them already. */
  holders?: ChainHolders;
}

/** Every decision on the case's approval forms, all rounds, in order. */
export async function allDecisionsOf(db: Executor, r: CaseRow): Promise<CaseDecisionRow[]> {
  if (r.form_round === 0) return [];
  return db
    .selectFrom('case_decisions')
    .selectAll()
    .where('case_id', '=', r.id)
    .orderBy('form_round')
    .orderBy('level')
    .execute();
}

/** The rounds of the case's approval form, oldest first. */
export async function roundsOf(db: Executor, caseId: string): Promise<CaseRoundRow[]> {
  return db
    .selectFrom('case_rounds')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('form_round')
    .execute();
}

export async function insertRound(trx: Trx, row: CaseRoundRow): Promise<void> {
  await trx.insertInto('case_rounds').values(row).execute();
}

export async function withdrawRound(
  trx: Trx,
  args: { caseId: string; formRound: number; by: string; now: string },
): Promise<void> {
  await trx
    .updateTable('case_rounds')
    .set({ withdrawn_at: args.now, withdrawn_by: args.by })
    .where('case_id', '=', args.caseId)
    .where('form_round', '=', args.formRound)
    .execute();
}

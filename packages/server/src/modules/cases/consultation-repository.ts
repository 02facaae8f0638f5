// Consultations' people (migration 0018): the convener and the invitees of each consultation, whether the
// invitation is still open (the case is on their to-do list until the meeting is recorded) and who was
// present; and the co-departments of a case as they change.
import type { Db, Trx } from '../../platform/db/database.ts';
import type { CaseConsultationPersonRow } from '../../platform/db/schema.ts';

type Executor = Db | Trx;

export async function insertConsultationPeople(trx: Trx, rows: CaseConsultationPersonRow[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('case_consultation_people').values(rows).execute();
}

/** The consultation the case waits for (its meeting not recorded yet). */
export async function openConsultationOf(db: Executor, caseId: string) {
  return db
    .selectFrom('case_consultations')
    .select(['id', 'convener_id'])
    .where('case_id', '=', caseId)
    .where('recorded_at', 'is', null)
    .orderBy('requested_at', 'desc')
    .executeTakeFirst();
}

export async function consultationPeopleOf(
  db: Executor,
  caseId: string,
): Promise<CaseConsultationPersonRow[]> {
  return db
    .selectFrom('case_consultation_people')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('invited_at')
    .orderBy('id')
    .execute();
}

/** Everyone convening or invited to any consultation of the case: they read it (the access policy). */
export async function consultationPersonIdsOf(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_consultation_people')
    .select('person_id')
    .distinct()
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.person_id);
}

/** The meeting is recorded: the invitations close, and each person is marked present or not. */
export async function closeConsultationPeople(
  trx: Trx,
  args: { consultationId: string; presentIds: readonly string[]; convenerId: string | null },
): Promise<void> {
  const present = [...new Set([...args.presentIds, ...(args.convenerId ? [args.convenerId] : [])])];
  await trx
    .updateTable('case_consultation_people')
    .set({ open: 0, present: 0 })
    .where('consultation_id', '=', args.consultationId)
    .execute();
  if (present.length > 0) {
    await trx
      .updateTable('case_consultation_people')
      .set({ present: 1 })
      .where('consultation_id', '=', args.consultationId)
      .where('person_id', 'in', present)
      .execute();
  }
}

/** Replaces the case's co-departments. */
export async function replaceCoDepartments(
  trx: Trx,
  args: { caseId: string; add: readonly string[]; remove: readonly string[] },
): Promise<void> {
  if (args.remove.length > 0) {
    await trx
      .deleteFrom('case_co_departments')
      .where('case_id', '=', args.caseId)
      .where('department_id', 'in', [...args.remove])
      .execute();
  }
  if (args.add.length > 0) {
    await trx
      .insertInto('case_co_departments')
      .values(args.add.map((department_id) => ({ case_id: args.caseId, department_id })))
      .execute();
  }
}

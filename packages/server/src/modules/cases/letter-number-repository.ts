// The reply letter's 文号 (0019): a number per department and year from reply_letter_sequences, kept on the
// case. The sequence row is taken by an upsert inside the allocating transaction, so on PostgreSQL two
// servers wait for each other there, and a case is numbered only while it has no number.
import { sql } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';

export async function findLetterNumber(db: Db | Trx, caseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('cases')
    .select('letter_number')
    .where('id', '=', caseId)
    .executeTakeFirst();
  return row?.letter_number ?? null;
}

/** The department's next number in the year, taken inside `trx` (it is given back if `trx` rolls back). */
export async function nextLetterSeq(trx: Trx, args: { departmentId: string; year: number }): Promise<number> {
  const row = await trx
    .insertInto('reply_letter_sequences')
    .values({ department_id: args.departmentId, year: args.year, next_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['department_id', 'year'])
        .doUpdateSet({ next_value: sql<number>`reply_letter_sequences.next_value + 1` }),
    )
    .returning('next_value')
    .executeTakeFirstOrThrow();
  return Number(row.next_value);
}

/** Numbers the case if it has no number yet; false when another request numbered it first. */
export async function setLetterNumber(
  trx: Trx,
  args: { caseId: string; year: number; seq: number; number: string },
): Promise<boolean> {
  const r = await trx
    .updateTable('cases')
    .set({ letter_year: args.year, letter_seq: args.seq, letter_number: args.number })
    .where('id', '=', args.caseId)
    .where('letter_number', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

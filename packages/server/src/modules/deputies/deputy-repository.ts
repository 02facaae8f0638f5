// Appointments of acting deputies (table acting_deputies). Who acts for whom on a day is read by the
// access subject and the case chain (cases' actingForOn); this is where appointments are kept.
import type { Db, Trx } from '../../platform/db/database.ts';

type Executor = Db | Trx;

export interface DeputyRecord {
  id: string;
  deputyId: string;
  forPersonId: string;
  fromDate: string;
  toDate: string;
  createdAt: string;
  createdBy: string | null;
}

function selectDeputies(db: Executor) {
  return db
    .selectFrom('acting_deputies')
    .select(['id', 'deputy_id', 'for_person_id', 'from_date', 'to_date', 'created_at', 'created_by']);
}

function toRecord(r: {
  id: string;
  deputy_id: string;
  for_person_id: string;
  from_date: string;
  to_date: string;
  created_at: string;
  created_by: string | null;
}): DeputyRecord {
  return {
    id: r.id,
    deputyId: r.deputy_id,
    forPersonId: r.for_person_id,
    fromDate: r.from_date,
    toDate: r.to_date,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

/** Appointments ending on or after `endsFrom`; of these people (as deputy or as holder) when given. */
export async function listDeputyRecords(
  db: Executor,
  args: { endsFrom: string; personId?: string },
): Promise<DeputyRecord[]> {
  let q = selectDeputies(db).where('to_date', '>=', args.endsFrom);
  if (args.personId) {
    const personId = args.personId;
    q = q.where((eb) => eb.or([eb('deputy_id', '=', personId), eb('for_person_id', '=', personId)]));
  }
  const rows = await q.orderBy('from_date', 'desc').orderBy('id').execute();
  return rows.map(toRecord);
}

export async function findDeputyRecord(db: Executor, id: string): Promise<DeputyRecord | undefined> {
  const row = await selectDeputies(db).where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The holder's appointments that are not over on `today`, other than `exceptId`. */
export async function openAppointmentsFor(
  db: Executor,
  args: { forPersonId: string; today: string },
): Promise<DeputyRecord[]> {
  const rows = await selectDeputies(db)
    .where('for_person_id', '=', args.forPersonId)
    .where('to_date', '>=', args.today)
    .execute();
  return rows.map(toRecord);
}

export async function insertDeputyRecord(db: Executor, r: DeputyRecord): Promise<void> {
  await db
    .insertInto('acting_deputies')
    .values({
      id: r.id,
      deputy_id: r.deputyId,
      for_person_id: r.forPersonId,
      from_date: r.fromDate,
      to_date: r.toDate,
      created_at: r.createdAt,
      created_by: r.createdBy,
    })
    .execute();
}

/** Ends an appointment early; false when it changed meanwhile. */
export async function endDeputyRecord(
  db: Executor,
  args: { id: string; previousToDate: string; toDate: string },
): Promise<boolean> {
  const result = await db
    .updateTable('acting_deputies')
    .set({ to_date: args.toDate })
    .where('id', '=', args.id)
    .where('to_date', '=', args.previousToDate)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function deleteDeputyRecord(
  db: Executor,
  args: { id: string; toDate: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('acting_deputies')
    .where('id', '=', args.id)
    .where('to_date', '=', args.toDate)
    .executeTakeFirst();
  return result.numDeletedRows === 1n;
}

// Vacant levels and the home page's oversight counts. Frozen in time: no application imports.
//
// - The notification kind `levelVacant`: a case waits at a level nobody holds or acts for that day.
// - `cases_outcome_department`, `cases_state_department`: the refused and open counts by department read
//   from an index alone (a range of states or an outcome), not from every case.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db
    .insertInto('notification_kinds')
    .values([{ kind: 'levelVacant' }])
    .execute();
  await db.schema
    .createIndex('cases_outcome_department')
    .on('cases')
    .columns(['outcome', 'department_id'])
    .execute();
  await db.schema
    .createIndex('cases_state_department')
    .on('cases')
    .columns(['state', 'department_id'])
    .execute();
}

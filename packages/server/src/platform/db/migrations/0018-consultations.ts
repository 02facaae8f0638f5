// Consultations convened by leaders, and matters with no competent department (work plan 四(一)).
// `cases.no_competent_department` (没有明确主管部门: led by the first-inquiry department) and
// `cases.consultation_convener_id` (the leader convening the consultation the case waits for);
// `case_consultations` gains its convener and the meeting's place; `case_consultation_people` holds the
// convener and the people invited, whether the invitation is still open (until the meeting is recorded)
// and whether each was present. Three notification kinds. Frozen in time: no application imports.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

const KINDS = ['coDepartmentNamed', 'consultationRequested', 'consultationInvited'];

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('cases')
    .addColumn('no_competent_department', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`no_competent_department in (0, 1)`),
    )
    .execute();
  await db.schema
    .alterTable('cases')
    .addColumn('consultation_convener_id', 'text', (c) => c.references('people.id'))
    .execute();
  await db.schema
    .createIndex('cases_consultation_convener')
    .on('cases')
    .column('consultation_convener_id')
    .execute();
  await db.schema
    .alterTable('case_consultations')
    .addColumn('convener_id', 'text', (c) => c.references('people.id'))
    .execute();
  await db.schema.alterTable('case_consultations').addColumn('place', 'text').execute();
  await db.schema
    .createIndex('case_consultations_convener')
    .on('case_consultations')
    .column('convener_id')
    .execute();

  await db.schema
    .createTable('case_consultation_people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('case_consultations.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    // 1 while the consultation waits for its meeting: the case is on the person's to-do list.
    .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('present', 'integer')
    .addCheckConstraint('case_consultation_people_role', sql`role in ('convener', 'invitee')`)
    .addCheckConstraint('case_consultation_people_open', sql`open in (0, 1)`)
    .addCheckConstraint('case_consultation_people_present', sql`present is null or present in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('case_consultation_people_unique')
    .on('case_consultation_people')
    .columns(['consultation_id', 'person_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('case_consultation_people_case')
    .on('case_consultation_people')
    .column('case_id')
    .execute();
  // The lists' branches: a person's consultations (open ones first for the to-do list).
  await db.schema
    .createIndex('case_consultation_people_person')
    .on('case_consultation_people')
    .columns(['person_id', 'open', 'case_id'])
    .execute();
  await db.schema
    .createIndex('case_consultation_people_invited_by')
    .on('case_consultation_people')
    .column('invited_by')
    .execute();

  await db
    .insertInto('notification_kinds')
    .values(KINDS.map((kind) => ({ kind })))
    .execute();
}

// Cases (事项) and their approval forms: the rows that carry current state. The history of each case is
// its audit events (subject_type 'case'), which are never changed. Frozen in time: no application imports.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('case_number_sequences')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('next_value', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('first_responder_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('registered_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('applicant_kind', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_credit_code', 'text')
    .addColumn('applicant_phone', 'text', (c) => c.notNull())
    .addColumn('applicant_address', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('matter_type', 'text', (c) => c.notNull())
    .addColumn('matter_title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('cross_department', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('proposer_id', 'text', (c) => c.references('people.id'))
    .addColumn('form_round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refusal_reason', 'text')
    .addColumn('refusal_reason_text', 'text')
    .addColumn('workable_suggestion', 'text')
    .addColumn('refused_at', 'text')
    .addColumn('reply_deadline', 'text')
    .addColumn('reply_deadline_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cases_department_state')
    .on('cases')
    .columns(['department_id', 'state'])
    .execute();
  await db.schema.createIndex('cases_first_responder').on('cases').column('first_responder_id').execute();
  await db.schema.createIndex('cases_received_at').on('cases').column('received_at').execute();

  await db.schema
    .createTable('case_co_departments')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addPrimaryKeyConstraint('case_co_departments_pk', ['case_id', 'department_id'])
    .execute();

  await db.schema
    .createTable('case_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('form_round', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('acting_for', 'text', (c) => c.references('people.id'))
    .addColumn('by_proposer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_decisions_one_per_level', ['case_id', 'form_round', 'level'])
    .execute();

  // Deputies (代理): someone acting for a chain position holder over a period of dates.
  await db.schema
    .createTable('acting_deputies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('for_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
}

// Each department's matter list (事项清单) and, on cases, the matter picked and the due date its statutory
// time limit gives. Frozen in time: no application imports.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('matters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('matter_type', 'text', (c) => c.notNull())
    .addColumn('time_limit_workdays', 'integer')
    .addColumn('remarks', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('matters_department_title', ['department_id', 'title'])
    .execute();

  // SQLite adds one column per ALTER TABLE; a column with REFERENCES must default to NULL there.
  await db.schema
    .alterTable('cases')
    .addColumn('matter_id', 'text', (c) => c.references('matters.id'))
    .execute();
  await db.schema.alterTable('cases').addColumn('due_date', 'text').execute();
  await db.schema
    .alterTable('cases')
    .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('cases_state_due_date').on('cases').columns(['state', 'due_date']).execute();
}

// Rounds of the approval form and follow-up duties (issue 8). `case_rounds`: one row per round (审批轮次):
// who opened it and why (a proposal, a failed way reopened by the first responder, a follow-up that found
// the way not carried out), the level it started at, what was tried, and its withdrawal. `case_follow_ups`
// becomes a duty (跟踪问效): assigned with a 能办 for a round and level, due on a date, recorded later with
// its outcome. SQLite cannot drop a NOT NULL, so the table is rebuilt; checks recorded before keep their
// note and time, with no outcome and no due date. Frozen in time: no application imports.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('case_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('form_round', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('start_level', 'integer', (c) => c.notNull())
    .addColumn('tried', 'text')
    .addColumn('refusal_reason', 'text')
    .addColumn('refusal_reason_text', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text', (c) => c.references('people.id'))
    .addCheckConstraint('case_rounds_kind', sql`kind in ('proposal', 'reopened', 'followUpFailed')`)
    .addCheckConstraint('case_rounds_start_level', sql`start_level in (2, 3, 4)`)
    .addCheckConstraint('case_rounds_withdrawn', sql`(withdrawn_at is null) = (withdrawn_by is null)`)
    .execute();
  await db.schema
    .createIndex('case_rounds_case_round')
    .on('case_rounds')
    .columns(['case_id', 'form_round'])
    .unique()
    .execute();
  await db.schema.createIndex('case_rounds_opened_by').on('case_rounds').column('opened_by').execute();
  await db.schema.createIndex('case_rounds_withdrawn_by').on('case_rounds').column('withdrawn_by').execute();
  // Before rounds had rows, a case had at most its one proposal: its round as the case row tells it.
  await sql`
    insert into case_rounds (id, case_id, form_round, kind, opened_by, opened_at, start_level,
                             refusal_reason, refusal_reason_text)
    select 'r13-' || id, id, form_round, 'proposal', coalesce(proposer_id, first_responder_id),
           coalesce(proposed_at, created_at),
           coalesce((select min(d.level) from case_decisions d
                     where d.case_id = cases.id and d.form_round = cases.form_round), 2),
           refusal_reason, refusal_reason_text
    from cases where form_round > 0`.execute(db);

  await db.schema
    .createTable('case_follow_ups_v13')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('form_round', 'integer', (c) => c.notNull())
    // The level whose 能办 is checked; null when a consultation found the way.
    .addColumn('level', 'integer')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text')
    .addCheckConstraint('case_follow_ups_level', sql`level is null or level in (2, 3, 4)`)
    .addCheckConstraint(
      'case_follow_ups_outcome',
      sql`outcome is null or outcome in ('implemented', 'notImplemented', 'superseded')`,
    )
    .addCheckConstraint('case_follow_ups_recorded', sql`outcome is null or recorded_at is not null`)
    .execute();
  await sql`
    insert into case_follow_ups_v13 (id, case_id, person_id, form_round, assigned_at, note, recorded_at)
    select f.id, f.case_id, f.person_id, c.form_round, f.recorded_at, f.note, f.recorded_at
    from case_follow_ups f join cases c on c.id = f.case_id`.execute(db);
  await db.schema.dropTable('case_follow_ups').execute();
  await db.schema.alterTable('case_follow_ups_v13').renameTo('case_follow_ups').execute();
  await db.schema.createIndex('case_follow_ups_case').on('case_follow_ups').column('case_id').execute();
  // The follow-ups waiting on a person: their open duties, soonest due first.
  await db.schema
    .createIndex('case_follow_ups_person_open')
    .on('case_follow_ups')
    .columns(['person_id', 'recorded_at', 'due_on'])
    .execute();
}

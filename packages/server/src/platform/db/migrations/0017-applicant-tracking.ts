// The applicant's own view (issue 8, 意见反馈 and 好差评): each case's tracking code, kept only as its
// SHA-256 (`case_tracking`, with the day the applicant had an answer and the handling round the applicant
// reopened up to); ratings (one per case and handling round); the applicant's requests to handle a matter
// again; the flags the supervision office (督查室) picks up; and the per-address throttle of the public
// page. Two notification kinds. Frozen in time: no application imports.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

// Written out, never imported: a released migration never changes under a database that ran it.
const RATINGS = `('verySatisfied', 'satisfied', 'fairlySatisfied', 'dissatisfied', 'veryDissatisfied')`;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('case_tracking')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code_issued_at', 'text', (c) => c.notNull())
    .addColumn('code_issued_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('answered_on', 'text')
    .addColumn('handling_round', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('case_tracking_round', sql`handling_round >= 1`)
    .execute();
  await db.schema
    .createIndex('case_tracking_issued_by')
    .on('case_tracking')
    .column('code_issued_by')
    .execute();

  await db.schema
    .createTable('case_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('handling_round', 'integer', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('case_ratings_rating', sql.raw(`rating in ${RATINGS}`))
    .addCheckConstraint('case_ratings_source', sql`source in ('applicant', 'phone')`)
    .addCheckConstraint('case_ratings_recorded_by', sql`(source = 'phone') = (recorded_by is not null)`)
    .execute();
  // One rating per answer: a double submit, or the applicant and a clerk at once, cannot make two.
  await db.schema
    .createIndex('case_ratings_case_round')
    .on('case_ratings')
    .columns(['case_id', 'handling_round'])
    .unique()
    .execute();
  await db.schema.createIndex('case_ratings_recorded_by').on('case_ratings').column('recorded_by').execute();

  await db.schema
    .createTable('case_reopen_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // The handling round that was answered and is reopened; the case goes on in the next.
    .addColumn('handling_round', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state_before', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_reopen_requests_case_round')
    .on('case_reopen_requests')
    .columns(['case_id', 'handling_round'])
    .unique()
    .execute();

  await db.schema
    .createTable('supervision_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('rating_id', 'text', (c) => c.references('case_ratings.id'))
    .addColumn('feedback_id', 'text', (c) => c.references('case_feedback.id'))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('flagged_at', 'text', (c) => c.notNull())
    .addCheckConstraint('supervision_flags_kind', sql`kind in ('rating', 'feedback')`)
    .addCheckConstraint(
      'supervision_flags_source',
      sql`(kind = 'rating' and rating_id is not null and feedback_id is null)
          or (kind = 'feedback' and feedback_id is not null and rating_id is null)`,
    )
    .execute();
  await db.schema.createIndex('supervision_flags_case').on('supervision_flags').column('case_id').execute();
  await db.schema
    .createIndex('supervision_flags_department')
    .on('supervision_flags')
    .column('department_id')
    .execute();
  await db.schema
    .createIndex('supervision_flags_rating')
    .on('supervision_flags')
    .column('rating_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('supervision_flags_feedback')
    .on('supervision_flags')
    .column('feedback_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('supervision_flags_flagged_at')
    .on('supervision_flags')
    .column('flagged_at')
    .execute();

  // Wrong codes from one client address in a window (the public page's limit, decision 0006's way).
  await db.schema
    .createTable('tracking_throttle')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .execute();

  await db
    .insertInto('notification_kinds')
    .values([{ kind: 'applicantFlagged' }, { kind: 'reopenRequested' }])
    .execute();
}

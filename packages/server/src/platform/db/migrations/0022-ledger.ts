// The supervision ledger (台账, issue 9): reports (举报/投诉 “办不成事”) from the public site, registered by
// the office or raised from a case's flag; their attachments, linked cases, supervision orders (督办单)
// with answers and verifications, referrals to discipline inspection (移送纪检) with the finding and an
// accountability hook; a per-scope, per-address throttle; the public site's secrets (the ALTCHA HMAC key,
// shared by every server process) and the challenges already used; seven notification kinds.
// Frozen in time: no application imports.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

// Written out, never imported: a released migration never changes under a database that ran it.
const SOURCES = `('site', 'phone', 'letter', 'visit', 'rating', 'feedback')`;
const STATES = `('received', 'inLedger', 'supervising', 'referred', 'closed')`;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('report_number_sequences')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('next_value', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('counter', 'text')
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('happened_on', 'text')
    .addColumn('case_tracking_code', 'text')
    // The report tracking code's SHA-256 (hex); the code itself is shown once and never kept.
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    // Personal data kept as the case's applicant's is: in its own columns, masked wherever it is shown.
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_phone', 'text')
    .addColumn('wants_sms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('zh'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('triage', 'text')
    .addColumn('triage_note', 'text')
    .addColumn('triaged_at', 'text')
    .addColumn('public_answer', 'text')
    .addColumn('reply_text', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('reply_sms_queued', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('registered_by', 'text', (c) => c.references('people.id'))
    .addColumn('flag_id', 'text', (c) => c.references('supervision_flags.id').unique())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('reports_source', sql.raw(`source in ${SOURCES}`))
    .addCheckConstraint('reports_state', sql.raw(`state in ${STATES}`))
    .addCheckConstraint('reports_outcome', sql`outcome is null or outcome in ('explained', 'replied')`)
    .addCheckConstraint('reports_triage', sql`triage is null or triage in ('inScope', 'outOfScope')`)
    .addCheckConstraint('reports_closed', sql`(state = 'closed') = (outcome is not null)`)
    .addCheckConstraint('reports_language', sql`language in ('zh', 'en')`)
    .execute();
  await db.schema.createIndex('reports_received').on('reports').columns(['received_at', 'id']).execute();
  await db.schema.createIndex('reports_unit').on('reports').columns(['unit_id', 'received_at']).execute();
  await db.schema.createIndex('reports_department').on('reports').column('department_id').execute();
  await db.schema.createIndex('reports_registered_by').on('reports').column('registered_by').execute();

  await db.schema
    .createTable('supervision_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('instructions', 'text', (c) => c.notNull())
    .addColumn('due_workdays', 'integer', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addCheckConstraint('supervision_orders_state', sql`state in ('open', 'answered', 'accepted')`)
    .addCheckConstraint('supervision_orders_workdays', sql`due_workdays >= 1`)
    .execute();
  await db.schema
    .createIndex('supervision_orders_report')
    .on('supervision_orders')
    .column('report_id')
    .execute();
  await db.schema
    .createIndex('supervision_orders_department')
    .on('supervision_orders')
    .columns(['department_id', 'state'])
    .execute();
  await db.schema
    .createIndex('supervision_orders_issued_by')
    .on('supervision_orders')
    .column('issued_by')
    .execute();

  await db.schema
    .createTable('supervision_order_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('supervision_orders.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_order_answers_order')
    .on('supervision_order_answers')
    .column('order_id')
    .execute();
  await db.schema
    .createIndex('supervision_order_answers_by')
    .on('supervision_order_answers')
    .column('answered_by')
    .execute();

  await db.schema
    .createTable('supervision_order_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('supervision_orders.id'))
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('verified_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('verified_at', 'text', (c) => c.notNull())
    .addCheckConstraint('supervision_order_verifications_reason', sql`accepted = 1 or reason is not null`)
    .execute();
  await db.schema
    .createIndex('supervision_order_verifications_order')
    .on('supervision_order_verifications')
    .column('order_id')
    .execute();
  await db.schema
    .createIndex('supervision_order_verifications_by')
    .on('supervision_order_verifications')
    .column('verified_by')
    .execute();

  await db.schema
    .createTable('report_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    // Set for a department's answer material; null for the report's own (the reporter's, the office's).
    .addColumn('order_id', 'text', (c) => c.references('supervision_orders.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('people.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_attachments_report')
    .on('report_attachments')
    .column('report_id')
    .execute();
  await db.schema
    .createIndex('report_attachments_order')
    .on('report_attachments')
    .column('order_id')
    .execute();
  await db.schema
    .createIndex('report_attachments_uploaded_by')
    .on('report_attachments')
    .column('uploaded_by')
    .execute();

  await db.schema
    .createTable('report_cases')
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('linked_by', 'text', (c) => c.references('people.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_cases_pk', ['report_id', 'case_id'])
    .execute();
  await db.schema.createIndex('report_cases_case').on('report_cases').column('case_id').execute();
  await db.schema.createIndex('report_cases_linked_by').on('report_cases').column('linked_by').execute();

  await db.schema
    .createTable('report_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().unique().references('reports.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('referred_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('referred_at', 'text', (c) => c.notNull())
    .addColumn('substantiated', 'integer')
    .addColumn('finding_notes', 'text')
    // The accountability hook: what discipline inspection decided, free text until the checks issue
    // adds accountability records (and a reference to them).
    .addColumn('accountability', 'text')
    .addColumn('found_by', 'text', (c) => c.references('people.id'))
    .addColumn('found_at', 'text')
    .addCheckConstraint('report_referrals_state', sql`state in ('open', 'found')`)
    .addCheckConstraint(
      'report_referrals_finding',
      sql`(state = 'found') = (substantiated is not null and found_by is not null and found_at is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('report_referrals_referred_by')
    .on('report_referrals')
    .column('referred_by')
    .execute();
  await db.schema
    .createIndex('report_referrals_found_by')
    .on('report_referrals')
    .column('found_by')
    .execute();

  // Requests from one client address in a window, per scope (`report` submissions, `status` look-ups).
  await db.schema
    .createTable('public_throttle')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('public_throttle_pk', ['scope', 'address'])
    .execute();

  // Secrets every server process shares (the ALTCHA HMAC key), created on first use.
  await db.schema
    .createTable('public_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Solved challenges already spent: a payload submits one report, never two.
  await db.schema
    .createTable('public_challenges_used')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('public_challenges_used_expires')
    .on('public_challenges_used')
    .column('expires_at')
    .execute();

  await db
    .insertInto('notification_kinds')
    .values([
      { kind: 'reportReceived' },
      { kind: 'supervisionOrdered' },
      { kind: 'orderAnswered' },
      { kind: 'orderSentBack' },
      { kind: 'orderDueSoon' },
      { kind: 'orderOverdue' },
      { kind: 'referralReceived' },
    ])
    .execute();
}

// The database refuses what the application never writes: enumerated columns hold only their values,
// audit ids are 64-bit, and every foreign key column is indexed. On PostgreSQL these are CHECK
// constraints; on SQLite, where a CHECK needs the table rebuilt, BEFORE INSERT/UPDATE triggers
// (docs/decisions/0011-constraints-on-sqlite.md). Frozen in time: the values are written out here, never
// imported, so a later change to the application's lists needs a migration of its own.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

interface Allowed {
  table: string;
  column: string;
  values: readonly (string | number)[];
  nullable?: boolean;
}

const BOOLEAN = [0, 1] as const;

const ALLOWED: Allowed[] = [
  { table: 'org_units', column: 'kind', values: ['bureau', 'unit'] },
  { table: 'people', column: 'status', values: ['active', 'disabled'] },
  { table: 'people', column: 'must_change_password', values: BOOLEAN },
  {
    table: 'person_roles',
    column: 'role',
    values: [
      'firstResponder',
      'deptHead',
      'leaderInCharge',
      'principalLeader',
      'supervisionOffice',
      'disciplineInspection',
      'admin',
    ],
  },
  {
    table: 'chain_assignments',
    column: 'position',
    values: ['firstResponder', 'deptHead', 'leaderInCharge', 'principalLeader'],
  },
  { table: 'calendar_years', column: 'source', values: ['shipped', 'admin'] },
  { table: 'calendar_days', column: 'kind', values: ['holiday', 'workday'] },
  { table: 'cases', column: 'applicant_kind', values: ['person', 'enterprise'] },
  { table: 'cases', column: 'channel', values: ['visit', 'phone', 'letter', 'online', 'counter'] },
  {
    table: 'cases',
    column: 'matter_type',
    values: [
      'licensing',
      'service',
      'assigned',
      'petition',
      'complaint',
      'enquiry',
      'blockage',
      'breakpoint',
    ],
  },
  {
    table: 'cases',
    column: 'state',
    values: [
      'open',
      'atDeptHead',
      'atLeaderInCharge',
      'atPrincipalLeader',
      'resolving',
      'inConsultation',
      'refused',
      'replied',
      'closed',
    ],
  },
  { table: 'cases', column: 'outcome', values: ['done', 'oneTimeNotice', 'refused'], nullable: true },
  {
    table: 'cases',
    column: 'refusal_reason',
    values: ['outOfScope', 'uncertain', 'notPermitted', 'conditionsLacking', 'other'],
    nullable: true,
  },
  { table: 'cases', column: 'cross_department', values: BOOLEAN },
  { table: 'cases', column: 'reply_deadline_provisional', values: BOOLEAN },
  { table: 'cases', column: 'due_provisional', values: BOOLEAN },
  { table: 'case_decisions', column: 'level', values: [2, 3, 4] },
  { table: 'case_decisions', column: 'decision', values: ['resolvable', 'escalate', 'refuse'] },
  { table: 'case_decisions', column: 'by_proposer', values: BOOLEAN },
  {
    table: 'notifications',
    column: 'kind',
    values: ['caseArrived', 'decisionMade', 'caseRefused', 'replyDueSoon', 'replyOverdue'],
  },
  { table: 'outbox', column: 'channel', values: ['email', 'sms'] },
  { table: 'outbox', column: 'outcome', values: ['sent', 'skipped', 'failed'], nullable: true },
  {
    table: 'matters',
    column: 'matter_type',
    values: [
      'licensing',
      'service',
      'assigned',
      'petition',
      'complaint',
      'enquiry',
      'blockage',
      'breakpoint',
    ],
  },
  { table: 'matters', column: 'active', values: BOOLEAN },
];

/** Foreign key columns that no index led by them covered before this migration. */
const UNINDEXED_FOREIGN_KEYS: { table: string; column: string }[] = [
  { table: 'calendar_years', column: 'updated_by' },
  { table: 'cases', column: 'registered_by' },
  { table: 'cases', column: 'proposer_id' },
  { table: 'cases', column: 'matter_id' },
  { table: 'case_co_departments', column: 'department_id' },
  { table: 'case_decisions', column: 'person_id' },
  { table: 'case_decisions', column: 'acting_for' },
  { table: 'acting_deputies', column: 'deputy_id' },
  { table: 'acting_deputies', column: 'for_person_id' },
  { table: 'notifications', column: 'case_id' },
  { table: 'outbox', column: 'person_id' },
  { table: 'outbox', column: 'notification_id' },
  { table: 'case_attachments', column: 'uploaded_by' },
];

function literal(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

/** The SQL condition a valid row meets, on `prefix` (NEW. in a trigger, nothing in a CHECK). */
function validWhen(a: Allowed, prefix = ''): string {
  const inList = `${prefix}${a.column} in (${a.values.map(literal).join(', ')})`;
  return a.nullable
    ? `(${prefix}${a.column} is null or ${inList})`
    : `(${prefix}${a.column} is not null and ${inList})`;
}

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  if (pg) {
    for (const a of ALLOWED) {
      await sql
        .raw(`alter table ${a.table} add constraint ${a.table}_${a.column}_valid check ${validWhen(a)}`)
        .execute(db);
    }
  } else {
    // SQLite runs migrations outside a transaction, so every existing row is checked before anything is
    // created (as ADD CONSTRAINT does on PostgreSQL; a trigger looks only at later writes), and the
    // statements use IF NOT EXISTS so that a run cut short can be repeated.
    for (const a of ALLOWED) {
      const bad = await sql
        .raw<{ n: number }>(`select count(*) as n from ${a.table} where not ${validWhen(a)}`)
        .execute(db);
      if (Number(bad.rows[0]?.n ?? 0) > 0) {
        throw new Error(`0008-constraints: ${a.table}.${a.column} holds a value outside its list`);
      }
    }
    for (const a of ALLOWED) {
      const name = `${a.table}_${a.column}_valid`;
      const message = literal(`${a.table}.${a.column}: value not allowed`);
      await sql
        .raw(
          `create trigger if not exists ${name}_insert before insert on ${a.table}
           when not ${validWhen(a, 'NEW.')}
           begin select raise(abort, ${message}); end`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger if not exists ${name}_update before update of ${a.column} on ${a.table}
           when not ${validWhen(a, 'NEW.')}
           begin select raise(abort, ${message}); end`,
        )
        .execute(db);
    }
  }

  // SQLite's INTEGER PRIMARY KEY is already 64-bit; PostgreSQL's serial is 32-bit.
  if (pg) {
    await sql`alter table audit_events alter column id type bigint`.execute(db);
    await sql`alter sequence audit_events_id_seq as bigint`.execute(db);
  }

  // PostgreSQL indexes the referenced key but never the referencing column: without these, deleting or
  // joining from the parent scans the child table.
  for (const fk of UNINDEXED_FOREIGN_KEYS) {
    await db.schema.createIndex(`${fk.table}_${fk.column}`).on(fk.table).column(fk.column).execute();
  }
}

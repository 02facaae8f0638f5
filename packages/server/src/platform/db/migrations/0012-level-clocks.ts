// Clocks on every approval level (docs/decisions/0015-level-clocks.md). Frozen in time: no application
// imports, the values written out.
//
// - `bureau_settings`: one row of the bureau's time limits, the defaults of the work plan (one working day
//   a level, the reply three working days counted from receipt, follow-up five).
// - `cases.level_entered_on`: the China date the current approval form reached the level the case waits
//   at, set by every change of state; lists find cases past a level's limit by an index on (state, it).
//   Backfilled from the current round's decisions (the latest decided_at) or the proposal.
// - Notification kinds for the level and matter reminders and the hand-over, in the database's list.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

const NOTIFICATION_KINDS = [
  'caseArrived',
  'decisionMade',
  'caseRefused',
  'replyDueSoon',
  'replyOverdue',
  'levelDueSoon',
  'levelOverdue',
  'matterDueSoon',
  'matterOverdue',
  'caseHandedOver',
];

const LEVEL_STATES = ['atDeptHead', 'atLeaderInCharge', 'atPrincipalLeader'];

/** The China date (UTC+8, no daylight saving) of an ISO UTC timestamp. */
function chinaDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('bureau_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('level2_workdays', 'integer', (c) => c.notNull())
    .addColumn('level3_workdays', 'integer', (c) => c.notNull())
    .addColumn('level4_workdays', 'integer', (c) => c.notNull())
    .addColumn('reply_counting', 'text', (c) => c.notNull())
    .addColumn('reply_workdays', 'integer', (c) => c.notNull())
    .addColumn('follow_up_workdays', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text')
    .addCheckConstraint('bureau_settings_one_row', sql`id = 1`)
    .addCheckConstraint(
      'bureau_settings_reply_counting_valid',
      sql`reply_counting in ('receipt', 'finalRefusal')`,
    )
    .addCheckConstraint(
      'bureau_settings_workdays_valid',
      sql`level2_workdays >= 0 and level3_workdays >= 0 and level4_workdays >= 0
          and reply_workdays >= 1 and follow_up_workdays >= 1`,
    )
    .execute();
  await db
    .insertInto('bureau_settings')
    .values({
      id: 1,
      level2_workdays: 1,
      level3_workdays: 1,
      level4_workdays: 1,
      reply_counting: 'receipt',
      reply_workdays: 3,
      follow_up_workdays: 5,
      version: 0,
      updated_at: null,
    })
    .execute();

  await db.schema.alterTable('cases').addColumn('level_entered_on', 'text').execute();
  const waiting = await db
    .selectFrom('cases')
    .select(['id', 'form_round', 'proposed_at'])
    .where('state', 'in', LEVEL_STATES)
    .execute();
  for (const c of waiting as { id: string; form_round: number; proposed_at: string | null }[]) {
    const latest = (await db
      .selectFrom('case_decisions')
      .select((eb) => eb.fn.max('decided_at').as('at'))
      .where('case_id', '=', c.id)
      .where('form_round', '=', c.form_round)
      .executeTakeFirst()) as { at: string | null } | undefined;
    const at = latest?.at ?? c.proposed_at;
    if (at) {
      await db
        .updateTable('cases')
        .set({ level_entered_on: chinaDate(at) })
        .where('id', '=', c.id)
        .execute();
    }
  }
  await db.schema
    .createIndex('cases_state_level_entered')
    .on('cases')
    .columns(['state', 'level_entered_on'])
    .execute();

  const allowed = `kind in (${NOTIFICATION_KINDS.map((k) => `'${k}'`).join(', ')})`;
  if (pg) {
    await sql`alter table notifications drop constraint notifications_kind_valid`.execute(db);
    await sql
      .raw(
        `alter table notifications add constraint notifications_kind_valid check (kind is not null and ${allowed})`,
      )
      .execute(db);
  } else {
    const message = `'notifications.kind: value not allowed'`;
    await sql`drop trigger if exists notifications_kind_valid_insert`.execute(db);
    await sql`drop trigger if exists notifications_kind_valid_update`.execute(db);
    const when = `not (NEW.kind is not null and NEW.${allowed})`;
    await sql
      .raw(
        `create trigger notifications_kind_valid_insert before insert on notifications when ${when}
         begin select raise(abort, ${message}); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger notifications_kind_valid_update before update of kind on notifications when ${when}
         begin select raise(abort, ${message}); end`,
      )
      .execute(db);
  }
}

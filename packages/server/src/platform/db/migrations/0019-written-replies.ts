// Written replies and the reply letter (issue 8). Frozen in time: no application imports, values written out.
//
// - `case_replies.sent_on`, `delivery`, `address`: a written reply's day sent (China date), how it went
//   (post 邮寄, hand 当面送达, email 电子邮件) and where to; null for phone replies and older written ones.
// - `cases.replied_on`: the first reply's China date, kept on the case so that lists show an answer that came
//   late (答复逾期 N 个工作日) without reading the replies; backfilled from case_replies.
// - `cases.letter_year`, `letter_seq`, `letter_number`: the reply letter's 文号 (〔2026〕12号), allocated once
//   per case from `reply_letter_sequences` (per department and year, an upsert inside the allocating
//   transaction, so several servers never issue one number twice); unique per department, year and number.
// - `bureau_settings.contact_phone`: the number the reply letter gives the applicant.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

const DELIVERIES = "('post', 'hand', 'email')";

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema.alterTable('case_replies').addColumn('sent_on', 'text').execute();
  await db.schema.alterTable('case_replies').addColumn('delivery', 'text').execute();
  await db.schema.alterTable('case_replies').addColumn('address', 'text').execute();
  if (pg) {
    await sql
      .raw(
        `alter table case_replies add constraint case_replies_delivery_valid
         check (delivery is null or delivery in ${DELIVERIES})`,
      )
      .execute(db);
  } else {
    const message = "'case_replies.delivery: value not allowed'";
    for (const [suffix, event] of [
      ['insert', 'insert'],
      ['update', 'update of delivery'],
    ] as const) {
      await sql
        .raw(
          `create trigger if not exists case_replies_delivery_valid_${suffix} before ${event} on case_replies
           when not (NEW.delivery is null or NEW.delivery in ${DELIVERIES})
           begin select raise(abort, ${message}); end`,
        )
        .execute(db);
    }
  }

  await db.schema.alterTable('cases').addColumn('replied_on', 'text').execute();
  await db.schema.alterTable('cases').addColumn('letter_year', 'integer').execute();
  await db.schema.alterTable('cases').addColumn('letter_seq', 'integer').execute();
  await db.schema.alterTable('cases').addColumn('letter_number', 'text').execute();
  await sql`
    update cases set replied_on = (select min(r.replied_on) from case_replies r where r.case_id = cases.id)
    where exists (select 1 from case_replies r where r.case_id = cases.id)
  `.execute(db);
  await db.schema
    .createIndex('cases_letter_number_unique')
    .unique()
    .on('cases')
    .columns(['department_id', 'letter_year', 'letter_seq'])
    .execute();

  await db.schema
    .createTable('reply_letter_sequences')
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('next_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('reply_letter_sequences_pk', ['department_id', 'year'])
    .execute();

  await db.schema.alterTable('bureau_settings').addColumn('contact_phone', 'text').execute();
}

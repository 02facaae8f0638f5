// Case facts in their own tables: hand-overs, replies (phone and written), the applicant's feedback,
// consultations (会商), follow-up checks (跟踪问效), co-department contributions and one-time notices
// (一次性告知), and on the case the time its approval form was proposed. Until now they lived only in audit_events payloads; this moves them out (the audit log keeps
// its events as history, unchanged). Each table is keyed by case for plain SQL aggregates (replies within
// three working days, refusals per level, …). Frozen in time: no application imports.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

interface EventRow {
  id: number | string;
  occurred_at: string;
  type: string;
  actor_id: string | null;
  subject_id: string | null;
  payload: string;
}

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** A time as the services store it (ISO-8601 UTC); the time as given when it does not parse. */
const utc = (v: string): string => (Number.isNaN(Date.parse(v)) ? v : new Date(v).toISOString());
/** The date in China Standard Time of an ISO time. */
const chinaDate = (iso: string): string =>
  Number.isNaN(Date.parse(iso))
    ? iso.slice(0, 10)
    : new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('case_handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('from_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('to_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('handed_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('note', 'text')
    .addColumn('handed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('replied_by', 'text', (c) => c.notNull().references('people.id'))
    // When the applicant was answered: the call's time for a phone reply, the recording for a written one.
    .addColumn('replied_at', 'text', (c) => c.notNull())
    // The same day in China (YYYY-MM-DD): "answered within the deadline" is replied_on <= reply_deadline.
    .addColumn('replied_on', 'text', (c) => c.notNull())
    // The number called, in full: the work plan requires it in the record. Nowhere else keeps it.
    .addColumn('phone_called', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addCheckConstraint('case_replies_channel', sql`channel in ('phone', 'written')`)
    .addCheckConstraint(
      'case_replies_phone_called',
      sql`(channel = 'phone' and phone_called is not null and answered_by is not null) or (channel = 'written' and phone_called is null)`,
    )
    .execute();

  await db.schema
    .createTable('case_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addCheckConstraint('case_feedback_accepted', sql`accepted in (0, 1)`)
    .execute();

  // One row per consultation: requested first, its meeting recorded later (the held_at… columns).
  await db.schema
    .createTable('case_consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('requested_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text')
    .addColumn('participants', 'text')
    .addColumn('conclusion', 'text')
    .addColumn('record', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('recorded_at', 'text')
    .addCheckConstraint(
      'case_consultations_conclusion',
      sql`conclusion is null or conclusion in ('resolvable', 'notResolvable')`,
    )
    .addCheckConstraint(
      'case_consultations_recorded',
      sql`(recorded_at is null and conclusion is null) or (recorded_at is not null and conclusion is not null and held_at is not null and participants is not null and record is not null and recorded_by is not null)`,
    )
    .execute();

  await db.schema
    .createTable('case_follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_contributions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('given_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('given_at', 'text', (c) => c.notNull())
    .execute();

  for (const table of [
    'case_handovers',
    'case_replies',
    'case_feedback',
    'case_consultations',
    'case_follow_ups',
    'case_contributions',
    'case_notices',
  ]) {
    await db.schema.createIndex(`${table}_case`).on(table).column('case_id').execute();
  }
  await db.schema.createIndex('case_replies_replied_on').on('case_replies').column('replied_on').execute();
  await db.schema
    .createIndex('case_contributions_department')
    .on('case_contributions')
    .column('department_id')
    .execute();
  // Every column that names a person is a foreign key: PostgreSQL indexes none of them by itself.
  for (const [table, column] of [
    ['case_handovers', 'from_person_id'],
    ['case_handovers', 'to_person_id'],
    ['case_handovers', 'handed_by'],
    ['case_replies', 'replied_by'],
    ['case_feedback', 'recorded_by'],
    ['case_consultations', 'requested_by'],
    ['case_consultations', 'recorded_by'],
    ['case_follow_ups', 'person_id'],
    ['case_contributions', 'person_id'],
    ['case_notices', 'given_by'],
  ] as const) {
    await db.schema.createIndex(`${table}_${column}`).on(table).column(column).execute();
  }

  // When the current approval form was proposed (the first responder's date on the form).
  await db.schema.alterTable('cases').addColumn('proposed_at', 'text').execute();

  await moveFactsOutOfAudit(db);
}

/** Reads every case event in order and writes the facts it carried into the new tables. */
async function moveFactsOutOfAudit(db: AnyDb): Promise<void> {
  const events: EventRow[] = await db
    .selectFrom('audit_events')
    .select(['id', 'occurred_at', 'type', 'actor_id', 'subject_id', 'payload'])
    .where('subject_type', '=', 'case')
    .where('type', 'in', [
      'case.handOver',
      'case.recordReply',
      'case.recordFeedback',
      'case.requestConsultation',
      'case.recordConsultation',
      'case.recordFollowUp',
      'case.contributionRecorded',
      'case.giveOneTimeNotice',
      'case.proposeRefusal',
    ])
    .orderBy('id')
    .execute();
  for (const e of events) {
    const caseId = e.subject_id;
    const by = e.actor_id;
    if (!caseId || !by) continue;
    const payload = obj(JSON.parse(e.payload));
    const action = obj(payload['action']);
    const at = e.occurred_at;
    switch (e.type) {
      case 'case.handOver': {
        const from = str(obj(payload['before'])['firstResponderId']);
        const to = str(obj(payload['after'])['firstResponderId']) ?? str(action['toPersonId']);
        if (!from || !to) break;
        await db
          .insertInto('case_handovers')
          .values({
            id: randomUUID(),
            case_id: caseId,
            from_person_id: from,
            to_person_id: to,
            handed_by: by,
            note: str(action['note']),
            handed_at: at,
          })
          .execute();
        break;
      }
      case 'case.recordReply': {
        const phone = action['method'] === 'phone';
        const repliedAt = utc((phone && str(action['calledAt'])) || at);
        await db
          .insertInto('case_replies')
          .values({
            id: randomUUID(),
            case_id: caseId,
            channel: phone ? 'phone' : 'written',
            replied_by: by,
            replied_at: repliedAt,
            replied_on: chinaDate(repliedAt),
            phone_called: phone ? (str(action['phoneNumber']) ?? '') : null,
            answered_by: phone ? (str(action['answeredBy']) ?? '') : null,
            content: str(action['content']) ?? '',
            recorded_at: at,
          })
          .execute();
        break;
      }
      case 'case.recordFeedback':
        await db
          .insertInto('case_feedback')
          .values({
            id: randomUUID(),
            case_id: caseId,
            accepted: action['accepted'] === true ? 1 : 0,
            text: str(action['text']),
            recorded_by: by,
            recorded_at: at,
          })
          .execute();
        break;
      case 'case.requestConsultation':
        await db
          .insertInto('case_consultations')
          .values({
            id: randomUUID(),
            case_id: caseId,
            requested_by: by,
            requested_at: at,
            proposal: str(action['proposal']) ?? '',
          })
          .execute();
        break;
      case 'case.recordConsultation': {
        const open: { id: string } | undefined = await db
          .selectFrom('case_consultations')
          .select('id')
          .where('case_id', '=', caseId)
          .where('recorded_at', 'is', null)
          .orderBy('requested_at', 'desc')
          .executeTakeFirst();
        const id = open?.id ?? randomUUID();
        if (!open) {
          await db
            .insertInto('case_consultations')
            .values({ id, case_id: caseId, requested_by: by, requested_at: at, proposal: '' })
            .execute();
        }
        await db
          .updateTable('case_consultations')
          .set({
            held_at: str(action['heldAt']) ?? at,
            participants: str(action['participants']) ?? '',
            conclusion: action['conclusion'] === 'resolvable' ? 'resolvable' : 'notResolvable',
            record: str(action['record']) ?? '',
            recorded_by: by,
            recorded_at: at,
          })
          .where('id', '=', id)
          .execute();
        break;
      }
      case 'case.recordFollowUp':
        await db
          .insertInto('case_follow_ups')
          .values({
            id: randomUUID(),
            case_id: caseId,
            person_id: by,
            note: str(action['note']) ?? '',
            recorded_at: at,
          })
          .execute();
        break;
      case 'case.contributionRecorded': {
        const departmentId = str(payload['departmentId']);
        if (!departmentId) break;
        await db
          .insertInto('case_contributions')
          .values({
            id: randomUUID(),
            case_id: caseId,
            department_id: departmentId,
            person_id: by,
            text: str(payload['text']) ?? '',
            recorded_at: at,
          })
          .execute();
        break;
      }
      case 'case.proposeRefusal':
        // Events come in order: the last proposal's time stays.
        await db.updateTable('cases').set({ proposed_at: at }).where('id', '=', caseId).execute();
        break;
      case 'case.giveOneTimeNotice':
        await db
          .insertInto('case_notices')
          .values({
            id: randomUUID(),
            case_id: caseId,
            given_by: by,
            notice: str(action['notice']) ?? '',
            given_at: at,
          })
          .execute();
        break;
    }
  }
}

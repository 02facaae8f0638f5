// The kinds of notification the database accepts, as a list of their own: each feature that adds a kind
// adds it here (while this migration is unreleased) or in a later migration like it. As in 0008, a CHECK
// constraint on PostgreSQL and BEFORE INSERT/UPDATE triggers on SQLite; the values are written out, never
// imported, so a released list never changes under a database that ran it.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

const KINDS = [
  'caseArrived',
  'decisionMade',
  'caseRefused',
  'replyDueSoon',
  'replyOverdue',
  // Level clocks and hand-overs (0012).
  'levelDueSoon',
  'levelOverdue',
  'matterDueSoon',
  'matterOverdue',
  'caseHandedOver',
  // The holiday schedule of next year is not loaded (0014).
  'calendarMissing',
  // Acting deputies: the deputy and the holder are told of an appointment and of its early end.
  'deputyAppointed',
  'deputyEnded',
] as const;

const NAME = 'notifications_kind_valid';
const VALID = `kind in (${KINDS.map((k) => `'${k}'`).join(', ')})`;

export async function up(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql.raw(`alter table notifications drop constraint if exists ${NAME}`).execute(db);
    await sql
      .raw(`alter table notifications add constraint ${NAME} check (kind is not null and ${VALID})`)
      .execute(db);
    return;
  }
  const message = `'notifications.kind: value not allowed'`;
  for (const [suffix, event] of [
    ['insert', 'insert'],
    ['update', 'update of kind'],
  ] as const) {
    await sql.raw(`drop trigger if exists ${NAME}_${suffix}`).execute(db);
    await sql
      .raw(
        `create trigger ${NAME}_${suffix} before ${event} on notifications
         when not (NEW.kind is not null and NEW.${VALID})
         begin select raise(abort, ${message}); end`,
      )
      .execute(db);
  }
}

// The kinds of notification the database accepts become rows of their own table, so that a feature adds
// its kinds with an insert in its own migration instead of rewriting one list (0015 was that list).
// PostgreSQL: a foreign key from notifications.kind. SQLite cannot add a foreign key to an existing table,
// so BEFORE INSERT/UPDATE triggers look the kind up, as the constraints of 0008 do.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

// Written out, never imported: a released migration never changes under a database that ran it.
const KINDS = [
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
  'calendarMissing',
  'deputyAppointed',
  'deputyEnded',
];

const OLD = 'notifications_kind_valid';
const NAME = 'notifications_kind_known';

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('notification_kinds')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .execute();
  await db
    .insertInto('notification_kinds')
    .values(KINDS.map((kind) => ({ kind })))
    .execute();
  // Every foreign key column is led by an index (0008's rule); the triggers on SQLite use the table's key.
  await db.schema.createIndex('notifications_kind').on('notifications').column('kind').execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql.raw(`alter table notifications drop constraint if exists ${OLD}`).execute(db);
    await sql
      .raw(
        `alter table notifications add constraint ${NAME}
         foreign key (kind) references notification_kinds (kind)`,
      )
      .execute(db);
    return;
  }
  const message = `'notifications.kind: value not allowed'`;
  for (const [suffix, event] of [
    ['insert', 'insert'],
    ['update', 'update of kind'],
  ] as const) {
    await sql.raw(`drop trigger if exists ${OLD}_${suffix}`).execute(db);
    await sql
      .raw(
        `create trigger ${NAME}_${suffix} before ${event} on notifications
         when NEW.kind is null or not exists (select 1 from notification_kinds k where k.kind = NEW.kind)
         begin select raise(abort, ${message}); end`,
      )
      .execute(db);
  }
}

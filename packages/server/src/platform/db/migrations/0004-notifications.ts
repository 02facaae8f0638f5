// The in-app inbox (我的待办 notifications) and the transactional outbox that carries them out by email
// and SMS. Both are written in the same transaction as the change that causes them; a worker sends the
// outbox. Frozen in time: no application imports.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Reminders carry a key (kind, case, due date, person) so each is created once, whichever process
    // or tick gets there first; notifications caused by an action have none.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_person_created')
    .on('notifications')
    .columns(['person_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notifications_person_unread')
    .on('notifications')
    .columns(['person_id', 'read_at'])
    .execute();

  // One row per message to send. sent_at is when delivery finished, and outcome says how: sent, skipped
  // (the channel is not configured or the person has no address) or failed (gave up after retries).
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('notification_id', 'text', (c) => c.references('notifications.id'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['sent_at', 'due_at']).execute();
}

// Notifications stored as a kind and its parameters, rendered in the reader's language (decision record
// "Messages in the reader's language"): `notifications.params` holds the parameters as JSON; rows written
// before keep null and their Chinese title and body. `people.language` is the language a person reads in
// ('zh' or 'en', Chinese by default), which the outbox writes their email and SMS in. As in 0008, the
// enumerated column is a CHECK constraint on PostgreSQL and BEFORE INSERT/UPDATE triggers on SQLite.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

const NAME = 'people_language_valid';
const VALID = (prefix: string) => `(${prefix}language is not null and ${prefix}language in ('zh', 'en'))`;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('params', 'text').execute();
  await db.schema
    .alterTable('people')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('zh'))
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql.raw(`alter table people add constraint ${NAME} check ${VALID('')}`).execute(db);
    return;
  }
  const message = `'people.language: value not allowed'`;
  for (const [suffix, event] of [
    ['insert', 'insert'],
    ['update', 'update of language'],
  ] as const) {
    await sql
      .raw(
        `create trigger if not exists ${NAME}_${suffix} before ${event} on people
         when not ${VALID('NEW.')}
         begin select raise(abort, ${message}); end`,
      )
      .execute(db);
  }
}

// Idempotency keys: a creating or changing request sent with an `Idempotency-Key` header is answered once;
// a repeat gets the first answer. The row is claimed and completed in the transaction of the change it
// answers, so a change never commits without its key, nor a key without its change. Keys are per person.
// Frozen in time: no application imports.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    // SHA-256 (hex) of the method, the path and the request body: the same key with another request is refused.
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    // The JSON answer, written before the claiming transaction commits (null only inside it).
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['person_id', 'key'])
    .execute();
  // The periodic sweep deletes keys by age.
  await db.schema
    .createIndex('idempotency_keys_created')
    .on('idempotency_keys')
    .column('created_at')
    .execute();
}

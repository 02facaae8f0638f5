// The idempotency_keys table (migration 0011): claimed and completed inside the change's transaction.
import type { Db, Trx } from '../db/database.ts';
import type { IdempotencyKeyTable } from '../db/schema.ts';

export type IdempotencyKeyRow = IdempotencyKeyTable;

export async function findIdempotencyKey(
  db: Db | Trx,
  args: { personId: string; key: string },
): Promise<IdempotencyKeyRow | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('person_id', '=', args.personId)
    .where('key', '=', args.key)
    .executeTakeFirst();
}

/** Inserts the key with no answer yet: a second transaction with the same key fails on the primary key. */
export async function insertIdempotencyKey(
  trx: Trx,
  row: Omit<IdempotencyKeyRow, 'response'>,
): Promise<void> {
  await trx
    .insertInto('idempotency_keys')
    .values({ ...row, response: null })
    .execute();
}

export async function storeIdempotentResponse(
  trx: Trx,
  args: { personId: string; key: string; response: string },
): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ response: args.response })
    .where('person_id', '=', args.personId)
    .where('key', '=', args.key)
    .execute();
}

export async function deleteIdempotencyKeysBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

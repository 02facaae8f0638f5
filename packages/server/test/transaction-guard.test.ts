// A query on the database handle inside one of its transaction callbacks fails at once with a clear
// error, on both dialects (before: SQLite waited forever, PostgreSQL ran it outside the transaction).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';
import { QUERY_OUTSIDE_TRANSACTION } from '../src/platform/db/transaction-guard.ts';

describe.each(DIALECTS)('queries on the handle inside a transaction [%s]', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('rejects a query on the handle inside the callback, and rolls the transaction back', async () => {
    const db = t.ctx.database.db;
    const before = await db.selectFrom('org_units').select('id').execute();
    // Before, on SQLite this never settled (the test timed out); on PostgreSQL it ran outside.
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('org_units').set({ name: '改名后' }).where('parent_id', 'is', null).execute();
        return db.selectFrom('org_units').selectAll().execute();
      }),
    ).rejects.toThrow(QUERY_OUTSIDE_TRANSACTION);
    const root = await db
      .selectFrom('org_units')
      .select('name')
      .where('parent_id', 'is', null)
      .executeTakeFirst();
    expect(root?.name).not.toBe('改名后');
    expect((await db.selectFrom('org_units').select('id').execute()).length).toBe(before.length);
  });

  it('rejects raw SQL, nested transactions and queries after an await in a helper', async () => {
    const db = t.ctx.database.db;
    const helper = async () => {
      await Promise.resolve();
      return sql`select 1 as one`.execute(db);
    };
    for (const inside of [
      () => helper(),
      () => db.transaction().execute(async (inner) => inner.selectFrom('people').select('id').execute()),
    ]) {
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.selectFrom('people').select('id').execute();
          return inside();
        }),
      ).rejects.toThrow(QUERY_OUTSIDE_TRANSACTION);
    }
  });

  it('still lets the handle and many transactions run side by side, and the handle after a commit', async () => {
    const db = t.ctx.database.db;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? db.transaction().execute(async (trx) => {
              const rows = await trx.selectFrom('people').select('id').execute();
              await trx.selectFrom('departments').select('id').execute();
              return rows.length;
            })
          : db
              .selectFrom('people')
              .select('id')
              .execute()
              .then((rows) => rows.length),
      ),
    );
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toBeGreaterThan(0);
    const after = await db
      .transaction()
      .execute(async (trx) => trx.selectFrom('people').select('id').execute());
    // After the transaction, the same async context may use the handle again.
    expect((await db.selectFrom('people').select('id').execute()).length).toBe(after.length);
  });
});

// The database itself refuses values outside the enumerated lists, keeps audit ids 64-bit and indexes
// every foreign key column (migration 0008-constraints).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';

describe.each(DIALECTS)('database constraints [%s]', (dialect) => {
  let t: TestApp;
  let caseId: string;
  let personId: string;
  const db = () => t.ctx.database.db;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const c = await db().selectFrom('cases').select('id').orderBy('number').executeTakeFirstOrThrow();
    caseId = c.id;
    const p = await db()
      .selectFrom('people')
      .select('id')
      .where('username', '=', 'shouwen')
      .executeTakeFirstOrThrow();
    personId = p.id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  /** Runs `statement` and answers whether the database refused it (nothing else is written). */
  const refused = async (statement: ReturnType<typeof sql.raw>) => {
    try {
      await db()
        .transaction()
        .execute(async (trx) => {
          await statement.execute(trx);
          throw new Error('accepted');
        });
    } catch (e) {
      return (e as Error).message !== 'accepted';
    }
    return false;
  };

  it('refuses a case state, outcome, channel or refusal reason outside the lists, on insert and update', async () => {
    expect(await refused(sql.raw(`update cases set state = 'lost' where id = '${caseId}'`))).toBe(true);
    expect(await refused(sql.raw(`update cases set outcome = 'maybe' where id = '${caseId}'`))).toBe(true);
    expect(await refused(sql.raw(`update cases set channel = 'pigeon' where id = '${caseId}'`))).toBe(true);
    expect(await refused(sql.raw(`update cases set refusal_reason = 'whim' where id = '${caseId}'`))).toBe(
      true,
    );
    expect(await refused(sql.raw(`update cases set cross_department = 2 where id = '${caseId}'`))).toBe(true);
    // The same statements with allowed values go through: the check is on the value, not the statement.
    expect(await refused(sql.raw(`update cases set state = 'closed' where id = '${caseId}'`))).toBe(false);
    expect(await refused(sql.raw(`update cases set outcome = null where id = '${caseId}'`))).toBe(false);
    const state = await db()
      .selectFrom('cases')
      .select('state')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(state.state).not.toBe('lost');
  });

  it('refuses a role, chain position, decision, level or notification value outside the lists', async () => {
    expect(
      await refused(sql.raw(`insert into person_roles (person_id, role) values ('${personId}', 'emperor')`)),
    ).toBe(true);
    expect(
      await refused(
        sql.raw(`insert into person_roles (person_id, role) values ('${personId}', 'supervisionOffice')`),
      ),
    ).toBe(false);
    expect(
      await refused(
        sql.raw(`update chain_assignments set position = 'boss' where person_id = '${personId}'`),
      ),
    ).toBe(true);
    const decision = (value: string, level: number) =>
      sql.raw(
        `insert into case_decisions (id, case_id, form_round, level, decision, opinion, person_id, by_proposer, decided_at)
         values ('d-${value}-${level}', '${caseId}', 99, ${level}, '${value}', 'x', '${personId}', 0, '2026-03-10T01:00:00.000Z')`,
      );
    expect(await refused(decision('perhaps', 2))).toBe(true);
    expect(await refused(decision('escalate', 5))).toBe(true);
    expect(await refused(decision('escalate', 2))).toBe(false);
    const notification = (kind: string) =>
      sql.raw(
        `insert into notifications (id, person_id, kind, case_id, title, body, created_at)
         values ('n-${kind}', '${personId}', '${kind}', null, 't', 'b', '2026-03-10T01:00:00.000Z')`,
      );
    expect(await refused(notification('gossip'))).toBe(true);
    expect(await refused(notification('caseArrived'))).toBe(false);
    const outbox = (channel: string, outcome: string) =>
      sql.raw(
        `insert into outbox (id, channel, person_id, dedupe_key, payload, due_at, outcome, created_at)
         values ('o-${channel}-${outcome}', '${channel}', '${personId}', 'k-${channel}-${outcome}', '{}',
                 '2026-03-10T01:00:00.000Z', ${outcome === 'null' ? 'null' : `'${outcome}'`}, '2026-03-10T01:00:00.000Z')`,
      );
    expect(await refused(outbox('fax', 'null'))).toBe(true);
    expect(await refused(outbox('email', 'lost'))).toBe(true);
    expect(await refused(outbox('sms', 'sent'))).toBe(false);
  });

  it('keeps audit ids 64-bit: bigint on PostgreSQL, the INTEGER PRIMARY KEY rowid on SQLite', async () => {
    if (dialect === 'postgres') {
      const column = await sql<{ data_type: string }>`
        select data_type from information_schema.columns
        where table_schema = current_schema() and table_name = 'audit_events' and column_name = 'id'`.execute(
        db(),
      );
      expect(column.rows[0]?.data_type).toBe('bigint');
      const seq = await sql<{ data_type: string }>`
        select data_type from information_schema.sequences
        where sequence_schema = current_schema() and sequence_name = 'audit_events_id_seq'`.execute(db());
      expect(seq.rows[0]?.data_type).toBe('bigint');
      // Past 2^31: the next id the log hands out still fits.
      await sql`select setval('audit_events_id_seq', 3000000000)`.execute(db());
      await sql`insert into audit_events (occurred_at, type, payload)
                values ('2026-03-10T01:00:00.000Z', 'system.test', '{}')`.execute(db());
    } else {
      const column = await sql<{ type: string; pk: number }>`
        select lower(type) as type, pk from pragma_table_info('audit_events') where name = 'id'`.execute(
        db(),
      );
      expect(column.rows[0]).toEqual({ type: 'integer', pk: 1 });
      await sql`insert into audit_events (id, occurred_at, type, payload)
                values (3000000000, '2026-03-10T01:00:00.000Z', 'system.test', '{}')`.execute(db());
      await sql`insert into audit_events (occurred_at, type, payload)
                values ('2026-03-10T01:00:00.000Z', 'system.test', '{}')`.execute(db());
    }
    const last = await sql<{ id: string }>`select cast(max(id) as text) as id from audit_events`.execute(
      db(),
    );
    expect(last.rows[0]?.id).toBe('3000000001');
  });

  it('covers every foreign key column with an index led by it', async () => {
    const fks =
      dialect === 'postgres'
        ? await sql<{ table_name: string; column_name: string; covered: boolean }>`
            select c.conrelid::regclass::text as table_name, a.attname as column_name,
                   exists (
                     select 1 from pg_index i
                     where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]
                   ) as covered
            from pg_catalog.pg_constraint c
            join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
            where c.contype = 'f' and c.connamespace = current_schema()::regnamespace
            order by 1, 2`.execute(db())
        : await sql<{ table_name: string; column_name: string; covered: number }>`
            select m.name as table_name, f."from" as column_name,
                   exists (
                     select 1 from pragma_index_list(m.name) il
                     join pragma_index_info(il.name) ii on ii.seqno = 0
                     where ii.name = f."from"
                   ) as covered
            from sqlite_master m join pragma_foreign_key_list(m.name) f
            where m.type = 'table'
            order by 1, 2`.execute(db());
    expect(fks.rows.length).toBeGreaterThanOrEqual(28);
    expect(fks.rows.filter((r) => !r.covered).map((r) => `${r.table_name}.${r.column_name}`)).toEqual([]);
  });
});

// The database itself refuses values outside the enumerated lists, keeps audit ids 64-bit and indexes
// every foreign key column (migration 0008-constraints).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { NOTIFICATION_KINDS } from '@bancheng/core';
import { openDatabase, type Database, type Dialect } from '../src/platform/db/database.ts';
import { migrateTo, migrateToLatest } from '../src/platform/db/migrator.ts';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';

/** An empty database of its own (a fresh SQLite file or PostgreSQL schema), dropped by `drop`. */
async function emptyDatabase(dialect: Dialect): Promise<{ database: Database; drop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-constraints-'));
  const base = process.env['TEST_DATABASE_URL'];
  if (dialect === 'sqlite' || !base) {
    const database = openDatabase({ sqliteFile: path.join(dir, 'db.sqlite') });
    return {
      database,
      drop: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const database = openDatabase({ databaseUrl: url.toString(), sqliteFile: '' });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

const unit = (id: string, kind: string) =>
  sql.raw(`insert into org_units (id, parent_id, kind, name, sort_order, version, created_at, updated_at)
           values ('${id}', null, '${kind}', '${id}', 0, 0, '2026-03-10T01:00:00.000Z', '2026-03-10T01:00:00.000Z')`);
const auditRow = (type: string) =>
  sql.raw(
    `insert into audit_events (occurred_at, type, payload) values ('2026-03-10T01:00:00.000Z', '${type}', '{}')`,
  );

describe.each(DIALECTS)('migration 0008 on a database that holds data [%s]', (dialect) => {
  it('keeps the audit log and its ids, and the next id follows on', async () => {
    const { database, drop } = await emptyDatabase(dialect);
    try {
      const db = database.db;
      await migrateTo(db, '0006-matters');
      await unit('u1', 'bureau').execute(db);
      for (const type of ['system.a', 'system.b', 'system.c']) await auditRow(type).execute(db);
      const before = await db.selectFrom('audit_events').select(['id', 'type']).orderBy('id').execute();
      expect(await migrateToLatest(db)).toContain('0008-constraints');
      const after = await db.selectFrom('audit_events').select(['id', 'type']).orderBy('id').execute();
      expect(after.map((r) => [String(r.id), r.type])).toEqual(before.map((r) => [String(r.id), r.type]));
      await auditRow('system.d').execute(db);
      const last = await db
        .selectFrom('audit_events')
        .select('id')
        .where('type', '=', 'system.d')
        .executeTakeFirstOrThrow();
      expect(Number(last.id)).toBe(Number(before[2]?.id) + 1);
    } finally {
      await drop();
    }
  });

  it('stops when a row already holds a value outside its list', async () => {
    const { database, drop } = await emptyDatabase(dialect);
    try {
      const db = database.db;
      await migrateTo(db, '0006-matters');
      await unit('u1', 'bureau').execute(db);
      // A later column in the migration's list than org_units.kind, whose check would come first.
      await sql`insert into calendar_years (year, source, updated_at) values (2099, 'guess', '2026-03-10')`.execute(
        db,
      );
      await expect(migrateToLatest(db)).rejects.toThrow();
      if (dialect === 'sqlite') {
        const triggers = await sql<{ name: string }>`
          select name from sqlite_master where type = 'trigger' and name like '%_valid_%'`.execute(db);
        expect(triggers.rows).toEqual([]);
      }
      const applied = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(
        db,
      );
      expect(applied.rows.map((r) => r.name)).not.toContain('0008-constraints');
    } finally {
      await drop();
    }
  });
});

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
    // Every kind the code knows is a row of notification_kinds (0016): a feature adding a kind inserts it
    // in its own migration, and this fails when one forgets.
    const known = await db().selectFrom('notification_kinds').select('kind').execute();
    expect(known.map((k) => k.kind).sort()).toEqual([...NOTIFICATION_KINDS].sort());
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

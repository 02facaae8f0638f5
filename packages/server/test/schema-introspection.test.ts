// The database's introspection (what Kysely's migrator asks before it creates its tables) sees the
// schema in use only. On PostgreSQL the tests give every app a schema of its own in one database and
// drop it afterwards; introspecting the whole database named schemas that other sessions were dropping
// and failed with `schema "t_…" does not exist` when two test workers ran at once.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/platform/db/migrator.ts';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';

describe.each(DIALECTS)('introspection of the schema in use [%s]', (dialect) => {
  let t: TestApp;
  let admin: pg.Client | undefined;
  const sibling = `t_${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const base = process.env['TEST_DATABASE_URL'];
    if (dialect === 'postgres' && base) {
      admin = new pg.Client({ connectionString: base });
      await admin.connect();
      // Another app's schema in the same database, with a table of the same name and one of its own.
      await admin.query(`create schema ${sibling}`);
      await admin.query(`create table ${sibling}.people (id text primary key, elsewhere text)`);
      await admin.query(`create table ${sibling}.only_elsewhere (id text primary key)`);
    }
  });
  afterAll(async () => {
    await admin?.query(`drop schema if exists ${sibling} cascade`);
    await admin?.end();
    await t.dispose();
  });

  it('lists the tables of this database (schema) only, each once, with their own columns', async () => {
    const tables = await t.ctx.database.db.introspection.getTables();
    const names = tables.map((table) => table.name);
    expect(names).toContain('people');
    expect(names).toContain('cases');
    expect(names).not.toContain('only_elsewhere');
    expect(new Set(names).size).toBe(names.length);
    const people = tables.find((table) => table.name === 'people');
    expect(people?.columns.map((c) => c.name)).not.toContain('elsewhere');
    if (dialect === 'postgres') {
      const schemas = new Set(tables.map((table) => table.schema));
      expect(schemas.size).toBe(1);
      expect(schemas.has(sibling)).toBe(false);
    }
  });

  it("Kysely's own tables are listed only when asked for", async () => {
    const db = t.ctx.database.db;
    const all = (await db.introspection.getTables({ withInternalKyselyTables: true })).map((x) => x.name);
    expect(all).toContain('schema_migrations');
    expect(all).toContain('schema_migrations_lock');
  });

  it('migrating again finds its tables while other schemas are created and dropped meanwhile', async () => {
    // A second session keeps creating and dropping schemas with tables in them while this app's
    // migrator introspects: no lookup may name a schema that another session drops.
    let churning = true;
    const churn = (async () => {
      if (!admin) return 0;
      let n = 0;
      while (churning) {
        const name = `t_${randomBytes(6).toString('hex')}`;
        await admin.query(`create schema ${name}`);
        await admin.query(`create table ${name}.churn (id serial primary key, a text, b text, c text)`);
        await admin.query(`drop schema ${name} cascade`);
        n++;
      }
      return n;
    })();
    try {
      for (let i = 0; i < 25; i++) expect(await migrateToLatest(t.ctx.database.db)).toEqual([]);
    } finally {
      churning = false;
    }
    if (dialect === 'postgres') expect(await churn).toBeGreaterThan(0);
    else await churn;
  });
});

// "Nothing changed" made provable: a SHA-256 over the whole database, every table (audit and outbox
// included; only the migration bookkeeping left out), each row in a canonical form, rows sorted.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TestApp } from './harness.ts';

type Row = Record<string, unknown>;

/** SQLite's full-text tables (and their shadow tables): written only by triggers, from `cases`, whose
 * rows the digest holds; reading their index blobs after every request would only make it slow. */
const DERIVED = ['case_search_trigram', 'case_search_chars'];

/** The application's tables in the current database (SQLite file or PostgreSQL schema), by name. */
export async function tableNames(app: TestApp): Promise<string[]> {
  const db = app.ctx.database.db;
  const result =
    app.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite\_%' escape '\\'`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return result.rows
    .map((r) => r.name)
    .filter((name) => !name.startsWith('schema_migrations'))
    .filter((name) => !DERIVED.some((prefix) => name.startsWith(prefix)))
    .sort();
}

/** Every row of every table, as stored. */
export async function readAllTables(app: TestApp): Promise<Record<string, Row[]>> {
  const db = app.ctx.database.db;
  const tables: Record<string, Row[]> = {};
  for (const name of await tableNames(app)) {
    tables[name] = (await sql<Row>`select * from ${sql.table(name)}`.execute(db)).rows;
  }
  return tables;
}

/** One value the same way on both databases: numbers and bigints as decimal text, bytes as hex. */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint' || typeof value === 'number') return String(value);
  if (value instanceof Uint8Array) return `hex:${Buffer.from(value).toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  return value;
}

function canonicalRow(row: Row, ignored: readonly string[]): string {
  return JSON.stringify(
    Object.keys(row)
      .filter((k) => !ignored.includes(k))
      .sort()
      .map((k) => [k, canonical(row[k])]),
  );
}

export interface DigestOptions {
  /** Columns left out, by table: `sessions.last_seen_at` moves whenever a session is used to read. */
  ignore?: Record<string, readonly string[]>;
  /** Tables left out whole: the public routes' per-address counters count every attempt, refused or not. */
  skipTables?: readonly string[];
}

/** SHA-256 (hex) over the sorted contents of every table: equal digests mean an unchanged database. */
export async function databaseDigest(app: TestApp, options: DigestOptions = {}): Promise<string> {
  const hash = createHash('sha256');
  const tables = await readAllTables(app);
  for (const name of Object.keys(tables).sort()) {
    if (options.skipTables?.includes(name)) continue;
    const ignored = options.ignore?.[name] ?? [];
    const rows = (tables[name] ?? []).map((r) => canonicalRow(r, ignored)).sort();
    hash.update(`${JSON.stringify(name)}:${rows.length}\n`);
    for (const row of rows) hash.update(`${row}\n`);
  }
  return hash.digest('hex');
}

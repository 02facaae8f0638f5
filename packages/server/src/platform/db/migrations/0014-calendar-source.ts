// Where each calendar year came from, said exactly: `shipped` (the file that comes with the system),
// `form` (typed by an administrator) or `import` (an administrator's CSV file) instead of one `admin`.
// (Its notification kind, calendarMissing, is in 0015's list of kinds.) Frozen in time: the list is
// written out here, never imported (the constraint is 0008's, replaced: a CHECK on PostgreSQL,
// BEFORE INSERT/UPDATE triggers on SQLite, docs/decisions/0011-constraints-on-sqlite.md).
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations define their own shape
type AnyDb = Kysely<any>;

interface Allowed {
  table: string;
  column: string;
  values: readonly string[];
}

const ALLOWED: Allowed[] = [
  { table: 'calendar_years', column: 'source', values: ['shipped', 'form', 'import'] },
];

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const validWhen = (a: Allowed, prefix = '') =>
  `(${prefix}${a.column} is not null and ${prefix}${a.column} in (${a.values.map(literal).join(', ')}))`;

/**
 * The years an administrator set, by how they were last set: the audit log's `calendar.yearSet` events
 * name the form or the import (read once here, to fill the new fact; the application never parses them).
 */
async function adminYearSources(db: AnyDb): Promise<Map<number, 'form' | 'import'>> {
  const years = await db.selectFrom('calendar_years').select('year').where('source', '=', 'admin').execute();
  const sources = new Map<number, 'form' | 'import'>();
  for (const { year } of years as { year: number }[]) {
    const last = (await db
      .selectFrom('audit_events')
      .select('payload')
      .where('type', '=', 'calendar.yearSet')
      .where('subject_id', '=', String(year))
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()) as { payload: string | object } | undefined;
    let source: unknown;
    try {
      const payload: unknown = typeof last?.payload === 'string' ? JSON.parse(last.payload) : last?.payload;
      source = (payload as { source?: unknown } | undefined)?.source;
    } catch {
      source = undefined;
    }
    sources.set(Number(year), source === 'import' ? 'import' : 'form');
  }
  return sources;
}

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  // The old rules go first, so that the rows can be rewritten.
  for (const a of ALLOWED) {
    const name = `${a.table}_${a.column}_valid`;
    if (pg) {
      await sql.raw(`alter table ${a.table} drop constraint if exists ${name}`).execute(db);
    } else {
      await sql.raw(`drop trigger if exists ${name}_insert`).execute(db);
      await sql.raw(`drop trigger if exists ${name}_update`).execute(db);
    }
  }

  for (const [year, source] of await adminYearSources(db)) {
    await db.updateTable('calendar_years').set({ source }).where('year', '=', year).execute();
  }

  for (const a of ALLOWED) {
    const name = `${a.table}_${a.column}_valid`;
    if (pg) {
      await sql.raw(`alter table ${a.table} add constraint ${name} check ${validWhen(a)}`).execute(db);
      continue;
    }
    const bad = await sql
      .raw<{ n: number }>(`select count(*) as n from ${a.table} where not ${validWhen(a)}`)
      .execute(db);
    if (Number(bad.rows[0]?.n ?? 0) > 0) {
      throw new Error(`0014-calendar-source: ${a.table}.${a.column} holds a value outside its list`);
    }
    const message = literal(`${a.table}.${a.column}: value not allowed`);
    await sql
      .raw(
        `create trigger if not exists ${name}_insert before insert on ${a.table}
         when not ${validWhen(a, 'NEW.')}
         begin select raise(abort, ${message}); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger if not exists ${name}_update before update of ${a.column} on ${a.table}
         when not ${validWhen(a, 'NEW.')}
         begin select raise(abort, ${message}); end`,
      )
      .execute(db);
  }
}

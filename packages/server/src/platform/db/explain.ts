// The database's own plan of a query (SQLite EXPLAIN QUERY PLAN, PostgreSQL EXPLAIN), as text lines, and
// the check the query-plan test makes of it: no full scan of a table that grows with the cases.
import { sql, type CompiledQuery } from 'kysely';
import type { Db, Dialect } from './database.ts';

/** Tables that grow with the number of cases: a plan must reach their rows through an index. */
export const LARGE_TABLES = [
  'cases',
  'case_decisions',
  'case_co_departments',
  'case_search',
  'audit_events',
  'case_handovers',
  'case_replies',
  'case_feedback',
  'case_consultations',
  'case_follow_ups',
  'case_contributions',
  'case_notices',
  'notifications',
];

export async function explainQuery(db: Db, dialect: Dialect, query: CompiledQuery): Promise<string[]> {
  const text = query.sql;
  const params = query.parameters;
  if (dialect === 'sqlite') {
    const rows = await db.executeQuery<{ id: number; parent: number; detail: string }>({
      ...query,
      sql: `explain query plan ${text}`,
      parameters: params,
    });
    const depth = new Map<number, number>([[0, -1]]);
    return rows.rows.map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    });
  }
  const rows = await db.executeQuery<{ 'QUERY PLAN': string }>({
    ...query,
    sql: `explain ${text}`,
    parameters: params,
  });
  return rows.rows.map((r) => r['QUERY PLAN']);
}

/** The plan lines that read a large table through without a bound: SQLite's `SCAN t` (with or without
 * an index) and PostgreSQL's `Seq Scan on t`. A scan is bounded, and allowed, when it is read in the
 * query's order and stops at its LIMIT: the statement has a LIMIT and the plan sorts nothing. */
export function fullScansOfLargeTables(
  lines: readonly string[],
  dialect: Dialect,
  statement: string,
): string[] {
  const limited = /\blimit\b/i.test(statement);
  const sorts = lines.some((l) =>
    dialect === 'sqlite' ? l.includes('USE TEMP B-TREE FOR ORDER BY') : /\bSort\b/.test(l),
  );
  if (limited && !sorts) return [];
  return lines.filter((line) => {
    const l = line.trim();
    return LARGE_TABLES.some((t) =>
      dialect === 'sqlite' ? new RegExp(`^SCAN ${t}\\b`).test(l) : new RegExp(`Seq Scan on ${t}\\b`).test(l),
    );
  });
}

/** Refreshes the planner's statistics, as the database's maintenance does after a bulk load. */
export async function analyze(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
}

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
  'case_rounds',
  'case_contributions',
  'case_notices',
  'notifications',
];

/** With `indexPathsOnly` PostgreSQL plans as if sequential scans cost a fortune, so a plan that still
 * has one has no index to use: what the query-plan test checks on a data set small enough that the
 * planner would rightly scan it. */
export async function explainQuery(
  db: Db,
  dialect: Dialect,
  query: CompiledQuery,
  options: { indexPathsOnly?: boolean } = {},
): Promise<string[]> {
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
  const explain = { ...query, sql: `explain ${text}`, parameters: params };
  const rows = options.indexPathsOnly
    ? await db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return trx.executeQuery<{ 'QUERY PLAN': string }>(explain);
      })
    : await db.executeQuery<{ 'QUERY PLAN': string }>(explain);
  return rows.rows.map((r) => r['QUERY PLAN']);
}

/** The plan lines that read a large table through without a bound: SQLite's `SCAN t` (with or without
 * an index) and PostgreSQL's `Seq Scan on t`. A scan is bounded, and allowed, when it is read in the
 * query's order and stops at its LIMIT: the statement has a LIMIT and the scan's own step sorts nothing
 * (SQLite: no temporary B-tree for ORDER BY beside it in its block; PostgreSQL: no Sort in the plan). */
export function fullScansOfLargeTables(
  lines: readonly string[],
  dialect: Dialect,
  statement: string,
): string[] {
  const limited = /\blimit\b/i.test(statement);
  const indent = (l: string) => l.length - l.trimStart().length;
  const isLargeScan = (l: string) =>
    LARGE_TABLES.some((t) =>
      dialect === 'sqlite'
        ? new RegExp(`^SCAN ${t}\\b`).test(l.trim())
        : new RegExp(`Seq Scan on ${t}\\b`).test(l),
    );
  return lines.filter((line, i) => {
    if (!isLargeScan(line)) return false;
    if (!limited) return true;
    if (dialect === 'postgres') return lines.some((l) => /\bSort\b/.test(l));
    // The scan's block: the lines around it at its depth, up to the first line less indented.
    const depth = indent(line);
    const sibling = (j: number) => indent(lines[j] ?? '') === depth;
    let from = i;
    while (from > 0 && indent(lines[from - 1] ?? '') >= depth) from -= 1;
    let to = i;
    while (to < lines.length - 1 && indent(lines[to + 1] ?? '') >= depth) to += 1;
    for (let j = from; j <= to; j++) {
      if (sibling(j) && (lines[j] ?? '').includes('USE TEMP B-TREE FOR ORDER BY')) return true;
    }
    return false;
  });
}

/** Refreshes the planner's statistics, as the database's maintenance does after a bulk load. */
export async function analyze(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
}

// The generator's SQL: multi-row inserts of a batch of generated cases and their facts and events, sized
// to each dialect's limit on bound parameters, and the case number sequences read and advanced.
import { sql, type Insertable } from 'kysely';
import type { Db, Dialect, Trx } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';

type Row<T extends keyof DB> = Insertable<DB[T]>;

/** The tables a batch writes, in the order their foreign keys need. */
export const BATCH_TABLES = [
  'cases',
  'case_co_departments',
  'case_decisions',
  'case_rounds',
  'case_handovers',
  'case_replies',
  'case_feedback',
  'case_consultations',
  'case_follow_ups',
  'case_contributions',
  'case_notices',
  'audit_events',
] as const;
export type BatchTable = (typeof BATCH_TABLES)[number];

export type GeneratedBatch = { [T in BatchTable]: Row<T>[] };

export function emptyBatch(): GeneratedBatch {
  return {
    cases: [],
    case_co_departments: [],
    case_decisions: [],
    case_rounds: [],
    case_handovers: [],
    case_replies: [],
    case_feedback: [],
    case_consultations: [],
    case_follow_ups: [],
    case_contributions: [],
    case_notices: [],
    audit_events: [],
  };
}

export function batchRows(batch: GeneratedBatch): number {
  return BATCH_TABLES.reduce((n, table) => n + batch[table].length, 0);
}

/** Bound parameters one statement may carry: node:sqlite's SQLite allows 32,766, PostgreSQL 65,535. */
const MAX_PARAMS: Record<Dialect, number> = { sqlite: 32_766, postgres: 65_535 };

/**
 * Rows per statement at most: beyond a few hundred rows a statement is no faster, and SQLite's prepared
 * statements (the dialect caches 256 of them) grow with their parameters.
 */
const MAX_ROWS = 500;

/**
 * Full statements, then the rest in halving sizes (250, 125, … 1 for 500): few distinct statements, so
 * the dialect's statement cache reuses them instead of holding hundreds of one-off giants.
 */
export function statementSizes(rows: number, perStatement: number): number[] {
  const sizes: number[] = [];
  let left = rows;
  while (left >= perStatement) {
    sizes.push(perStatement);
    left -= perStatement;
  }
  for (let size = Math.floor(perStatement / 2); left > 0 && size >= 1; size = Math.floor(size / 2)) {
    while (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/** Inserts every row of the batch, as few statements as the parameter limit allows. */
export async function insertBatch(
  trx: Trx,
  dialect: Dialect,
  batch: GeneratedBatch,
  onRows: (rows: number) => void,
): Promise<void> {
  // The history in the order it happened, as the service appends it (each case's events keep their order).
  batch.audit_events.sort((a, b) =>
    a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0,
  );
  for (const table of BATCH_TABLES) {
    const rows: Row<BatchTable>[] = batch[table];
    const first = rows[0];
    if (!first) continue;
    // Every row of a table has the same columns (the consultations' meeting columns are made explicit).
    const columns = table === 'case_consultations' ? 11 : Object.keys(first).length;
    const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS[dialect] / columns)));
    const normalized = table === 'case_consultations' ? rows.map(withMeetingColumns) : rows;
    let i = 0;
    for (const size of statementSizes(normalized.length, perStatement)) {
      const chunk = normalized.slice(i, i + size);
      i += size;
      // The table name is a union here; each batch list holds that table's rows (GeneratedBatch).
      await trx
        .insertInto(table)
        .values(chunk as never)
        .execute();
      onRows(chunk.length);
    }
  }
}

function withMeetingColumns(row: Row<BatchTable>): Row<'case_consultations'> {
  const c = row as Row<'case_consultations'>;
  return {
    id: c.id,
    case_id: c.case_id,
    requested_by: c.requested_by,
    requested_at: c.requested_at,
    proposal: c.proposal,
    held_at: c.held_at ?? null,
    participants: c.participants ?? null,
    conclusion: c.conclusion ?? null,
    record: c.record ?? null,
    recorded_by: c.recorded_by ?? null,
    recorded_at: c.recorded_at ?? null,
  };
}

/** The last case number issued in each year (case_number_sequences.next_value is the last one used). */
export async function lastCaseSeqs(trx: Trx): Promise<Map<number, number>> {
  const rows = await trx.selectFrom('case_number_sequences').select(['year', 'next_value']).execute();
  return new Map(rows.map((r) => [Number(r.year), Number(r.next_value)]));
}

/** Advances the sequences past the numbers a batch used, so newly registered cases get fresh numbers. */
export async function advanceCaseSeqs(trx: Trx, used: ReadonlyMap<number, number>): Promise<void> {
  for (const [year, last] of used) {
    await trx
      .insertInto('case_number_sequences')
      .values({ year, next_value: last })
      .onConflict((oc) =>
        oc.column('year').doUpdateSet({
          next_value: sql<number>`case when case_number_sequences.next_value > ${last} then case_number_sequences.next_value else ${last} end`,
        }),
      )
      .execute();
  }
}

/** Cases per state, over the whole database. */
export async function countCasesByState(trx: Trx): Promise<Record<string, number>> {
  const rows = await trx
    .selectFrom('cases')
    .select(['state', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** Usernames by person id (the summary names people by username). */
export async function usernamesOf(trx: Trx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('people')
    .select(['id', 'username'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}

/**
 * A bigger page cache for the loading connection on SQLite: the random keys (ids, the audit subject index)
 * touch pages all over each index, and with the default 2 MB cache each insert reads them from disk again.
 * Nothing the schema guarantees is turned off. Answers a function that restores the previous size.
 */
export async function enlargeCache(
  db: Db,
  dialect: Dialect,
  mebibytes: number,
): Promise<() => Promise<void>> {
  if (dialect !== 'sqlite') return async () => {};
  const before = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  const previous = Number(before.rows[0]?.cache_size ?? -2000);
  await sql.raw(`pragma cache_size = ${-Math.round(mebibytes * 1024)}`).execute(db);
  return async () => {
    await sql.raw(`pragma cache_size = ${previous}`).execute(db);
  };
}

/** Notifications of generated cases, as the service would have sent them when each case moved. */
export async function insertNotificationRows(trx: Trx, rows: Row<'notifications'>[]): Promise<void> {
  for (const size of statementSizes(rows.length, 200)) {
    const chunk = rows.splice(0, size);
    await trx.insertInto('notifications').values(chunk).execute();
  }
}

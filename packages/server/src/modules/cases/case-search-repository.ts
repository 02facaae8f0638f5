// What a search for `q` looks for, and its condition in SQL on each database (migration 0010). A whole
// mobile number or credit code is an exact look-up by index; other text is a substring of the case's
// number, applicant, phone, credit code, matter or description, case-insensitive: on SQLite through the
// trigram index (three characters or more) or the one-token-per-character index (one or two, as a
// phrase); on PostgreSQL through pg_trgm, or the character-array index for one or two characters.
import { sql, type SqlBool } from 'kysely';
import type { Db, Dialect, Trx } from '../../platform/db/database.ts';
import { searchChars } from '../../platform/db/database.ts';

export type SearchPlan =
  | { kind: 'phone'; phone: string }
  | { kind: 'creditCode'; code: string }
  | { kind: 'number'; number: string }
  | { kind: 'text'; text: string; short: boolean }
  | { kind: 'nothing' };

const MOBILE = /^1[3-9]\d{9}$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
/** What the one-token-per-character index keeps of a text: letters and digits (unicode61's tokens). */
const TOKEN_CHARACTER = /[\p{L}\p{N}]/u;

export function searchPlan(q: string): SearchPlan {
  const text = q.trim().toLowerCase();
  if (MOBILE.test(text)) return { kind: 'phone', phone: text };
  if (CREDIT_CODE.test(text.toUpperCase())) return { kind: 'creditCode', code: text.toUpperCase() };
  const length = Array.from(text).length;
  if (length >= 3) return { kind: 'text', text, short: false };
  const tokens = Array.from(text).filter((c) => TOKEN_CHARACTER.test(c));
  if (tokens.length === 0) return { kind: 'nothing' };
  return { kind: 'text', text: tokens.join(''), short: true };
}

/** The plan for `q`: a whole case number (whatever the bureau's number format) is an exact look-up by
 * its unique index, found by asking; anything else as `searchPlan()` says. */
export async function resolveSearch(db: Executor, q: string): Promise<SearchPlan> {
  const text = q.trim();
  const numbered = await db
    .selectFrom('cases')
    .select('number')
    .where('number', '=', text)
    .executeTakeFirst();
  return numbered ? { kind: 'number', number: text } : searchPlan(q);
}

/** An FTS5 string: the text in double quotes, a phrase of its tokens. */
function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type Executor = Db | Trx;

/** The search ids of the newest `limit` cases matching the plan, below `before` if given, newest first:
 * an index walk that stops at `limit` on both databases (on SQLite the full-text table's own order). */
export function matchingSearchIds(
  db: Executor,
  dialect: Dialect,
  plan: Exclude<SearchPlan, { kind: 'nothing' }>,
  before: number | undefined,
  limit: number,
) {
  const keyed = db.selectFrom('case_search').select('case_search.search_id');
  type Ids = typeof keyed;
  if (plan.kind === 'phone' || plan.kind === 'creditCode' || plan.kind === 'number') {
    // The exact value's index drives (CROSS JOIN keeps SQLite from walking the search ids instead).
    return db
      .selectFrom('cases')
      .crossJoin('case_search')
      .select('case_search.search_id')
      .whereRef('case_search.case_id', '=', 'cases.id')
      .where((eb) =>
        plan.kind === 'phone'
          ? eb('cases.applicant_phone', '=', plan.phone)
          : plan.kind === 'creditCode'
            ? eb('cases.applicant_credit_code', '=', plan.code)
            : eb('cases.number', '=', plan.number),
      )
      .$if(before !== undefined, (q) => q.where('case_search.search_id', '<', before ?? 0))
      .orderBy('case_search.search_id', 'desc')
      .limit(limit) as unknown as Ids;
  }
  if (dialect === 'sqlite') {
    const table = plan.short ? 'case_search_chars' : 'case_search_trigram';
    const match = ftsString(plan.short ? searchChars(plan.text) : plan.text);
    return db
      .selectFrom(table as 'case_search_trigram')
      .select(sql<number>`rowid`.as('search_id'))
      .where(sql<SqlBool>`${sql.table(table)} match ${match}`)
      .$if(before !== undefined, (q) => q.where(sql<SqlBool>`rowid < ${before ?? 0}`))
      .orderBy(sql`rowid`, 'desc')
      .limit(limit) as unknown as Ids;
  }
  const like = sql<SqlBool>`case_search.body like ${likePattern(plan.text)}`;
  return keyed
    .where(
      plan.short
        ? (eb) =>
            eb.and([
              sql<SqlBool>`string_to_array(case_search.body, null) @> ${Array.from(plan.text)}::text[]`,
              like,
            ])
        : like,
    )
    .$if(before !== undefined, (q) => q.where('case_search.search_id', '<', before ?? 0))
    .orderBy('case_search.search_id', 'desc')
    .limit(limit);
}

// What a search for `q` looks for, and its condition in SQL on each database (migration 0010). A whole
// mobile number or credit code is an exact look-up by index; other text is a substring of the case's
// number, applicant, phone, credit code, matter or description, case-insensitive: on SQLite through the
// trigram index (three characters or more) or the one-token-per-character index (one or two, as a
// phrase); on PostgreSQL through pg_trgm, or the character-array index for one or two characters.
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Dialect } from '../../platform/db/database.ts';
import { searchChars } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';

export type SearchPlan =
  | { kind: 'phone'; phone: string }
  | { kind: 'creditCode'; code: string }
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

/** An FTS5 string: the text in double quotes, a phrase of its tokens. */
function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function searchCondition(
  eb: ExpressionBuilder<DB, 'cases' | 'case_search'>,
  dialect: Dialect,
  plan: Exclude<SearchPlan, { kind: 'nothing' }>,
): Expression<SqlBool> {
  switch (plan.kind) {
    case 'phone':
      return eb('cases.applicant_phone', '=', plan.phone);
    case 'creditCode':
      return eb('cases.applicant_credit_code', '=', plan.code);
    case 'text':
      if (dialect === 'sqlite') {
        return sql<SqlBool>`f.body match ${ftsString(plan.short ? searchChars(plan.text) : plan.text)}`;
      }
      return plan.short
        ? eb.and([
            sql<SqlBool>`string_to_array(case_search.body, null) @> ${Array.from(plan.text)}::text[]`,
            sql<SqlBool>`case_search.body like ${likePattern(plan.text)}`,
          ])
        : sql<SqlBool>`case_search.body like ${likePattern(plan.text)}`;
  }
}

// What a database error means, told apart the same way on both dialects: a unique violation (answered
// with the code the service would have given, had it seen the other writer's row), the database being
// unreachable or unwritable (503), or anything else (a bug, 500).
import { AppError, type ErrorCode } from '@bancheng/core';

/** A unique constraint the API answers with its own 409, named as each dialect reports it. */
interface UniqueConstraint {
  /** PostgreSQL's constraint or index name. */
  postgres: string;
  /** What SQLite's message names: `table.column, table.column` or `index 'name'`. */
  sqlite: string;
  code: ErrorCode;
  fields?: Record<string, string>;
}

const UNIQUE_CONSTRAINTS: UniqueConstraint[] = [
  { postgres: 'people_username_key', sqlite: 'people.username', code: 'USERNAME_TAKEN' },
  { postgres: 'org_units_parent_name', sqlite: "index 'org_units_parent_name'", code: 'NAME_TAKEN' },
  {
    postgres: 'departments_unit_name',
    sqlite: 'departments.unit_id, departments.name',
    code: 'NAME_TAKEN',
  },
  {
    postgres: 'matters_department_title',
    sqlite: 'matters.department_id, matters.title',
    code: 'MATTER_TITLE_TAKEN',
    fields: { title: 'taken' },
  },
];

const SQLITE_CONSTRAINT_UNIQUE = 2067;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const PG_UNIQUE_VIOLATION = '23505';

/** SQLite's primary result codes (the low byte of the extended code) that mean "try again later". */
const SQLITE_UNAVAILABLE: Record<number, { name: string; unwritable: boolean }> = {
  5: { name: 'SQLITE_BUSY', unwritable: false },
  8: { name: 'SQLITE_READONLY', unwritable: true },
  10: { name: 'SQLITE_IOERR', unwritable: true },
  13: { name: 'SQLITE_FULL', unwritable: true },
  14: { name: 'SQLITE_CANTOPEN', unwritable: false },
};

/** Socket errors on the way to PostgreSQL. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** node-postgres says these in words, without a code. */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Client was closed and is not queryable',
];

export interface Unavailable {
  /** The real cause for the log: `SQLITE_FULL`, `ECONNREFUSED`, `57P01`, … */
  cause: string;
  /** The database answers but cannot store anything (disk full, read-only). */
  unwritable: boolean;
}

interface ErrorFields {
  code?: unknown;
  errcode?: unknown;
  constraint?: unknown;
  message?: unknown;
  errors?: unknown;
}

function fieldsOf(error: unknown): ErrorFields {
  return typeof error === 'object' && error !== null ? (error as ErrorFields) : {};
}

/** The 409 a unique violation stands for, or undefined if it is not one the API knows. */
export function uniqueViolationError(error: unknown): AppError | undefined {
  const e = fieldsOf(error);
  let found: UniqueConstraint | undefined;
  if (e.code === PG_UNIQUE_VIOLATION && typeof e.constraint === 'string') {
    found = UNIQUE_CONSTRAINTS.find((c) => c.postgres === e.constraint);
  } else if (e.errcode === SQLITE_CONSTRAINT_UNIQUE && typeof e.message === 'string') {
    const named = /constraint failed: (.*)$/.exec(e.message)?.[1];
    found = UNIQUE_CONSTRAINTS.find((c) => c.sqlite === named);
  }
  return found && new AppError(found.code, found.fields ? { fields: found.fields } : {});
}

/**
 * Whether the error is a unique or primary-key violation of one constraint: `postgres` its name, `sqlite`
 * what SQLite's message names after "constraint failed: " (`table.column, table.column`).
 */
export function isUniqueViolationOf(
  error: unknown,
  constraint: { postgres: string; sqlite: string },
): boolean {
  const e = fieldsOf(error);
  if (e.code === PG_UNIQUE_VIOLATION) return e.constraint === constraint.postgres;
  if (
    (e.errcode === SQLITE_CONSTRAINT_UNIQUE || e.errcode === SQLITE_CONSTRAINT_PRIMARYKEY) &&
    typeof e.message === 'string'
  ) {
    return /constraint failed: (.*)$/.exec(e.message)?.[1] === constraint.sqlite;
  }
  return false;
}

/** Whether the error says the database cannot be reached or written now, and why. */
export function unavailableCause(error: unknown): Unavailable | undefined {
  const e = fieldsOf(error);
  if (typeof e.errcode === 'number') {
    const known = SQLITE_UNAVAILABLE[e.errcode & 0xff];
    return known && { cause: known.name, unwritable: known.unwritable };
  }
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code)) return { cause: e.code, unwritable: false };
    // SQLSTATE classes: 08 connection exception, 57P0x the server shutting down or starting up,
    // 53 insufficient resources (53100 disk full), 25006 a read-only standby after a fail-over.
    if (/^08|^57P0[1-4]$|^53/.test(e.code)) return { cause: e.code, unwritable: e.code === '53100' };
    if (e.code === '25006') return { cause: e.code, unwritable: true };
  }
  if (Array.isArray(e.errors)) {
    // Node's connect tries each address and reports them together (AggregateError).
    for (const inner of e.errors) {
      const found = unavailableCause(inner);
      if (found) return found;
    }
  }
  if (typeof e.message === 'string' && PG_CONNECTION_MESSAGES.some((m) => String(e.message).includes(m))) {
    return { cause: e.message, unwritable: false };
  }
  return undefined;
}

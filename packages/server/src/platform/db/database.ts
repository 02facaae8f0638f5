// Opens the database the settings name: an embedded SQLite file (default) or PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PostgresDialect, type Dialect as KyselyDialect, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import { NodeSqliteDialect } from './node-sqlite-dialect.ts';
import { DatabaseMonitor, monitoredDialect } from './database-monitor.ts';
import { GuardedKysely } from './transaction-guard.ts';
import { QueryTimes } from './query-times.ts';
import { CurrentSchemaIntrospector } from './schema-introspector.ts';
import type { DB } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** Connection losses and unwritable storage, for the log and /api/health. */
  monitor: DatabaseMonitor;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent, SQLite at `sqliteFile`. */
  databaseUrl?: string | undefined;
  sqliteFile: string;
  /** When set, every statement's time is summed and written here as the database closes (query-times.ts). */
  queryTimesFile?: string | undefined;
}

/** How long a request waits for a new PostgreSQL connection before it is answered 503. */
const CONNECT_TIMEOUT_MS = 5_000;

export function sqliteFileIn(dataDir: string): string {
  return path.join(dataDir, 'bancheng.sqlite');
}

export function openDatabase(options: DatabaseOptions): Database {
  const monitor = new DatabaseMonitor();
  const times = options.queryTimesFile ? new QueryTimes(options.queryTimesFile) : undefined;
  const log = times ? { log: times.log } : {};
  const closing = (db: Db) => async () => {
    await db.destroy();
    times?.write();
  };
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // An idle client whose connection the server ends emits 'error' on the pool; unheard, it would
    // end the process. The pool has already dropped that client and connects anew when asked.
    pool.on('error', (error) => monitor.connectionLost(error));
    const db = new GuardedKysely<DB>({
      dialect: monitoredDialect(currentSchemaOnly(new PostgresDialect({ pool })), monitor),
      ...log,
    });
    return { db, dialect: 'postgres', monitor, close: closing(db) };
  }
  fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
  const db = new GuardedKysely<DB>({
    dialect: monitoredDialect(
      new NodeSqliteDialect(() => {
        const sqlite = new DatabaseSync(options.sqliteFile);
        sqlite.exec('pragma journal_mode = wal');
        sqlite.exec('pragma synchronous = full');
        sqlite.exec('pragma foreign_keys = on');
        sqlite.exec('pragma busy_timeout = 5000');
        defineSearchFunctions(sqlite);
        return sqlite;
      }),
      monitor,
    ),
    ...log,
  });
  return { db, dialect: 'sqlite', monitor, close: closing(db) };
}

/** The text of the one-and-two-character search index: one token per character (migration 0010). */
export function searchChars(text: string): string {
  return Array.from(text.toLowerCase()).join(' ');
}

function defineSearchFunctions(sqlite: DatabaseSync): void {
  sqlite.function('bancheng_search_chars', { deterministic: true }, (text) =>
    typeof text === 'string' ? searchChars(text) : null,
  );
}

/** PostgreSQL's dialect with introspection of the schema in use only (see schema-introspector.ts). */
function currentSchemaOnly(dialect: PostgresDialect): KyselyDialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => dialect.createDriver(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => new CurrentSchemaIntrospector(db),
  };
}

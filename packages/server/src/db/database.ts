// Opens the database the settings name: an embedded SQLite file (default) or PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { NodeSqliteDialect } from './node-sqlite-dialect.ts';
import type { DB } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent, SQLite at `sqliteFile`. */
  databaseUrl?: string | undefined;
  sqliteFile: string;
}

export function sqliteFileIn(dataDir: string): string {
  return path.join(dataDir, 'bancheng.sqlite');
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
  const db = new Kysely<DB>({
    dialect: new NodeSqliteDialect(() => {
      const sqlite = new DatabaseSync(options.sqliteFile);
      sqlite.exec('pragma journal_mode = wal');
      sqlite.exec('pragma synchronous = full');
      sqlite.exec('pragma foreign_keys = on');
      sqlite.exec('pragma busy_timeout = 5000');
      return sqlite;
    }),
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

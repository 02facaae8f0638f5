// A digest of every table's rows, so a test can prove that an attempt changed nothing at all.
// sessions.last_seen_at is left out: reading with a session refreshes it, which is not a change of data.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TestApp } from './harness.ts';

const IGNORED_COLUMNS: Record<string, string[]> = { sessions: ['last_seen_at'] };

export async function tableNames(app: TestApp): Promise<string[]> {
  const db = app.ctx.database.db;
  const rows =
    app.dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
          db,
        );
  return rows.rows
    .map((r) => r.name)
    .filter((n) => !n.startsWith('schema_migrations'))
    .sort();
}

export async function databaseDigest(app: TestApp): Promise<string> {
  const db = app.ctx.database.db;
  const hash = createHash('sha256');
  for (const table of await tableNames(app)) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    const ignored = IGNORED_COLUMNS[table] ?? [];
    const lines = rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .filter((k) => !ignored.includes(k))
            .sort()
            .map((k) => {
              const v = row[k];
              return v instanceof Uint8Array
                ? Buffer.from(v).toString('base64')
                : typeof v === 'bigint'
                  ? String(v)
                  : v;
            }),
        ),
      )
      .sort();
    hash.update(`${table}\n${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}

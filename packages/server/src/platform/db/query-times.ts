// How long each SQL statement took, summed per statement text: a diagnostic for `npm run bench --
// --query-times DIR` (setting QUERY_TIMES_FILE). Off by default; when on, it is Kysely's own `log` hook,
// so it times what the application waits for on either database. Statement texts carry no values (they
// are parameterised), so the file holds no personal data.
import fs from 'node:fs';
import type { LogEvent } from 'kysely';

export interface QueryTime {
  sql: string;
  count: number;
  totalMs: number;
  errors: number;
}

export class QueryTimes {
  readonly #byStatement = new Map<string, QueryTime>();
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  readonly log = (event: LogEvent): void => {
    const sql = event.query.sql;
    let entry = this.#byStatement.get(sql);
    if (!entry) {
      entry = { sql, count: 0, totalMs: 0, errors: 0 };
      this.#byStatement.set(sql, entry);
    }
    entry.count += 1;
    entry.totalMs += event.queryDurationMillis;
    if (event.level === 'error') entry.errors += 1;
  };

  /** Writes the statements, most total time first. */
  write(): void {
    const entries = [...this.#byStatement.values()].sort((a, b) => b.totalMs - a.totalMs);
    fs.writeFileSync(this.#file, `${JSON.stringify(entries, null, 1)}\n`);
  }
}

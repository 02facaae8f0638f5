// The benchmark's statement timer: off unless asked, and when on, one entry per statement text with its
// count and time, written as the database closes, on either database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import type { QueryTime } from '../src/platform/db/query-times.ts';
import { DIALECTS } from './harness.ts';

describe.each(DIALECTS)('query times [%s]', (dialect) => {
  const open = (queryTimesFile?: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-qt-'));
    return {
      dir,
      database: openDatabase({
        databaseUrl: dialect === 'postgres' ? process.env['TEST_DATABASE_URL'] : undefined,
        sqliteFile: path.join(dir, 'bancheng.sqlite'),
        queryTimesFile,
      }),
    };
  };

  it('sums each statement, without its values, and writes them when the database closes', async () => {
    const file = path.join(os.tmpdir(), `bancheng-qt-${process.pid}-${dialect}.json`);
    const { dir, database } = open(file);
    for (let i = 0; i < 3; i++) await sql`select ${'secret-' + i} as v`.execute(database.db);
    await sql`select 1 as one`.execute(database.db);
    await expect(sql`select * from no_such_table`.execute(database.db)).rejects.toThrow();
    expect(fs.existsSync(file)).toBe(false);
    await database.close();

    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('secret-');
    const entries = JSON.parse(text) as QueryTime[];
    const bySql = new Map(entries.map((e) => [e.sql, e]));
    const withValue = entries.find((e) => e.sql.startsWith('select ') && e.sql.includes(' as v'));
    expect(withValue).toMatchObject({ count: 3, errors: 0 });
    expect(bySql.get('select 1 as one')).toMatchObject({ count: 1, errors: 0 });
    expect(bySql.get('select * from no_such_table')).toMatchObject({ count: 1, errors: 1 });
    expect(entries.every((e) => e.totalMs >= 0)).toBe(true);
    fs.rmSync(file);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing when not asked', async () => {
    const { dir, database } = open();
    await sql`select 1 as one`.execute(database.db);
    await database.close();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.json'))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

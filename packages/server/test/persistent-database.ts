// A database that outlives the server processes of a test (restarts): a SQLite file in a directory of its
// own, or a PostgreSQL schema of its own in TEST_DATABASE_URL's database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, sqliteFileIn, type Dialect } from '../src/platform/db/database.ts';

export async function persistentDatabase(dialect: Dialect) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-restart-'));
  const base = process.env['TEST_DATABASE_URL'];
  if (dialect === 'sqlite' || !base) {
    return {
      env: { DATA_DIR: dir },
      open: () => openDatabase({ sqliteFile: sqliteFileIn(dir) }),
      dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = async (query: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(query);
    await c.end();
  };
  await admin(`create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  return {
    env: { DATA_DIR: dir, DATABASE_URL: databaseUrl },
    open: () => openDatabase({ databaseUrl, sqliteFile: sqliteFileIn(dir) }),
    dispose: async () => {
      await admin(`drop schema ${schema} cascade`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

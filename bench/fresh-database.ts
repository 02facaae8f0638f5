// A fresh database for one run, and the data set loaded into it: SQLite in a temporary DATA_DIR, or a
// new PostgreSQL database bancheng_bench_<pid> made through BENCH_DATABASE_URL (an admin connection),
// dropped at the end. Cases 0 is the demo bureau; otherwise the generator (npm run seed) loads N cases.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ROOT, startAppServer } from './processes.ts';

export type DbKind = 'sqlite' | 'postgres';

export interface FreshDatabase {
  kind: DbKind;
  dataDir: string;
  databaseUrl: string | undefined;
  /** For the ceiling server: the same kind of storage, apart from the application's. */
  ceilingSqliteFile: string | undefined;
  ceilingPgUrl: string | undefined;
  drop(): Promise<void>;
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createFreshDatabase(kind: DbKind): Promise<FreshDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-bench-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'sqlite') {
    return {
      kind,
      dataDir,
      databaseUrl: undefined,
      ceilingSqliteFile: path.join(dataDir, 'ceiling.sqlite'),
      ceilingPgUrl: undefined,
      drop: async () => removeDir(),
    };
  }
  const adminUrl = process.env['BENCH_DATABASE_URL'] ?? DEFAULT_ADMIN_URL;
  const names = [`bancheng_bench_${process.pid}`, `bancheng_bench_${process.pid}_ceiling`];
  const admin = async (statements: string[]) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(names.flatMap((n) => [`drop database if exists ${n} with (force)`, `create database ${n}`]));
  return {
    kind,
    dataDir,
    databaseUrl: withDatabase(adminUrl, names[0] ?? ''),
    ceilingSqliteFile: undefined,
    ceilingPgUrl: withDatabase(adminUrl, names[1] ?? ''),
    drop: async () => {
      await admin(names.map((n) => `drop database if exists ${n} with (force)`));
      removeDir();
    },
  };
}

/**
 * A data set loaded once and kept between runs (`--data-set DIR`): generating a million cases takes many
 * minutes, measuring them a few. DIR holds the generator's `seed-summary.json`; for SQLite it is the
 * DATA_DIR itself, for PostgreSQL it also holds `database-url`. Only the ceilings' storage is fresh and
 * dropped; the data set stays (the runs add the cases and chains they register to it).
 */
export async function openDataSet(kind: DbKind, dir: string): Promise<FreshDatabase & { summary: unknown }> {
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'seed-summary.json'), 'utf8')) as unknown;
  const fresh = await createFreshDatabase(kind);
  if (kind === 'sqlite') {
    return { ...fresh, dataDir: path.resolve(dir), summary };
  }
  const databaseUrl = fs.readFileSync(path.join(dir, 'database-url'), 'utf8').trim();
  return { ...fresh, dataDir: path.resolve(dir), databaseUrl, summary };
}

/**
 * Loads the data set: the demo bureau for cases 0 (a first start in development does it), or the
 * generator's bureau and cases. Returns the generator's summary (accounts, sample ids), if any.
 */
export async function loadDataSet(database: FreshDatabase, cases: number): Promise<unknown> {
  const env = { DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl ?? '' };
  if (cases === 0) {
    const server = await startAppServer({
      ...env,
      dataDir: database.dataDir,
      databaseUrl: database.databaseUrl,
      production: false,
    });
    await server.stop();
    return undefined;
  }
  const summaryFile = path.join(database.dataDir, 'seed-summary.json');
  const result = spawnSync('npm', ['run', 'seed', '--', '--cases', String(cases), '--summary', summaryFile], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'development' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`npm run seed failed (exit ${result.status})`);
  return JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as unknown;
}

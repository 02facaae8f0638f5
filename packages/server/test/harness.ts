// Integration-test harness: a real app over a real database, once per dialect. SQLite gets a fresh file;
// PostgreSQL (when TEST_DATABASE_URL is set; required under CI) a fresh schema, dropped afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { systemClock, type Clock } from '../src/platform/clock.ts';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { buildApp, type BuiltApp } from '../src/app.ts';
import { openDatabase, type Dialect } from '../src/platform/db/database.ts';
import { bootstrapEmptyDatabase, type BootstrapResult } from '../src/bootstrap/bootstrap.ts';
import { DEMO_PASSWORD } from '../src/bootstrap/demo/demo-bureau.ts';
import { testDialects } from './dialects.ts';

export const DIALECTS: Dialect[] = testDialects();

export interface TestApp extends BuiltApp {
  dialect: Dialect;
  boot: BootstrapResult;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Signs in and returns a client that sends the session cookie and CSRF header. */
  signIn(username: string, password?: string): Promise<Client>;
  dispose(): Promise<void>;
}

export interface Client {
  personId: string;
  csrfToken: string;
  cookie: string;
  request(method: InjectOptions['method'], url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export async function createTestApp(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: {
    logStream?: { write(line: string): void };
    clock?: Clock;
    /** Changes the PostgreSQL URL the app uses (another port, an application_name). */
    rewriteDatabaseUrl?: (url: URL) => void;
    /** Also the rest of the demo county and its year of cases, as `npm start` loads (default: the core
     * demo alone, whose cases the tests know). */
    demoCounty?: boolean;
  } = {},
): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-test-'));
  let databaseUrl: string | undefined;
  let dropSchema: (() => Promise<void>) | undefined;
  if (dialect === 'postgres') {
    const base = process.env['TEST_DATABASE_URL'];
    if (!base) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = new URL(base);
    url.searchParams.set('options', `-c search_path=${schema}`);
    options.rewriteDatabaseUrl?.(url);
    databaseUrl = url.toString();
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  }
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    WEB_DIST: path.join(dir, 'no-web'),
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    ...env,
  });
  const database = openDatabase({ databaseUrl, sqliteFile: path.join(dir, 'test.sqlite') });
  const built = await buildApp(config, {
    database,
    clock: options.clock ?? systemClock,
    ...(options.logStream && { logStream: options.logStream }),
  });
  const boot = await bootstrapEmptyDatabase(built.ctx, { county: options.demoCounty ?? false });
  const inject = (options: InjectOptions) => built.app.inject(options);
  return {
    ...built,
    dialect,
    boot,
    inject,
    async signIn(username: string, password = DEMO_PASSWORD) {
      const res = await inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200)
        throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
      const me = res.json<{ id: string; csrfToken: string }>();
      const setCookie = res.cookies.find((c) => c.name === 'bc_session');
      if (!setCookie) throw new Error('no session cookie');
      const cookie = `bc_session=${setCookie.value}`;
      return {
        personId: me.id,
        csrfToken: me.csrfToken,
        cookie,
        request: (method, url, body) =>
          inject({
            method,
            url,
            headers: { cookie, 'x-csrf-token': me.csrfToken },
            ...(body !== undefined && { payload: body as InjectOptions['payload'] }),
          }),
      };
    },
    async dispose() {
      await built.close();
      await dropSchema?.();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every table: "nothing changed" means these are equal before and after. */
export async function tableCounts(app: TestApp): Promise<Record<string, number>> {
  const db = app.ctx.database.db;
  const tables = ['org_units', 'departments', 'people', 'person_roles', 'chain_assignments'] as const;
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[t] = Number(r.n);
  }
  const versions = await db.selectFrom('people').select(['id', 'version', 'status']).orderBy('id').execute();
  counts['peopleVersionSum'] = versions.reduce((s, v) => s + v.version, 0);
  return counts;
}

/** A request as access tests write it: JSON or a raw multipart body, sent as a person or as nobody. */
export interface Attempt {
  method: NonNullable<InjectOptions['method']>;
  url: string;
  body?: unknown;
  multipart?: { payload: Buffer; contentType: string };
}

/** Sends an attempt with the client's session cookie and CSRF token, or with no session at all. */
export function sendAttempt(
  app: TestApp,
  client: Client | null,
  a: Attempt,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = client
    ? { cookie: client.cookie, 'x-csrf-token': client.csrfToken }
    : {};
  if (a.multipart) {
    return app.inject({
      method: a.method,
      url: a.url,
      headers: { ...headers, 'content-type': a.multipart.contentType },
      payload: a.multipart.payload,
    });
  }
  return app.inject({
    method: a.method,
    url: a.url,
    headers,
    ...(a.body !== undefined && { payload: a.body as InjectOptions['payload'] }),
  });
}

export { openDatabase };

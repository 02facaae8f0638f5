// The database going away is not a bug: the process survives connections the server ends, answers 503
// with Retry-After while the database is unreachable or full, says so in /api/health, logs the real
// cause, and a start before the database is up waits for it with one line per try.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { loadConfig } from '../src/platform/config.ts';
import { startServer } from '../src/server.ts';
import { systemClock } from '../src/platform/clock.ts';

const PG = DIALECTS.includes('postgres');
const BASE_URL = process.env['TEST_DATABASE_URL'] ?? '';

/** A TCP proxy to PostgreSQL that the test can close (the port then refuses) and open again. */
class PostgresProxy {
  readonly port: number;
  #server: net.Server | undefined;
  readonly #sockets = new Set<net.Socket>();
  constructor(port: number) {
    this.port = port;
  }
  static async onFreePort(): Promise<PostgresProxy> {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as net.AddressInfo;
    probe.close();
    await once(probe, 'close');
    return new PostgresProxy(port);
  }
  get connections(): number {
    return this.#sockets.size / 2;
  }
  async open(): Promise<void> {
    const target = new URL(BASE_URL);
    this.#server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.#sockets.add(a);
        a.on('close', () => this.#sockets.delete(a));
        a.on('error', () => b.destroy());
        a.pipe(b);
      }
    });
    this.#server.listen(this.port, '127.0.0.1');
    await once(this.#server, 'listening');
  }
  /** Stops listening and cuts every connection, as a database that went down. */
  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const s of this.#sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function logSink() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

/** Settles after the app's pool has heard `n` connections end. */
function connectionsLost(t: TestApp, n: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const on = () => {
      if (++seen >= n) {
        t.ctx.database.monitor.off('connectionLost', on);
        resolve();
      }
    };
    t.ctx.database.monitor.on('connectionLost', on);
  });
}

describe.runIf(PG)('PostgreSQL ending the app’s connections', () => {
  const applicationName = `bc_outage_${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(
      'postgres',
      {},
      {
        rewriteDatabaseUrl: (url) => url.searchParams.set('application_name', applicationName),
      },
    );
    admin = await t.signIn('admin');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('survives pg_terminate_backend of every idle connection, and the next request succeeds', async () => {
    // Several requests at once, so the pool holds several idle connections afterwards.
    const warm = await Promise.all(Array.from({ length: 6 }, () => admin.request('GET', '/api/org/tree')));
    expect(warm.every((r) => r.statusCode === 200)).toBe(true);
    const killer = new pg.Client({ connectionString: BASE_URL });
    await killer.connect();
    try {
      const { rows: live } = await killer.query(
        'select pid from pg_stat_activity where datname = current_database() and application_name = $1',
        [applicationName],
      );
      expect(live.length).toBeGreaterThan(0);
      const lost = connectionsLost(t, live.length);
      const { rows } = await killer.query(
        `select pg_terminate_backend(pid) as ended from pg_stat_activity
          where datname = current_database() and application_name = $1 and pid <> pg_backend_pid()`,
        [applicationName],
      );
      expect(rows.every((r: { ended: boolean }) => r.ended)).toBe(true);
      await lost;
    } finally {
      await killer.end();
    }
    const after = await admin.request('GET', '/api/org/tree');
    expect(after.statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});

describe.runIf(PG)('PostgreSQL unreachable', () => {
  let proxy: PostgresProxy;
  let t: TestApp;
  let admin: Client;
  const log = logSink();
  beforeAll(async () => {
    proxy = await PostgresProxy.onFreePort();
    await proxy.open();
    t = await createTestApp(
      'postgres',
      { LOG_LEVEL: 'warn' },
      {
        logStream: log.stream,
        rewriteDatabaseUrl: (url) => {
          url.hostname = '127.0.0.1';
          url.port = String(proxy.port);
        },
      },
    );
    admin = await t.signIn('admin');
  });
  afterAll(async () => {
    await proxy.open().catch(() => undefined);
    await t.dispose();
    await proxy.close();
  });

  it('answers 503 with Retry-After on API routes, health says down, and it recovers', async () => {
    expect((await admin.request('GET', '/api/org/tree')).statusCode).toBe(200);
    const lost = connectionsLost(t, proxy.connections);
    await proxy.close();
    await lost;

    const res = await admin.request('GET', '/api/org/tree');
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json().error.code).toBe('DATABASE_UNAVAILABLE');
    const signIn = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'keshi', password: 'whatever' },
    });
    expect(signIn.statusCode).toBe(503);

    const health = await t.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.headers['retry-after']).toBe('5');
    expect(health.json()).toMatchObject({ status: 'unavailable', db: 'postgres', database: 'down' });
    expect(log.lines.some((l) => l.includes('ECONNREFUSED'))).toBe(true);

    await proxy.open();
    expect((await admin.request('GET', '/api/org/tree')).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});

describe.runIf(PG)('starting before PostgreSQL is reachable', () => {
  it('retries with a one-line message, then starts once the database answers', async () => {
    const proxy = await PostgresProxy.onFreePort();
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = new URL(BASE_URL);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-start-'));
    const lines: string[] = [];
    let firstLine!: () => void;
    const printed = new Promise<void>((resolve) => (firstLine = resolve));
    try {
      const starting = startServer(
        loadConfig({
          NODE_ENV: 'test',
          DATA_DIR: dir,
          LOG_LEVEL: 'silent',
          WEB_DIST: path.join(dir, 'no-web'),
          DATABASE_URL: url.toString(),
          PORT: '0',
          HOST: '127.0.0.1',
        }),
        {
          clock: systemClock,
          quiet: true,
          print: (line) => {
            lines.push(line);
            firstLine();
          },
        },
      );
      await printed;
      await proxy.open();
      const server = await starting;
      try {
        const health = await fetch(`${server.url}/api/health`);
        expect(health.status).toBe(200);
      } finally {
        await server.close();
      }
      expect(lines[0]).toMatch(
        new RegExp(
          `^database not reachable at 127\\.0\\.0\\.1:${proxy.port}/\\S+ \\(ECONNREFUSED\\); retrying in \\d+ s$`,
        ),
      );
      expect(lines.join('\n')).not.toContain('    at ');
    } finally {
      await proxy.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(DIALECTS.includes('sqlite'))('SQLite full', () => {
  let t: TestApp;
  let shouwen: Client;
  const log = logSink();
  beforeAll(async () => {
    t = await createTestApp('sqlite', { LOG_LEVEL: 'warn' }, { logStream: log.stream });
    shouwen = await t.signIn('shouwen');
  });
  afterAll(async () => {
    await t.dispose();
  });

  const register = () =>
    shouwen.request('POST', '/api/cases', {
      applicant: { kind: 'person', name: '孙女士', phone: '13912345678' },
      channel: 'counter',
      receivedAt: '2026-09-30T10:00:00+08:00',
      matterType: 'enquiry',
      matterTitle: '磁盘已满时登记',
      // Far larger than a page, so the row needs new (overflow) pages.
      description: '满'.repeat(5000),
      coDepartmentIds: [],
    });

  it('answers 503 with Retry-After while the disk is full, health says unwritable, and it recovers', async () => {
    const db = t.ctx.database.db;
    await sql`vacuum`.execute(db);
    // The file may not grow past its present size: every new page is refused with SQLITE_FULL.
    await sql`pragma max_page_count = 1`.execute(db);
    const res = await register();
    expect(res.statusCode, log.lines.join('\n')).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json().error.code).toBe('DATABASE_UNAVAILABLE');
    expect(log.lines.some((l) => l.includes('SQLITE_FULL'))).toBe(true);

    const health = await t.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', db: 'sqlite', database: 'unwritable' });

    await sql`pragma max_page_count = 1073741823`.execute(db);
    expect((await register()).statusCode).toBe(201);
    expect((await t.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});

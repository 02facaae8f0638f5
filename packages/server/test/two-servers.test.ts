// Two server processes on one PostgreSQL database, as docs/deployment.md runs them: one unit of
// deploy/systemd/bancheng@.service per port behind deploy/nginx/bancheng.conf, the same settings
// (TRUST_PROXY, one shared DATA_DIR), driven at once. What one server does the other sees, and what must
// happen once happens once. PostgreSQL only: a SQLite file belongs to one process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/bootstrap/demo/demo-bureau.ts';
import { DEMO_CASES } from '../src/bootstrap/demo/demo-cases.ts';
import { testDialects } from './dialects.ts';
import {
  createSchema,
  DEPLOY_DIR,
  readEnvironmentFile,
  startServerProcess,
  stopServerProcesses,
  type ServerProcess,
} from './server-process.ts';
import { eventually, send, signInOver, type HttpSession } from './http-session.ts';

const PG = testDialects().includes('postgres');
const BASE_URL = process.env['TEST_DATABASE_URL'] ?? '';
const PER_ADDRESS_LIMIT = 10;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * The units' settings: deploy/systemd/bancheng.env.example as it is committed, with this machine's
 * database, shared directory and mail server, a faster outbox and a lower per-address limit. HOST and
 * PORT are the unit's own (loopback; a port each, chosen by the system here).
 */
function serverEnv(args: { databaseUrl: string; dataDir: string; smtpUrl?: string }): Record<string, string> {
  const sample = readEnvironmentFile(path.join(DEPLOY_DIR, 'systemd/bancheng.env.example'));
  const { SMTP_URL: _noMailServerHere, ...settings } = sample;
  return {
    ...settings,
    // Not production: the demo bureau's chain (shouwen, keshi, fenguan, juzhang) does the deciding.
    NODE_ENV: 'test',
    DATABASE_URL: args.databaseUrl,
    DATA_DIR: args.dataDir,
    OUTBOX_INTERVAL_SECONDS: '1',
    LOGIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS_LIMIT),
    ...(args.smtpUrl && { SMTP_URL: args.smtpUrl }),
  };
}

/** An SMTP server that keeps the Message-ID of every mail it accepts (the outbox message's id). */
async function startMailSink(): Promise<{ url: string; messageIds: string[]; close(): Promise<void> }> {
  const messageIds: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        messageIds.push(/^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '');
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    const listening = server.listen(0, '127.0.0.1', () => resolve((listening.address() as AddressInfo).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    messageIds,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const registration = (title: string) => ({
  applicant: { kind: 'enterprise', name: '示范食品有限公司', phone: '13912345678' },
  channel: 'counter',
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'licensing',
  matterTitle: title,
  description: '两台服务器同时受理',
  coDepartmentIds: [],
});

describe.runIf(PG)('two server processes on one PostgreSQL database', () => {
  let schema: Awaited<ReturnType<typeof createSchema>>;
  let dataDir: string;
  let mail: Awaited<ReturnType<typeof startMailSink>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let db: pg.Pool;
  const query = async <T>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows as T[];

  /** Registers a case as `session` through `url` and proposes to refuse it: it waits at level 2. */
  const proposeCase = async (url: string, session: HttpSession, title: string) => {
    const registered = await send(url, 'POST', '/api/cases', { session, body: registration(title) });
    expect(registered.status).toBe(201);
    const proposed = await send(url, 'POST', `/api/cases/${registered.body.id}/actions`, {
      session,
      body: {
        version: registered.body.version,
        action: { type: 'proposeRefusal', reason: 'uncertain', reasonText: '把握不准，提请科室负责人' },
      },
    });
    expect(proposed.status).toBe(200);
    return proposed.body as { id: string; version: number };
  };

  beforeAll(async () => {
    schema = await createSchema(BASE_URL);
    // One DATA_DIR for both, as attachments on shared storage.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-shared-'));
    mail = await startMailSink();
    const env = serverEnv({ databaseUrl: schema.url, dataDir, smtpUrl: mail.url });
    // The first start migrates and loads the demo bureau; the second finds both done.
    a = await startServerProcess(env);
    b = await startServerProcess(env);
    db = new pg.Pool({ connectionString: schema.url, max: 2 });
  });
  afterAll(async () => {
    await stopServerProcesses();
    await db?.end();
    await mail?.close();
    await schema?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a session made on one server on the other, cookie and CSRF token alike', async () => {
    const session = await signInOver(a.url, 'shouwen');
    const me = await send(b.url, 'GET', '/api/auth/me', { session });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(session.personId);
    const registered = await send(b.url, 'POST', '/api/cases', {
      session,
      body: registration('跨服务器会话'),
    });
    expect(registered.status).toBe(201);
    expect((await send(a.url, 'GET', `/api/cases/${registered.body.id}`, { session })).status).toBe(200);
    const forged = await send(b.url, 'POST', '/api/cases', {
      session: { ...session, csrfToken: 'not-the-token' },
      body: registration('伪造请求'),
    });
    expect(forged.status).toBe(403);
    expect((await send(b.url, 'POST', '/api/auth/logout', { session })).status).toBe(204);
    expect((await send(a.url, 'GET', '/api/auth/me', { session })).status).toBe(401);
  });

  it('gives 40 cases registered at once, half through each server, 40 different numbers', async () => {
    const [onA, onB] = await Promise.all([signInOver(a.url, 'shouwen'), signInOver(b.url, 'shouwen')]);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        send(i % 2 ? b.url : a.url, 'POST', '/api/cases', {
          session: i % 2 ? onB : onA,
          body: registration(`同时受理第 ${i} 件`),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array<number>(40).fill(201));
    expect(new Set(results.map((r) => r.body.number as string)).size).toBe(40);
  });

  it('records one decision when a level is decided at once through both servers', async () => {
    const [keshi, deputy] = await query<{ id: string }>(
      `select id from people where username in ('keshi', 'bgszr') order by username = 'bgszr'`,
    );
    // bgszr acts for the department head (no route sets a deputy yet): both hold level 2 of 登记注册科.
    await query(
      `insert into acting_deputies (id, deputy_id, for_person_id, from_date, to_date, created_at)
       values ('two-servers-deputy', $1, $2, '2020-01-01', '2099-12-31', '2026-01-01T00:00:00.000Z')`,
      [deputy?.id, keshi?.id],
    );
    try {
      const shouwen = await signInOver(a.url, 'shouwen');
      const [keshiOnA, keshiOnB, deputyOnB] = await Promise.all([
        signInOver(a.url, 'keshi'),
        signInOver(b.url, 'keshi'),
        signInOver(b.url, 'bgszr'),
      ]);
      for (let round = 0; round < 10; round++) {
        const proposed = await proposeCase(round % 2 ? b.url : a.url, shouwen, `同时审批第 ${round} 轮`);
        // Even rounds: the holder twice, in two sessions; odd rounds: the holder and the deputy.
        const other = round % 2 ? deputyOnB : keshiOnB;
        const decide = (url: string, session: HttpSession, decision: string) =>
          send(url, 'POST', `/api/cases/${proposed.id}/actions`, {
            session,
            body: {
              version: proposed.version,
              action: { type: 'decide', decision, opinion: `第 ${round} 轮` },
            },
          });
        const results = await Promise.all([
          decide(a.url, keshiOnA, 'escalate'),
          decide(b.url, other, 'resolvable'),
        ]);
        expect(results.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
        expect(results.find((r) => r.status === 409)?.body.error.code).toBe('VERSION_CONFLICT');
        const decisions = await query<{ n: number }>(
          'select count(*)::int as n from case_decisions where case_id = $1',
          [proposed.id],
        );
        expect(decisions[0]?.n, `round ${round}`).toBe(1);
      }
    } finally {
      // Others' reminders go to level 2's holders: leave the chain as the demo made it.
      await query(`delete from acting_deputies where id = 'two-servers-deputy'`);
    }
  });

  it('sends each notification and each reply reminder once although both outbox workers poll', async () => {
    const admin = await signInOver(a.url, 'admin');
    for (const username of ['keshi', 'shouwen']) {
      const found = await send(a.url, 'GET', `/api/people?q=${username}`, { session: admin });
      const person = (found.body.items as { id: string; username: string; version: number }[]).find(
        (p) => p.username === username,
      );
      const updated = await send(b.url, 'PATCH', `/api/people/${person?.id}`, {
        session: admin,
        body: { email: `${username}@example.test`, version: person?.version },
      });
      expect(updated.status).toBe(200);
    }
    const on = (username: string, server: ServerProcess) => signInOver(server.url, username);
    const [shouwen, keshi, fenguan, juzhang] = await Promise.all([
      on('shouwen', a),
      on('keshi', b),
      on('fenguan', a),
      on('juzhang', b),
    ]);
    // Each proposal tells keshi (待您审批) by email.
    const proposed = await Promise.all(
      Array.from({ length: 8 }, (_, i) => proposeCase(i % 2 ? b.url : a.url, shouwen, `通知第 ${i} 件`)),
    );
    // One goes up the chain to a final refusal, which tells shouwen to reply within 3 working days.
    let refused = proposed[0]!;
    for (const [server, session, decision] of [
      [a, keshi, 'escalate'],
      [b, fenguan, 'escalate'],
      [a, juzhang, 'refuse'],
    ] as const) {
      const res = await send(server.url, 'POST', `/api/cases/${refused.id}/actions`, {
        session,
        body: {
          version: refused.version,
          action: { type: 'decide', decision, opinion: '审批意见', workableSuggestion: '可另行申办' },
        },
      });
      expect(res.status).toBe(200);
      refused = res.body;
    }
    // The days go by and the reply falls overdue: every tick of both workers looks for reminders.
    await query(`update cases set reply_deadline = '2020-01-02' where id = $1`, [refused.id]);
    const reminders = await eventually('the overdue reminders', async () => {
      const rows = await query<{ person_id: string }>(
        `select person_id from notifications where case_id = $1 and kind = 'replyOverdue'`,
        [refused.id],
      );
      return rows.length >= 2 ? rows : undefined;
    });
    // The first responder and the department head, once each, however many ticks looked.
    expect(reminders.map((r) => r.person_id).sort()).toEqual([shouwen.personId, keshi.personId].sort());
    const outbox = await eventually('every queued email sent', async () => {
      const rows = await query<{ id: string; outcome: string | null; attempts: number }>(
        `select id, outcome, attempts from outbox where channel = 'email'`,
      );
      return rows.every((r) => r.outcome !== null) ? rows : undefined;
    });
    // 8 proposals, the refusal and 2 reminders at least (an earlier test's proposals may add more).
    expect(outbox.length).toBeGreaterThanOrEqual(11);
    expect(outbox.filter((r) => r.outcome !== 'sent' || r.attempts !== 1)).toEqual([]);
    for (const { id } of outbox) {
      expect(
        mail.messageIds.filter((m) => m === `<${id}@bancheng>`),
        id,
      ).toHaveLength(1);
    }
    const sentBy = [a, b].flatMap((s) => s.logged('outbox message sent').map((e) => e['outboxId']));
    expect(sentBy.sort()).toEqual(outbox.map((r) => r.id).sort());
  });

  it('locks an account at the same count when the failures are spread over both servers', async () => {
    const from = '198.51.100.7';
    const login = (server: ServerProcess, username: string, password: string, clientAddress = from) =>
      send(server.url, 'POST', '/api/auth/login', { clientAddress, body: { username, password } });
    // One after another, alternating: the 5th failure (LOGIN_MAX_FAILURES) locks, as on one server.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(i % 2 ? b : a, 'jijian', `wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    for (const server of [a, b]) {
      const right = await login(server, 'jijian', DEMO_PASSWORD);
      expect(right.status).toBe(423);
      expect(right.body.error.code).toBe('ACCOUNT_LOCKED');
    }
    // All at once, half through each (from another address, below its limit): still no more than 5
    // passwords checked before the lock.
    const tries = await Promise.all(
      Array.from({ length: 9 }, (_, i) => login(i % 2 ? b : a, 'jgjc1', `wrong-${i}`, '198.51.100.8')),
    );
    expect(tries.filter((r) => r.status !== 401 && r.status !== 423)).toEqual([]);
    const checked = await query<{ n: number }>(
      `select count(*)::int as n from audit_events e join people p on p.id = e.subject_id
        where p.username = 'jgjc1' and e.type = 'auth.loginFailed' and e.payload like '%wrongPassword%'`,
    );
    expect(checked[0]?.n).toBe(5);
    expect((await login(b, 'jgjc1', DEMO_PASSWORD)).status).toBe(423);
  });

  it('blocks an address at the same count when its failures are spread over both servers', async () => {
    const from = '203.0.113.9';
    const login = (server: ServerProcess, username: string, password: string, clientAddress = from) =>
      send(server.url, 'POST', '/api/auth/login', { clientAddress, body: { username, password } });
    for (let i = 0; i < PER_ADDRESS_LIMIT; i++) {
      expect((await login(i % 2 ? b : a, `nobody${i}`, 'guess')).status).toBe(401);
    }
    for (const server of [a, b]) {
      const blocked = await login(server, 'xbk1', DEMO_PASSWORD);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('ADDRESS_LOCKED');
    }
    // Another office's address still signs in.
    expect((await login(b, 'xbk1', DEMO_PASSWORD, '203.0.113.10')).status).toBe(200);
  });

  it('serves an attachment uploaded through one server from the other (one shared DATA_DIR)', async () => {
    const shouwen = await signInOver(a.url, 'shouwen');
    const registered = await send(a.url, 'POST', '/api/cases', {
      session: shouwen,
      body: registration('共享附件'),
    });
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), '营业执照.pdf');
    const uploaded = await send(a.url, 'POST', `/api/cases/${registered.body.id}/attachments`, {
      session: shouwen,
      form,
    });
    expect(uploaded.status).toBe(201);
    const downloaded = await send(
      b.url,
      'GET',
      `/api/cases/${registered.body.id}/attachments/${uploaded.body.id}`,
      { session: shouwen },
    );
    expect(downloaded.status).toBe(200);
    expect(Buffer.compare(downloaded.body as Buffer, PDF)).toBe(0);
  });
});

describe.runIf(PG)('two servers started at the same moment on an empty database', () => {
  afterAll(async () => {
    await stopServerProcesses();
  });

  // As N units started together after a fresh install: without the startup lock each saw an empty
  // database, and all but one died on a unique constraint half-way through their own first-run data.
  // The demo bureau takes seconds to load, so both are certain to find the database empty; the first
  // administrator of production is the same code path under the same lock.
  it('migrates once, loads the demo bureau once, and both serve', { timeout: 60_000 }, async () => {
    const schema = await createSchema(BASE_URL);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-shared-'));
    const db = new pg.Pool({ connectionString: schema.url, max: 1 });
    try {
      const env = serverEnv({ databaseUrl: schema.url, dataDir });
      const servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
      for (const server of servers) {
        expect((await send(server.url, 'GET', '/api/health')).body).toMatchObject({
          status: 'ok',
          db: 'postgres',
        });
        expect((await signInOver(server.url, 'shouwen')).personId).toBeTruthy();
      }
      const count = async (text: string) => Number((await db.query(text)).rows[0].n);
      expect(await count(`select count(*) as n from audit_events where type = 'system.demoLoaded'`)).toBe(1);
      // `npm start` loads the demo county: its people and its year of cases besides the core demo's.
      expect(await count('select count(*) as n from people')).toBe(77);
      expect(await count('select count(*) as n from cases')).toBeGreaterThanOrEqual(DEMO_CASES.length + 300);
      const migrations = await count('select count(*) as n from schema_migrations');
      expect(migrations).toBeGreaterThan(0);
      expect(await count('select count(distinct name) as n from schema_migrations')).toBe(migrations);
      await Promise.all(servers.map((s) => s.stop()));
    } finally {
      await stopServerProcesses();
      await db.end();
      await schema.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

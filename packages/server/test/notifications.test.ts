import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, sqliteFileIn, type Db, type Dialect } from '../src/platform/db/database.ts';
import { startServer } from '../src/server.ts';
import { actOnCase, registerCase } from '../src/modules/cases/case-service.ts';
import {
  enqueueNotifications,
  type PlannedNotification,
} from '../src/modules/notifications/notification-service.ts';
import {
  createOutboxWorker,
  createSenders,
  deliverDueOutbox,
  type WorkerLog,
} from '../src/modules/notifications/outbox-worker.ts';
import { findPersonRowByUsername } from '../src/modules/people/people-repository.ts';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';

const run = promisify(execFile);

// ---- a real SMTP server on 127.0.0.1, port 0 -------------------------------------------------------

interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
}

interface MailServer {
  url: string;
  received: ReceivedMail[];
  /** Reject the next `n` recipients with a temporary failure naming the address. */
  failNext(n: number): void;
  close(): Promise<void>;
}

/** Decodes a header's MIME encoded-words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), joining adjacent ones. */
function decodeHeader(value: string): string {
  const parts: Buffer[] = [];
  const pattern = /=\?utf-8\?([bq])\?([^?]*)\?=|([^=]+|=)/gi;
  for (const m of value.replace(/\r?\n[ \t]+/g, ' ').matchAll(pattern)) {
    if (m[1] && m[2] !== undefined) {
      parts.push(
        m[1].toLowerCase() === 'b'
          ? Buffer.from(m[2], 'base64')
          : Buffer.from(
              m[2]
                .replace(/_/g, ' ')
                .replace(/=([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            ),
      );
    } else if (m[3] && !/^\s+$/.test(m[3])) {
      parts.push(Buffer.from(m[3]));
    }
  }
  return Buffer.concat(parts).toString('utf8');
}

function headerOf(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const m = new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return (m?.[1] ?? '').trim();
}

async function startMailServer(): Promise<MailServer> {
  const received: ReceivedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (failures > 0) {
        failures--;
        const err = Object.assign(new Error(`Mailbox ${address.address} is busy, try later`), {
          responseCode: 450,
        });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeHeader(headerOf(raw, 'Subject')),
          messageId: headerOf(raw, 'Message-ID'),
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    const listening = server.listen(0, '127.0.0.1', () => resolve((listening.address() as AddressInfo).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext: (n) => {
      failures = n;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// ---- helpers -----------------------------------------------------------------------------------------

const registration = (title: string) => ({
  applicant: { kind: 'enterprise' as const, name: '示范食品有限公司', phone: '13912345678' },
  channel: 'counter' as const,
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'licensing' as const,
  matterTitle: title,
  description: '企业希望在住宅楼一层开设食品加工作坊',
  coDepartmentIds: [],
});

async function act(c: Client, id: string, action: Record<string, unknown>) {
  const current = (await c.request('GET', `/api/cases/${id}`)).json();
  const res = await c.request('POST', `/api/cases/${id}/actions`, { version: current.version, action });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Everyone gets an address username@example.test (the demo bureau has none). */
async function giveEveryoneAnEmail(db: Db): Promise<void> {
  await db
    .updateTable('people')
    .set({ email: sql<string>`username || '@example.test'` })
    .execute();
}

interface LogLine {
  obj: object;
  msg: string;
}
function memoryLog(): WorkerLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ obj, msg }),
    warn: (obj, msg) => lines.push({ obj, msg }),
  };
}

async function outboxRowsOf(db: Db, notificationIds: string[]) {
  return db.selectFrom('outbox').selectAll().where('notification_id', 'in', notificationIds).execute();
}

const mailsTo = (mail: MailServer, address: string, subjectPart: string) =>
  mail.received.filter((m) => m.to.includes(address) && m.subject.includes(subjectPart));

// ---- the inbox, email delivery, retries and concurrency ---------------------------------------------

describe.each(DIALECTS)('notifications and the outbox [%s]', (dialect) => {
  let t: TestApp;
  let mail: MailServer;
  let shouwen: Client, keshi: Client, fenguan: Client, juzhang: Client, outsider: Client;
  const log = memoryLog();

  beforeAll(async () => {
    mail = await startMailServer();
    t = await createTestApp(dialect, { SMTP_URL: mail.url, MAIL_FROM: 'bancheng@example.test' });
    await giveEveryoneAnEmail(t.ctx.database.db);
    shouwen = await t.signIn('shouwen');
    keshi = await t.signIn('keshi');
    fenguan = await t.signIn('fenguan');
    juzhang = await t.signIn('juzhang');
    outsider = await t.signIn('jgjc1');
  });
  afterAll(async () => {
    await t.dispose();
    await mail.close();
  });

  const inbox = async (c: Client, query = '') =>
    (await c.request('GET', `/api/notifications?pageSize=200${query}`)).json();
  const forCase = (list: { items: { caseId: string; kind: string }[] }, caseId: string) =>
    list.items.filter((n) => n.caseId === caseId).map((n) => n.kind);

  it('tells each level when the form arrives, the proposer of each decision, and emails them', async () => {
    const c = (await shouwen.request('POST', '/api/cases', registration('通知测试'))).json();
    await act(shouwen, c.id, { type: 'proposeRefusal', reason: 'notPermitted', reasonText: '不允许' });
    expect(forCase(await inbox(keshi), c.id)).toEqual(['caseArrived']);
    expect(forCase(await inbox(fenguan), c.id)).toEqual([]);
    await act(keshi, c.id, { type: 'decide', decision: 'escalate', opinion: '提级' });
    expect(forCase(await inbox(fenguan), c.id)).toEqual(['caseArrived']);
    await act(fenguan, c.id, { type: 'decide', decision: 'escalate', opinion: '提级' });
    expect(forCase(await inbox(juzhang), c.id)).toEqual(['caseArrived']);
    const refused = await act(juzhang, c.id, {
      type: 'decide',
      decision: 'refuse',
      opinion: '确实不能办',
      workableSuggestion: '可在园区申办',
    });
    // Newest first: the refusal with its reply date, then the two escalations of the proposal.
    const mine = await inbox(shouwen);
    expect(forCase(mine, c.id)).toEqual(['caseRefused', 'decisionMade', 'decisionMade']);
    const refusal = mine.items.find((n: { kind: string }) => n.kind === 'caseRefused');
    expect(refusal.title).toContain(refused.dueDate);
    expect(refusal.title).toContain(c.number);
    // Nobody is told of their own act.
    expect(forCase(await inbox(juzhang), c.id)).toEqual(['caseArrived']);

    const worker = createOutboxWorker(t.ctx, { log });
    const report = await worker.tick();
    await worker.stop();
    expect(report.failed).toBe(0);
    expect(mailsTo(mail, 'keshi@example.test', `待您审批：${c.number}`)).toHaveLength(1);
    expect(mailsTo(mail, 'fenguan@example.test', `待您审批：${c.number}`)).toHaveLength(1);
    expect(mailsTo(mail, 'juzhang@example.test', `待您审批：${c.number}`)).toHaveLength(1);
    expect(mailsTo(mail, 'shouwen@example.test', `请于 ${refused.dueDate} 前答复：${c.number}`)).toHaveLength(
      1,
    );
    expect(mailsTo(mail, 'shouwen@example.test', `已有审批意见：${c.number}`)).toHaveLength(2);
    const rows = await t.ctx.database.db
      .selectFrom('outbox')
      .innerJoin('notifications', 'notifications.id', 'outbox.notification_id')
      .select(['outbox.outcome', 'outbox.attempts'])
      .where('notifications.case_id', '=', c.id)
      .execute();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.outcome === 'sent' && r.attempts === 1)).toBe(true);
    // The log names rows and people by id, never by address.
    expect(JSON.stringify(log.lines)).not.toContain('@example.test');
  });

  it('counts unread notifications and marks them read, one or all', async () => {
    const before = await inbox(shouwen, '&unread=true');
    expect(before.unreadCount).toBe(before.total);
    expect(before.unreadCount).toBeGreaterThan(1);
    const first = before.items[0];
    const read = await shouwen.request('POST', `/api/notifications/${first.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toEqual(expect.any(String));
    const after = await inbox(shouwen, '&unread=true');
    expect(after.unreadCount).toBe(before.unreadCount - 1);
    expect(after.items.map((n: { id: string }) => n.id)).not.toContain(first.id);
    expect((await inbox(shouwen)).items.map((n: { id: string }) => n.id)).toContain(first.id);
    const all = await shouwen.request('POST', '/api/notifications/read-all');
    expect(all.json()).toEqual({ marked: before.unreadCount - 1, unreadCount: 0 });
    expect((await inbox(shouwen, '&unread=true')).items).toEqual([]);
  });

  it('shows and marks only your own notifications: another person’s is a 404 and stays unread', async () => {
    const theirs = (await inbox(keshi, '&unread=true')).items[0];
    expect(theirs).toBeDefined();
    const res = await outsider.request('POST', `/api/notifications/${theirs.id}/read`);
    expect(res.statusCode).toBe(404);
    expect((await outsider.request('POST', '/api/notifications/no-such-id/read')).statusCode).toBe(404);
    expect((await inbox(outsider)).items.map((n: { id: string }) => n.id)).not.toContain(theirs.id);
    const row = await t.ctx.database.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', theirs.id)
      .executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
    expect((await t.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });

  const planFor = (personId: string, count: number, label: string): PlannedNotification[] =>
    Array.from({ length: count }, (_, i) => ({
      personId,
      kind: 'replyDueSoon',
      caseId: null,
      title: `${label} ${i}`,
      body: label,
    }));
  const enqueue = (notifications: PlannedNotification[]) =>
    t.ctx.database.db.transaction().execute((trx) =>
      enqueueNotifications(trx, {
        channels: ['email'],
        notifications,
        now: t.ctx.clock.now().toISOString(),
      }),
    );

  it('retries a message the SMTP server refuses, keeps it until sent, and logs no address', async () => {
    const senders = createSenders(t.ctx.config);
    await deliverDueOutbox(t.ctx, { senders, log }); // nothing else is pending
    await enqueue(planFor(shouwen.personId, 1, '重试测试'));
    const failLog = memoryLog();
    mail.failNext(1);
    const first = await deliverDueOutbox(t.ctx, { senders, log: failLog });
    expect(first).toEqual({ sent: 0, skipped: 0, retried: 1, failed: 0 });
    const db = t.ctx.database.db;
    const pending = await db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).execute();
    expect(pending).toHaveLength(1);
    const row = pending[0]!;
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('450');
    expect(row.last_error).toContain('s***@example.test');
    expect(row.last_error).not.toContain('shouwen@example.test');
    expect(JSON.stringify(failLog.lines)).not.toContain('shouwen@example.test');
    expect(Date.parse(row.due_at)).toBeGreaterThan(Date.now());
    // Not due yet: a tick now sends nothing.
    expect((await deliverDueOutbox(t.ctx, { senders, log })).sent).toBe(0);
    await db
      .updateTable('outbox')
      .set({ due_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', row.id)
      .execute();
    expect(await deliverDueOutbox(t.ctx, { senders, log })).toEqual({
      sent: 1,
      skipped: 0,
      retried: 0,
      failed: 0,
    });
    senders.close();
    const done = await db.selectFrom('outbox').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(done).toMatchObject({ outcome: 'sent', attempts: 2 });
    expect(mail.received.filter((m) => m.messageId === `<${row.id}@bancheng>`)).toHaveLength(1);
  });

  it('sends each message exactly once when two worker processes run at once over the same outbox', async () => {
    const count = 60;
    await enqueue(planFor(keshi.personId, count, '并发发送'));
    const ids = (
      await t.ctx.database.db.selectFrom('outbox').select('id').where('sent_at', 'is', null).execute()
    ).map((r) => r.id);
    expect(ids).toHaveLength(count);
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SMTP_URL: mail.url,
      MAIL_FROM: 'bancheng@example.test',
      DATABASE_URL: t.ctx.config.databaseUrl ?? '',
      SQLITE_FILE: path.join(t.ctx.config.dataDir, 'test.sqlite'),
      START_AT: String(Date.now() + 2000),
    };
    const script = new URL('./deliver-outbox-process.ts', import.meta.url).pathname;
    const [a, b] = await Promise.all(
      [1, 2].map(async () => {
        const { stdout } = await run(process.execPath, [script], { env, timeout: 60_000 });
        return JSON.parse(stdout) as { sent: number; retried: number; failed: number };
      }),
    );
    expect(a!.sent + b!.sent).toBe(count);
    expect(a!.sent).toBeGreaterThan(0);
    expect(b!.sent).toBeGreaterThan(0);
    for (const id of ids) {
      expect(
        mail.received.filter((m) => m.messageId === `<${id}@bancheng>`),
        id,
      ).toHaveLength(1);
    }
    const rows = await t.ctx.database.db.selectFrom('outbox').selectAll().where('id', 'in', ids).execute();
    expect(rows.every((r) => r.outcome === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('sends an SMS through the configured HTTP gateway, with no phone number in the log', async () => {
    const bodies: unknown[] = [];
    const gateway = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(data));
        res.writeHead(bodies.length === 1 ? 503 : 200).end();
      });
    });
    const port = await new Promise<number>((resolve) => {
      gateway.listen(0, '127.0.0.1', () => resolve((gateway.address() as AddressInfo).port));
    });
    const config = { ...t.ctx.config, smsGatewayUrl: `http://127.0.0.1:${port}/send` };
    const senders = createSenders(config);
    const smsLog = memoryLog();
    try {
      await deliverDueOutbox(t.ctx, { senders, log: smsLog }); // nothing else is pending
      await t.ctx.database.db.transaction().execute((trx) =>
        enqueueNotifications(trx, {
          channels: ['sms'],
          notifications: planFor(shouwen.personId, 1, '短信测试'),
          now: t.ctx.clock.now().toISOString(),
        }),
      );
      expect((await deliverDueOutbox(t.ctx, { senders, log: smsLog })).retried).toBe(1);
      await t.ctx.database.db
        .updateTable('outbox')
        .set({ due_at: new Date(Date.now() - 1000).toISOString() })
        .where('sent_at', 'is', null)
        .execute();
      expect((await deliverDueOutbox(t.ctx, { senders, log: smsLog })).sent).toBe(1);
    } finally {
      senders.close();
      await new Promise((resolve) => gateway.close(resolve));
    }
    const phone = (await findPersonRowByUsername(t.ctx.database.db, 'shouwen'))!.phone!;
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual({ to: phone, text: '【办成】短信测试 0' });
    expect(JSON.stringify(smsLog.lines)).not.toContain(phone);
  });

  it('queues no email for someone without an address, but still notifies them in the app', async () => {
    const db = t.ctx.database.db;
    await db.updateTable('people').set({ email: null }).where('id', '=', fenguan.personId).execute();
    const notifications = planFor(fenguan.personId, 1, '无邮箱');
    await enqueue(notifications);
    const n = await db
      .selectFrom('notifications')
      .select('id')
      .where('person_id', '=', fenguan.personId)
      .where('title', '=', '无邮箱 0')
      .executeTakeFirstOrThrow();
    expect(await outboxRowsOf(db, [n.id])).toEqual([]);
    await giveEveryoneAnEmail(db);
  });
});

// ---- the acceptance test: a reminder due while the server is stopped is sent once after it starts ----

/** A database that outlives one server: a SQLite file in a directory, or a PostgreSQL schema. */
async function persistentDatabase(dialect: Dialect) {
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

describe.each(DIALECTS)('reply reminders across a restart [%s]', (dialect) => {
  let mail: MailServer;
  let store: Awaited<ReturnType<typeof persistentDatabase>>;
  beforeAll(async () => {
    mail = await startMailServer();
    store = await persistentDatabase(dialect);
  });
  afterAll(async () => {
    await store.dispose();
    await mail.close();
  });

  const configFor = () =>
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: '0',
      WEB_DIST: path.join(os.tmpdir(), 'bancheng-no-web'),
      SMTP_URL: mail.url,
      MAIL_FROM: 'bancheng@example.test',
      // Only the tick at start and the ones the test asks for.
      OUTBOX_INTERVAL_SECONDS: '3600',
      ...store.env,
    });

  it('sends an overdue reminder that fell due while stopped exactly once after the server starts', async () => {
    // First run: a refusal is confirmed; the server stops before any reminder is due.
    const first = await startServer(configFor(), { clock: systemClock, quiet: true });
    await first.outbox.tick();
    const db = first.ctx.database.db;
    await giveEveryoneAnEmail(db);
    const id = async (u: string) => (await findPersonRowByUsername(db, u))!.id;
    const [shouwen, keshi, fenguan, juzhang] = await Promise.all(
      ['shouwen', 'keshi', 'fenguan', 'juzhang'].map(id),
    );
    const as = (personId: string) => ({ personId, address: null });
    let c = await registerCase(first.ctx, as(shouwen!), registration('重启提醒测试'));
    const step = async (personId: string, action: Parameters<typeof actOnCase>[2]['request']['action']) => {
      c = await actOnCase(first.ctx, as(personId), { id: c.id, request: { version: c.version, action } });
    };
    await step(shouwen!, { type: 'proposeRefusal', reason: 'notPermitted', reasonText: '不允许' });
    await step(keshi!, { type: 'decide', decision: 'escalate', opinion: '提级' });
    await step(fenguan!, { type: 'decide', decision: 'escalate', opinion: '提级' });
    await step(juzhang!, {
      type: 'decide',
      decision: 'refuse',
      opinion: '确实不能办',
      workableSuggestion: '可在园区申办',
    });
    expect(c.state).toBe('refused');
    await first.close();

    // While it is stopped, the reply date passes.
    const offline = store.open();
    await offline.db
      .updateTable('cases')
      .set({ reply_deadline: '2026-01-05' })
      .where('id', '=', c.id)
      .execute();
    await offline.close();
    expect(mail.received.filter((m) => m.subject.includes(c.number))).toEqual([]);

    // Second run: the tick at start creates the reminders and sends everything queued, once.
    const second = await startServer(configFor(), { clock: systemClock, quiet: true });
    await second.outbox.tick();
    const overdue = `答复已逾期：${c.number}`;
    expect(mailsTo(mail, 'shouwen@example.test', overdue)).toHaveLength(1);
    expect(mailsTo(mail, 'keshi@example.test', overdue)).toHaveLength(1);
    expect(mail.received.filter((m) => m.subject.includes(overdue))).toHaveLength(2);
    // The messages queued before the stop went out too: three arrivals, two decisions, the refusal.
    expect(mail.received.filter((m) => m.subject.includes(c.number))).toHaveLength(8);
    await second.outbox.tick();
    await second.close();

    // And a third start sends nothing again.
    const third = await startServer(configFor(), { clock: systemClock, quiet: true });
    await third.outbox.tick();
    const notifications = await third.ctx.database.db
      .selectFrom('notifications')
      .select(['person_id', 'kind'])
      .where('case_id', '=', c.id)
      .where('kind', '=', 'replyOverdue')
      .execute();
    await third.close();
    expect(notifications.map((n) => n.person_id).sort()).toEqual([shouwen, keshi].sort());
    expect(mail.received.filter((m) => m.subject.includes(overdue))).toHaveLength(2);
    expect(mail.received.filter((m) => m.subject.includes(c.number))).toHaveLength(8);
  });
});

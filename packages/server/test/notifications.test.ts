// Notifications and the outbox: the inbox, email and SMS delivery, retries, and two workers on one outbox.
// Reminders across a restart are in notification-restart.test.ts; the SMTP server in notification-fixtures.ts.
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/platform/db/database.ts';
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

import {
  giveEveryoneAnEmail,
  mailsTo,
  registration,
  startMailServer,
  type MailServer,
} from './notification-fixtures.ts';

const run = promisify(execFile);

async function act(c: Client, id: string, action: Record<string, unknown>) {
  const current = (await c.request('GET', `/api/cases/${id}`)).json();
  const res = await c.request('POST', `/api/cases/${id}/actions`, { version: current.version, action });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
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
      .where('notifications.kind', 'not in', ['replyOverdue', 'replyDueSoon'])
      .execute();
    // The reply counts from receipt (11-20, decision 0015): its reminders went out too, not counted here.
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
      params: { caseNumber: `${label} ${i}`, matterTitle: label, replyDeadline: '2026-12-31' },
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
    expect(bodies[1]).toEqual({ to: phone, text: '【办成】答复期限将至：短信测试 0' });
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
      .where('title', '=', '答复期限将至：无邮箱 0')
      .executeTakeFirstOrThrow();
    expect(await outboxRowsOf(db, [n.id])).toEqual([]);
    await giveEveryoneAnEmail(db);
  });
});

// ---- the acceptance test: a reminder due while the server is stopped is sent once after it starts ----

/** A database that outlives one server: a SQLite file in a directory, or a PostgreSQL schema. */

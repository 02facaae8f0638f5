// Reply reminders across a restart: a reminder that fell due while the server was stopped is sent
// exactly once after it starts again, on a database that outlives the server process.
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { startServer } from '../src/server.ts';
import { actOnCase, registerCase } from '../src/modules/cases/case-service.ts';
import { findPersonRowByUsername } from '../src/modules/people/people-repository.ts';
import { DIALECTS } from './harness.ts';
import { persistentDatabase } from './persistent-database.ts';
import {
  giveEveryoneAnEmail,
  mailsTo,
  registration,
  startMailServer,
  type MailServer,
} from './notification-fixtures.ts';

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

// Clocks on every approval level (docs/decisions/0015) with an injected clock: a case left at the
// department head past its limit is red and in the overdue filter; the holder, the next level and the
// supervision office get one reminder a day, however often the job runs, across a restart, and with two
// processes running it at once on PostgreSQL. The bureau's settings: read by all, set by the administrator.
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationKind } from '@bancheng/core';
import { fixedClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Db } from '../src/platform/db/database.ts';
import { startServer } from '../src/server.ts';
import { actOnCase, registerCase } from '../src/modules/cases/case-service.ts';
import { scheduleClockReminders } from '../src/modules/notifications/index.ts';
import { findPersonRowByUsername } from '../src/modules/people/people-repository.ts';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { persistentDatabase } from './persistent-database.ts';

const run = promisify(execFile);

// Monday 2026-11-16, 10:00 in China: proposed today, the department head's one working day ends Tuesday.
const PROPOSED = '2026-11-16T02:00:00Z';
const DUE_TODAY = '2026-11-17T02:00:00Z';
const OVERDUE = '2026-11-18T02:00:00Z'; // Wednesday
const NEXT_DAY = '2026-11-19T02:00:00Z'; // Thursday

const registration = (title: string) => ({
  applicant: { kind: 'enterprise' as const, name: '示范食品有限公司', phone: '13912345678' },
  channel: 'counter' as const,
  receivedAt: '2026-11-16T09:00:00+08:00',
  matterType: 'licensing' as const,
  matterTitle: title,
  description: '企业希望在住宅楼一层开设食品加工作坊',
  coDepartmentIds: [],
});

/** Each person's count of this case's notifications of `kind`. */
async function remindersOf(db: Db, caseId: string, kind: NotificationKind): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('notifications')
    .innerJoin('people', 'people.id', 'notifications.person_id')
    .select(['people.username'])
    .where('notifications.case_id', '=', caseId)
    .where('notifications.kind', '=', kind)
    .execute();
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.username] = (counts[r.username] ?? 0) + 1;
  return counts;
}

/** Who should hear of an overdue department head: the level's and the next level's holders (with their
 * deputies) and the supervision office, each once. */
async function overdueRecipients(db: Db): Promise<string[]> {
  const office = await db
    .selectFrom('person_roles')
    .innerJoin('people', 'people.id', 'person_roles.person_id')
    .select('people.username')
    .where('person_roles.role', '=', 'supervisionOffice')
    .where('people.status', '=', 'active')
    .execute();
  return [...new Set(['keshi', 'fenguan', ...office.map((p) => p.username)])].sort();
}

describe.each(DIALECTS)('level clocks [%s]', (dialect) => {
  const clock = fixedClock(PROPOSED);
  let t: TestApp;
  let shouwen: Client, keshi: Client, ducha: Client, admin: Client, djzc2: Client;
  let caseId: string;
  /** Signs everyone in again: moving the clock days ahead ends their sessions. */
  const signInAll = async () => {
    const [a, b, c, d, e] = await Promise.all(
      ['shouwen', 'keshi', 'ducha', 'admin', 'djzc2'].map((u) => t.signIn(u)),
    );
    [shouwen, keshi, ducha, admin, djzc2] = [a!, b!, c!, d!, e!];
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock });
    await signInAll();
    const c = (await shouwen.request('POST', '/api/cases', registration('层级时限测试'))).json();
    const proposed = await shouwen.request('POST', `/api/cases/${c.id}/actions`, {
      version: c.version,
      action: { type: 'proposeRefusal', reason: 'notPermitted', reasonText: '不允许' },
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    caseId = c.id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const overdueList = async (who: Client) =>
    (await who.request('GET', '/api/cases?view=all&overdue=true&pageSize=100')).json<{
      items: { id: string; light: string | null; levelDue: string | null; overdue: boolean }[];
    }>().items;

  // Tests run in a shuffled order: each sets the day it needs and signs everyone in on it.
  const on = async (at: string) => {
    clock.set(at);
    await signInAll();
  };

  it('shows the level due date and a yellow light the working day before, and reminds the holder', async () => {
    await on(PROPOSED);
    const res = await keshi.request('GET', `/api/cases/${caseId}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.levelDue).toBe('2026-11-17');
    expect(page.light).toBe('yellow');
    expect(page.clocks.levels).toEqual([
      {
        level: 2,
        enteredOn: '2026-11-16',
        decidedOn: null,
        due: '2026-11-17',
        provisional: false,
        status: 'pending',
        light: 'yellow',
      },
    ]);
    // By default the reply counts from receipt: three working days after 11-16, whatever the levels take.
    expect(page.clocks).toMatchObject({
      reply: { due: '2026-11-19', status: 'pending' },
      replyCounting: 'receipt',
      replyWorkdays: 3,
      workdaysSinceReceipt: 0,
    });
    expect((await overdueList(ducha)).map((c) => c.id)).not.toContain(caseId);
    expect(await scheduleClockReminders(t.ctx)).toBeGreaterThan(0);
    expect(await remindersOf(t.ctx.database.db, caseId, 'levelDueSoon')).toEqual({ keshi: 1 });
    clock.set(DUE_TODAY);
    await scheduleClockReminders(t.ctx);
    await scheduleClockReminders(t.ctx);
    expect(await remindersOf(t.ctx.database.db, caseId, 'levelDueSoon')).toEqual({ keshi: 2 });
  });

  it('is red and in the overdue filter once past the limit, with one reminder a day to each', async () => {
    await on(OVERDUE);
    const listed = (await overdueList(ducha)).find((c) => c.id === caseId);
    expect(listed).toMatchObject({ light: 'red', levelDue: '2026-11-17', overdue: true });
    expect((await overdueList(keshi)).map((c) => c.id)).toContain(caseId);
    const page = (await keshi.request('GET', `/api/cases/${caseId}`)).json();
    expect(page.clocks.levels[0]).toMatchObject({ status: 'pending', light: 'red' });
    expect(page.clocks.workdaysSinceReceipt).toBe(2);

    const db = t.ctx.database.db;
    const everyone = await overdueRecipients(db);
    expect(everyone).toEqual(expect.arrayContaining(['keshi', 'fenguan', 'ducha']));
    await scheduleClockReminders(t.ctx);
    await scheduleClockReminders(t.ctx);
    const once = Object.fromEntries(everyone.map((u) => [u, 1]));
    expect(await remindersOf(db, caseId, 'levelOverdue')).toEqual(once);
    // Each reminder's key names the case, level, round, kind and day, and the person.
    const keys = await db
      .selectFrom('notifications')
      .select('dedupe_key')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'levelOverdue')
      .execute();
    expect(
      keys.every((k) => k.dedupe_key?.startsWith(`case:${caseId}:level:2:round:1:overdue:2026-11-18:`)),
    ).toBe(true);

    clock.set(NEXT_DAY);
    await scheduleClockReminders(t.ctx);
    await scheduleClockReminders(t.ctx);
    expect(await remindersOf(db, caseId, 'levelOverdue')).toEqual(
      Object.fromEntries(everyone.map((u) => [u, 2])),
    );
  });

  it('lets the administrator lengthen the limit (audited): the case is no longer overdue', async () => {
    await on(NEXT_DAY);
    const settings = (await keshi.request('GET', '/api/settings/bureau')).json();
    expect(settings).toMatchObject({ levelWorkdays: { 2: 1, 3: 1, 4: 1 }, replyCounting: 'receipt' });
    const body = {
      levelWorkdays: { 2: 5, 3: 1, 4: 1 },
      replyCounting: 'finalRefusal',
      replyWorkdays: 3,
      followUpWorkdays: 5,
      version: settings.version,
    };
    expect((await keshi.request('PUT', '/api/settings/bureau', body)).statusCode).toBe(404);
    const bad = await admin.request('PUT', '/api/settings/bureau', { ...body, replyCounting: 'never' });
    expect(bad.statusCode).toBe(400);
    const put = await admin.request('PUT', '/api/settings/bureau', body);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ levelWorkdays: { 2: 5 }, version: settings.version + 1 });
    expect((await admin.request('PUT', '/api/settings/bureau', body)).statusCode).toBe(409);
    const events = await t.ctx.database.db
      .selectFrom('audit_events')
      .select('payload')
      .where('type', '=', 'settings.bureauUpdated')
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({
      before: { levelWorkdays: { 2: 1 } },
      after: { levelWorkdays: { 2: 5 }, replyCounting: 'finalRefusal' },
    });
    expect((await overdueList(ducha)).map((c) => c.id)).not.toContain(caseId);
    const page = (await keshi.request('GET', `/api/cases/${caseId}`)).json();
    expect(page.clocks.levels[0]).toMatchObject({ due: '2026-11-23', light: 'green' });
    // Counted from a refusal not yet made, the reply has no due date yet.
    expect(page.clocks).toMatchObject({ reply: null, replyCounting: 'finalRefusal' });
    const restored = await admin.request('PUT', '/api/settings/bureau', {
      ...body,
      levelWorkdays: { 2: 1, 3: 1, 4: 1 },
      replyCounting: 'receipt',
      version: settings.version + 1,
    });
    expect(restored.statusCode).toBe(200);
  });

  it('tells the new first responder of a hand-over', async () => {
    await on(PROPOSED);
    const created = await shouwen.request('POST', '/api/cases', registration('转交通知测试'));
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    const res = await shouwen.request('POST', `/api/cases/${c.id}/actions`, {
      version: c.version,
      action: { type: 'handOver', toPersonId: djzc2.personId },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await remindersOf(t.ctx.database.db, c.id, 'caseHandedOver')).toEqual({ djzc2: 1 });
  });
});

describe.each(DIALECTS)('level reminders across restarts and servers [%s]', (dialect) => {
  let store: Awaited<ReturnType<typeof persistentDatabase>>;
  beforeAll(async () => {
    store = await persistentDatabase(dialect);
  });
  afterAll(async () => {
    await store?.dispose();
  });
  const configFor = () =>
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: '0',
      WEB_DIST: path.join(os.tmpdir(), 'bancheng-no-web'),
      OUTBOX_INTERVAL_SECONDS: '3600',
      ...store.env,
    });

  it('sends one reminder a day to each, across a restart and (PostgreSQL) two processes at once', async () => {
    const clock = fixedClock(PROPOSED);
    const first = await startServer(configFor(), { clock, quiet: true });
    const db = first.ctx.database.db;
    const id = async (u: string) => (await findPersonRowByUsername(db, u))!.id;
    const shouwen = await id('shouwen');
    const as = { personId: shouwen, address: null };
    const c = await registerCase(first.ctx, as, registration('重启层级提醒'));
    await actOnCase(first.ctx, as, {
      id: c.id,
      request: {
        version: c.version,
        action: { type: 'proposeRefusal', reason: 'uncertain', reasonText: '把握不准' },
      },
    });
    const everyone = await overdueRecipients(db);
    clock.set(OVERDUE);
    await first.outbox.tick();
    await first.outbox.tick();
    await first.close();

    // A restart on the same day: its start tick and more find everything sent already.
    const second = await startServer(configFor(), { clock, quiet: true });
    await second.outbox.tick();
    const counts = (n: number) => Object.fromEntries(everyone.map((u) => [u, n]));
    expect(await remindersOf(second.ctx.database.db, c.id, 'levelOverdue')).toEqual(counts(1));

    // The next day: one more each, also when two processes run the job at the same moment.
    clock.set(NEXT_DAY);
    if (dialect === 'postgres') {
      const script = new URL('./clock-reminders-process.ts', import.meta.url).pathname;
      const env = {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: second.ctx.config.databaseUrl ?? '',
        CLOCK_AT: NEXT_DAY,
        START_AT: String(Date.now() + 2000),
      };
      const created = await Promise.all(
        [1, 2].map(async () => {
          const { stdout } = await run(process.execPath, [script], { env, timeout: 60_000 });
          return (JSON.parse(stdout) as { created: number }).created;
        }),
      );
      // Together they made each notification once (the demo's own cases may owe reminders too).
      expect(created[0]! + created[1]!).toBeGreaterThanOrEqual(everyone.length);
      // The two processes alone made each of this day's reminders, each once.
      expect(await remindersOf(second.ctx.database.db, c.id, 'levelOverdue')).toEqual(counts(2));
    }
    await second.outbox.tick();
    await second.outbox.tick();
    expect(await remindersOf(second.ctx.database.db, c.id, 'levelOverdue')).toEqual(counts(2));
    const outbox = await second.ctx.database.db
      .selectFrom('notifications')
      .select(['dedupe_key'])
      .where('case_id', '=', c.id)
      .where('kind', '=', 'levelOverdue')
      .execute();
    expect(new Set(outbox.map((n) => n.dedupe_key)).size).toBe(everyone.length * 2);
    await second.close();
    // Two server starts and (PostgreSQL) two child processes that each load the server: with a second
    // test worker on the same cores this outlasts the project's 30 s; the children have 60 s each.
  }, 120_000);
});

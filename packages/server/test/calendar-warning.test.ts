// The calendar says what it does not know: the years administrators set, by source; from 1 November a
// missing next year is in the status and in ONE notification per administrator, however many ticks,
// restarts or servers look; and migration 0014 names the source of years set before it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, type SettableClock } from '../src/platform/clock.ts';
import { openDatabase, type Database, type Dialect } from '../src/platform/db/database.ts';
import { migrateTo, migrateToLatest } from '../src/platform/db/migrator.ts';
import { createOutboxWorker, type WorkerLog } from '../src/modules/notifications/outbox-worker.ts';
import { scheduleCalendarWarnings } from '../src/modules/notifications/notification-service.ts';
import { multipartFile } from './multipart.ts';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';

const quiet: WorkerLog = { info: () => undefined, warn: () => undefined };

describe.each(DIALECTS)('the calendar warning [%s]', (dialect) => {
  let t: TestApp;
  let clock: SettableClock;
  let admin: Client;
  let keshi: Client;

  beforeAll(async () => {
    // 2026-12-01 10:00 in China: after 1 November, and 2027 is not shipped.
    clock = fixedClock('2026-12-01T02:00:00Z');
    t = await createTestApp(dialect, {}, { clock });
    admin = await t.signIn('admin');
    keshi = await t.signIn('keshi');
  });
  afterAll(async () => {
    await t.dispose();
  });

  const warnings = () =>
    t.ctx.database.db
      .selectFrom('notifications')
      .select(['person_id', 'dedupe_key', 'title', 'case_id'])
      .where('kind', '=', 'calendarMissing')
      .orderBy('dedupe_key')
      .execute();
  const status = async (c: Client) => {
    const res = await c.request('GET', '/api/calendar/status');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ today: string; missingYears: number[] }>();
  };

  it('knows nothing is missing on 31 October and that 2027 is from 1 November (China date)', async () => {
    clock.set('2026-10-31T15:59:00Z');
    expect(await status(keshi)).toEqual({ today: '2026-10-31', missingYears: [] });
    expect(await scheduleCalendarWarnings(t.ctx)).toBe(0);
    clock.set('2026-10-31T16:00:00Z');
    // The calendar itself is cached, the date is not.
    expect(await status(keshi)).toEqual({ today: '2026-11-01', missingYears: [2027] });
    clock.set('2026-12-01T02:00:00Z');
    expect((await t.inject({ method: 'GET', url: '/api/calendar/status' })).statusCode).toBe(401);
  });

  it('tells each administrator once, across ticks, a restart and two servers at once', async () => {
    const first = createOutboxWorker(t.ctx, { log: quiet });
    await first.tick();
    await first.tick();
    await first.stop();
    // A restart is a new worker over the same database; two servers tick at the same moment.
    const [a, b] = [createOutboxWorker(t.ctx, { log: quiet }), createOutboxWorker(t.ctx, { log: quiet })];
    await Promise.all([a.tick(), b.tick(), scheduleCalendarWarnings(t.ctx)]);
    await Promise.all([a.stop(), b.stop()]);

    const admins = await t.ctx.database.db
      .selectFrom('person_roles')
      .innerJoin('people', 'people.id', 'person_roles.person_id')
      .select('people.id')
      .where('role', '=', 'admin')
      .where('people.status', '=', 'active')
      .execute();
    expect(admins.length).toBeGreaterThan(0);
    const rows = await warnings();
    expect(rows.map((r) => r.person_id).sort()).toEqual(admins.map((r) => r.id).sort());
    expect(rows.map((r) => r.dedupe_key)).toEqual(admins.map((r) => `calendar-missing:2027:${r.id}`).sort());
    expect(rows.every((r) => r.case_id === null && r.title === '2027年节假日安排尚未载入')).toBe(true);

    const inbox = (await admin.request('GET', '/api/notifications')).json();
    expect(inbox.items.filter((n: { kind: string }) => n.kind === 'calendarMissing')).toHaveLength(1);
    // Others are not told.
    const theirs = (await keshi.request('GET', '/api/notifications')).json();
    expect(theirs.items.some((n: { kind: string }) => n.kind === 'calendarMissing')).toBe(false);
  });

  it('stops warning once the year is loaded, and lists every year with its source', async () => {
    // Its own app: loading 2027 here must not change what the other tests (in any order) see.
    const own = await createTestApp(dialect, {}, { clock: fixedClock('2026-12-01T02:00:00Z') });
    try {
      await loadAndList(own);
    } finally {
      await own.dispose();
    }
  });
});

async function loadAndList(t: TestApp): Promise<void> {
  const admin = await t.signIn('admin');
  const keshi = await t.signIn('keshi');
  const warnings = () =>
    t.ctx.database.db
      .selectFrom('notifications')
      .select('id')
      .where('kind', '=', 'calendarMissing')
      .execute();
  const status = async () => (await admin.request('GET', '/api/calendar/status')).json();
  {
    expect(await status()).toMatchObject({ missingYears: [2027] });
    expect(await scheduleCalendarWarnings(t.ctx)).toBeGreaterThan(0);
    const put = await admin.request('PUT', '/api/calendar/years/2027', {
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      workdays: [],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await status()).toEqual({ today: '2026-12-01', missingYears: [] });
    const before = (await warnings()).length;
    expect(await scheduleCalendarWarnings(t.ctx)).toBe(0);
    expect(await warnings()).toHaveLength(before);

    const { payload, headers } = multipartFile('2028-01-01,休,元旦\n2028-01-08,班,调休\n');
    const imported = await t.inject({
      method: 'POST',
      url: '/api/calendar/years/2028/import',
      headers: { ...headers, cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      payload,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const list = (await admin.request('GET', '/api/calendar/years')).json<{
      items: { year: number; source: string; holidayCount: number; workdayCount: number }[];
    }>();
    const byYear = new Map(list.items.map((y) => [y.year, y]));
    expect(byYear.get(2026)).toMatchObject({ source: 'shipped' });
    expect(byYear.get(2027)).toMatchObject({ source: 'form', holidayCount: 1, workdayCount: 0 });
    expect(byYear.get(2028)).toMatchObject({ source: 'import', holidayCount: 1, workdayCount: 1 });
    // A non-administrator reads the calendar but may not change it.
    const refused = await keshi.request('PUT', '/api/calendar/years/2029', {
      holidays: [{ date: '2029-01-01', name: '元旦' }],
      workdays: [],
    });
    expect(refused.statusCode).toBe(404);
  }
}

/** An empty database of its own (a fresh SQLite file or PostgreSQL schema), dropped by `drop`. */
async function emptyDatabase(dialect: Dialect): Promise<{ database: Database; drop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-0014-'));
  const base = process.env['TEST_DATABASE_URL'];
  if (dialect === 'sqlite' || !base) {
    const database = openDatabase({ sqliteFile: path.join(dir, 'db.sqlite') });
    return {
      database,
      drop: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const run = async (query: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(query);
    await c.end();
  };
  await run(`create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const database = openDatabase({ databaseUrl: url.toString(), sqliteFile: '' });
  return {
    database,
    drop: async () => {
      await database.close();
      await run(`drop schema ${schema} cascade`);
    },
  };
}

describe.each(DIALECTS)('migration 0014 on a database that holds data [%s]', (dialect) => {
  it("names each administrator's year form or import from its last change, and refuses 'admin' after", async () => {
    const { database, drop } = await emptyDatabase(dialect);
    try {
      const db = database.db;
      await migrateTo(db, '0010-case-search');
      const year = (y: number, source: string) =>
        sql.raw(
          `insert into calendar_years (year, source, updated_at) values (${y}, '${source}', '2026-03-10')`,
        );
      const event = (y: number, source: string) =>
        sql.raw(
          `insert into audit_events (occurred_at, type, subject_id, payload)
           values ('2026-03-10T01:00:00.000Z', 'calendar.yearSet', '${y}', '{"year":${y},"source":"${source}"}')`,
        );
      await year(2025, 'shipped').execute(db);
      await year(2030, 'admin').execute(db);
      await year(2031, 'admin').execute(db);
      await year(2032, 'admin').execute(db);
      await event(2030, 'import').execute(db);
      await event(2031, 'import').execute(db);
      await event(2031, 'form').execute(db);
      expect(await migrateToLatest(db)).toContain('0014-calendar-source');
      const rows = await sql<{ year: number; source: string }>`
        select year, source from calendar_years order by year`.execute(db);
      expect(rows.rows.map((r) => [Number(r.year), r.source])).toEqual([
        [2025, 'shipped'],
        [2030, 'import'],
        [2031, 'form'],
        [2032, 'form'],
      ]);
      await expect(year(2040, 'admin').execute(db)).rejects.toThrow();
      await expect(
        sql`update calendar_years set source = 'guess' where year = 2025`.execute(db),
      ).rejects.toThrow();
      await year(2041, 'import').execute(db);
    } finally {
      await drop();
    }
  });
});

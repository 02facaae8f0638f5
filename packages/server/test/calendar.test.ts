import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALENDAR_REFRESH_MS,
  ensureShippedCalendar,
  putYearSchedule,
} from '../src/modules/calendar/calendar-service.ts';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { multipartFile } from './multipart.ts';

describe.each(DIALECTS)('the working-day calendar [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let keshi: Client;

  const get = async (url: string) => t.inject({ method: 'GET', url });
  const due = async (from: string, workdays: number) => {
    const res = await get(`/api/calendar/due?from=${from}&workdays=${workdays}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ due: string; provisional: boolean }>();
  };
  const count = async (from: string, to: string) => {
    const res = await get(`/api/calendar/workdays?from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ count: number; provisional: boolean }>();
  };
  const importCsv = (client: Client, year: number, csv: string | Buffer, lang?: string) => {
    const { payload, headers } = multipartFile(csv);
    return t.inject({
      method: 'POST',
      url: `/api/calendar/years/${year}/import`,
      headers: {
        ...headers,
        cookie: client.cookie,
        'x-csrf-token': client.csrfToken,
        ...(lang && { 'accept-language': lang }),
      },
      payload,
    });
  };
  const years = async () =>
    (await admin.request('GET', '/api/calendar/years')).json<{
      items: { year: number; source: string; holidayCount: number; workdayCount: number }[];
    }>().items;
  const auditCount = async () =>
    (await admin.request('GET', '/api/audit?type=calendar.yearSet')).json<{ total: number }>().total;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
    keshi = await t.signIn('keshi');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('ships every State Council schedule from 2004 on', async () => {
    const items = await years();
    const shipped = items.filter((y) => y.source === 'shipped').map((y) => y.year);
    expect(shipped[0]).toBe(2004);
    expect(shipped).toEqual(expect.arrayContaining([2004, 2015, 2020, 2025, 2026]));
    for (let y = 2004; y <= 2026; y++) expect(shipped).toContain(y);
    const y2025 = (await keshi.request('GET', '/api/calendar/years/2025')).json();
    expect(y2025.workdays.map((d: { date: string }) => d.date)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
    expect(y2025.holidays).toContainEqual({ date: '2025-01-28', name: '春节' });
    expect(y2025.holidayCount).toBe(y2025.holidays.length);
  });

  it('answers due dates on the 2025 schedule, without a session', async () => {
    // Fri 01-24; Sun 01-26 and Mon 01-27 worked, 01-28..02-04 Spring Festival, Wed 02-05 the third.
    expect(await due('2025-01-24', 3)).toEqual({ due: '2025-02-05', provisional: false });
    expect(await due('2025-01-24', 1)).toEqual({ due: '2025-01-26', provisional: false });
    expect(await due('2025-02-05', 3)).toEqual({ due: '2025-02-08', provisional: false });
    expect(await due('2025-09-26', 1)).toEqual({ due: '2025-09-28', provisional: false });
    expect(await due('2025-09-30', 1)).toEqual({ due: '2025-10-09', provisional: false });
    expect(await due('2025-10-09', 2)).toEqual({ due: '2025-10-11', provisional: false });
    expect(await due('2025-04-30', 3)).toEqual({ due: '2025-05-08', provisional: false });
  });

  it('answers due dates on the 2026 schedule', async () => {
    // New Year: 01-01..03 off, Sun 01-04 worked.
    expect(await due('2025-12-31', 1)).toEqual({ due: '2026-01-04', provisional: false });
    // Spring Festival: Sat 02-14 worked, 02-15..23 off, Sat 02-28 worked.
    expect(await due('2026-02-13', 1)).toEqual({ due: '2026-02-14', provisional: false });
    expect(await due('2026-02-13', 3)).toEqual({ due: '2026-02-25', provisional: false });
    expect(await due('2026-02-26', 2)).toEqual({ due: '2026-02-28', provisional: false });
    // National Day: Sun 09-20 worked, 10-01..07 off, Sat 10-10 worked.
    expect(await due('2026-09-18', 1)).toEqual({ due: '2026-09-20', provisional: false });
    expect(await due('2026-09-30', 3)).toEqual({ due: '2026-10-10', provisional: false });
    // Mid-Autumn on its own: 09-25..27 off.
    expect(await due('2026-09-24', 1)).toEqual({ due: '2026-09-28', provisional: false });
    expect(await due('2026-06-01', 0)).toEqual({ due: '2026-06-01', provisional: false });
  });

  it('counts working days after from up to and including to', async () => {
    expect(await count('2025-01-24', '2025-02-05')).toEqual({ count: 3, provisional: false });
    expect(await count('2024-12-31', '2025-12-31')).toEqual({ count: 248, provisional: false });
    expect(await count('2025-12-31', '2026-12-31')).toEqual({ count: 248, provisional: false });
    expect(await count('2026-02-13', '2026-02-13')).toEqual({ count: 0, provisional: false });
  });

  /** Loads 2030 (New Year's Day off) so that a span from late 2030 is provisional only for 2031. */
  const load2030 = async () => {
    const res = await admin.request('PUT', '/api/calendar/years/2030', {
      holidays: [{ date: '2030-01-01', name: '元旦' }],
      workdays: [],
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('says provisional for a year that is not loaded, and for a span reaching into one', async () => {
    // 2058 and 2059 fall on the same weekdays as 2030 and 2031, and no other test loads them.
    expect(await due('2059-03-03', 3)).toEqual({ due: '2059-03-06', provisional: true });
    expect(await count('2059-03-03', '2059-03-06')).toEqual({ count: 3, provisional: true });
    expect(await due('1999-06-01', 1)).toEqual({ due: '1999-06-02', provisional: true });
    // 2058-12-30 is a Monday; 2059-01-01 is assumed a working day until 2059 is loaded.
    await admin.request('PUT', '/api/calendar/years/2058', {
      holidays: [{ date: '2058-01-01', name: '元旦' }],
      workdays: [],
    });
    expect(await due('2058-12-27', 1)).toEqual({ due: '2058-12-30', provisional: false });
    expect(await due('2058-12-30', 3)).toEqual({ due: '2059-01-02', provisional: true });
    expect(await count('2058-12-30', '2059-01-02')).toEqual({ count: 3, provisional: true });
  });

  it('stops being provisional once an administrator loads the year', async () => {
    await load2030();
    const before = await auditCount();
    const res = await admin.request('PUT', '/api/calendar/years/2031', {
      holidays: [{ date: '2031-01-01', name: '元旦' }],
      workdays: [{ date: '2031-01-04', name: '元旦' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      year: 2031,
      source: 'form',
      holidayCount: 1,
      workdayCount: 1,
      holidays: [{ date: '2031-01-01', name: '元旦' }],
    });
    // Tue 12-31, (01-01 off), Thu 01-02, Fri 01-03, Sat 01-04 worked.
    expect(await due('2030-12-30', 3)).toEqual({ due: '2031-01-03', provisional: false });
    expect(await due('2030-12-30', 4)).toEqual({ due: '2031-01-04', provisional: false });
    expect(await due('2031-03-03', 3)).toEqual({ due: '2031-03-06', provisional: false });
    expect(await auditCount()).toBe(before + 1);
    const audit = (await admin.request('GET', '/api/audit?type=calendar.yearSet')).json();
    expect(audit.items[0]).toMatchObject({
      type: 'calendar.yearSet',
      actorId: admin.personId,
      subjectId: '2031',
      payload: { year: 2031, source: 'form', workdays: [{ date: '2031-01-04', name: '元旦' }] },
    });
  });

  it('replaces a whole year when it is set again', async () => {
    await load2030();
    const first = await admin.request('PUT', '/api/calendar/years/2031', {
      holidays: [{ date: '2031-01-01', name: '元旦' }],
      workdays: [{ date: '2031-01-04', name: '元旦' }],
    });
    expect(first.statusCode).toBe(200);
    const res = await admin.request('PUT', '/api/calendar/years/2031', {
      holidays: [{ date: '2031-01-02', name: '元旦' }],
      workdays: [],
    });
    expect(res.statusCode).toBe(200);
    const detail = (await keshi.request('GET', '/api/calendar/years/2031')).json();
    expect(detail.holidays).toEqual([{ date: '2031-01-02', name: '元旦' }]);
    expect(detail.workdays).toEqual([]);
    expect(await due('2030-12-31', 1)).toEqual({ due: '2031-01-01', provisional: false });
  });

  it('refuses a schedule with dates outside the year or in both lists, writing nothing', async () => {
    const before = await years();
    const outside = await admin.request('PUT', '/api/calendar/years/2032', {
      holidays: [
        { date: '2032-01-01', name: '元旦' },
        { date: '2031-12-31', name: '元旦' },
      ],
      workdays: [],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('VALIDATION_FAILED');
    expect(outside.json().error.fields).toHaveProperty(['holidays.1.date']);
    const both = await admin.request('PUT', '/api/calendar/years/2032', {
      holidays: [{ date: '2032-01-01', name: '元旦' }],
      workdays: [{ date: '2032-01-01', name: '元旦' }],
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.fields).toHaveProperty(['workdays.0.date']);
    const empty = await admin.request('PUT', '/api/calendar/years/2032', { holidays: [], workdays: [] });
    expect(empty.statusCode).toBe(400);
    const badDate = await admin.request('PUT', '/api/calendar/years/2032', {
      holidays: [{ date: '2032-02-30', name: '元旦' }],
      workdays: [],
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields).toHaveProperty(['holidays.0.date']);
    expect(await years()).toEqual(before);
  });

  it('imports a CSV file with a header, 休/班 and holiday/workday kinds', async () => {
    const csv =
      '\uFEFF日期,类型,名称\r\n2032-01-01,休,元旦\r\n2032/2/10,holiday,春节\r\n\r\n2032-02-07,班,"春节, 调休"\r\n2032-02-21,Workday,春节\r\n';
    const res = await importCsv(admin, 2032, csv);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      year: 2032,
      source: 'import',
      holidays: [
        { date: '2032-01-01', name: '元旦' },
        { date: '2032-02-10', name: '春节' },
      ],
      workdays: [
        { date: '2032-02-07', name: '春节, 调休' },
        { date: '2032-02-21', name: '春节' },
      ],
    });
    const audit = (await admin.request('GET', '/api/audit?type=calendar.yearSet')).json();
    expect(audit.items[0].payload).toMatchObject({ year: 2032, source: 'import' });
  });

  it('refuses an import with bad rows, row by row, and writes nothing', async () => {
    const before = await years();
    const audits = await auditCount();
    const csv = [
      '2033-01-01,休,元旦',
      '2033-13-01,休,元旦',
      '2033-01-02,休',
      '2033-01-03,放,元旦',
      '2032-12-31,休,元旦',
      '2033-01-08,班,元旦',
      '2033-01-08,休,元旦',
    ].join('\n');
    const res = await importCsv(admin, 2033, csv);
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.rows.map((r: { row: number }) => r.row)).toEqual([2, 3, 4]);
    expect(error.details.rows[0].message).toContain('2033-13-01');
    // Once every row reads, the schedule itself is checked: outside the year, in both lists.
    const second = await importCsv(
      admin,
      2033,
      ['2033-01-01,休,元旦', csv.split('\n').slice(4).join('\n')].join('\n'),
    );
    expect(second.statusCode).toBe(400);
    expect(second.json().error.details.rows).toEqual([
      {
        row: 2,
        message: '日期 2032-12-31 不在 2033 年内',
        problems: [{ code: 'dateNotInYear', params: { date: '2032-12-31', year: 2033 } }],
      },
      {
        row: 3,
        message: '日期 2033-01-08 既是放假日又是上班日',
        problems: [{ code: 'dateInBothLists', params: { date: '2033-01-08', year: 2033 } }],
      },
    ]);
    // The codes and their parameters for the web app to word; the message in the request's language.
    const english = (await importCsv(admin, 2033, csv, 'en')).json().error.details.rows;
    expect(english[0]).toEqual({
      row: 2,
      message: 'The date “2033-13-01” is not valid; write it as YYYY-MM-DD',
      problems: [{ code: 'dateInvalid', params: { value: '2033-13-01' } }],
    });
    expect(english[1].problems.map((p: { code: string }) => p.code)).toEqual(['nameMissing']);
    expect(english[2].problems).toEqual([{ code: 'kindInvalid', params: { value: '放' } }]);
    expect(english[2].message).toBe('The kind “放” is not valid; write holiday or workday');
    const notUtf8 = await importCsv(admin, 2033, Buffer.from([0x32, 0x30, 0xc4, 0xea, 0x0a]));
    expect(notUtf8.statusCode).toBe(400);
    expect(notUtf8.json().error.details.rows[0].message).toContain('UTF-8');
    const empty = await importCsv(admin, 2033, '日期,类型,名称\n');
    expect(empty.statusCode).toBe(400);
    expect((await admin.request('GET', '/api/calendar/years/2033')).statusCode).toBe(404);
    expect(await years()).toEqual(before);
    expect(await auditCount()).toBe(audits);
    expect(await due('2032-12-31', 1)).toEqual({ due: '2033-01-03', provisional: true });
  });

  it('answers 404 to non-admins who set or import a year, and changes nothing', async () => {
    const before = await years();
    const audits = await auditCount();
    const put = await keshi.request('PUT', '/api/calendar/years/2034', {
      holidays: [{ date: '2034-01-01', name: '元旦' }],
      workdays: [],
    });
    expect(put.statusCode).toBe(404);
    const overwrite = await keshi.request('PUT', '/api/calendar/years/2025', {
      holidays: [{ date: '2025-01-01', name: '元旦' }],
      workdays: [],
    });
    expect(overwrite.statusCode).toBe(404);
    const imported = await importCsv(keshi, 2034, '2034-01-01,休,元旦\n');
    expect(imported.statusCode).toBe(404);
    const anonymous = await t.inject({
      method: 'PUT',
      url: '/api/calendar/years/2034',
      payload: { holidays: [{ date: '2034-01-01', name: '元旦' }], workdays: [] },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await years()).toEqual(before);
    expect(await auditCount()).toBe(audits);
    expect(await due('2025-01-24', 3)).toEqual({ due: '2025-02-05', provisional: false });
  });

  it('shows the loaded years only to signed-in people', async () => {
    expect((await get('/api/calendar/years')).statusCode).toBe(401);
    expect((await get('/api/calendar/years/2025')).statusCode).toBe(401);
    expect((await keshi.request('GET', '/api/calendar/years')).statusCode).toBe(200);
    expect((await keshi.request('GET', '/api/calendar/years/2040')).statusCode).toBe(404);
  });

  it('answers bad parameters with 400 and the field', async () => {
    const cases: [string, string][] = [
      ['/api/calendar/due?from=2025-02-30&workdays=3', 'from'],
      ['/api/calendar/due?from=2025-01-24', 'workdays'],
      ['/api/calendar/due?from=2025-01-24&workdays=366', 'workdays'],
      ['/api/calendar/due?from=2025-01-24&workdays=-1', 'workdays'],
      ['/api/calendar/due?from=2025-01-24&workdays=1.5', 'workdays'],
      ['/api/calendar/due?from=1800-01-01&workdays=1', 'from'],
      ['/api/calendar/workdays?from=2025-02-05&to=2025-01-24', 'to'],
      ['/api/calendar/workdays?from=2000-01-01&to=2030-01-01', 'to'],
      ['/api/calendar/workdays?from=2025-01-24', 'to'],
    ];
    for (const [url, field] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields, url).toHaveProperty([field]);
    }
    expect(
      (await admin.request('PUT', '/api/calendar/years/1800', { holidays: [], workdays: [] })).statusCode,
    ).toBe(400);
  });

  it("sees another server process's change within the refresh interval", async () => {
    expect(await due('2035-12-31', 1)).toEqual({ due: '2036-01-01', provisional: true });
    // Another process on the same database: its own cache, so this app's is not invalidated.
    const other = { ...t.ctx, database: { ...t.ctx.database } };
    await putYearSchedule(other, { personId: admin.personId, address: null }, 2036, {
      holidays: [{ date: '2036-01-01', name: '元旦' }],
      workdays: [],
    });
    expect(await due('2035-12-31', 1)).toEqual({ due: '2036-01-01', provisional: true });
    const clock = t.ctx.clock;
    const later = clock.now().getTime() + CALENDAR_REFRESH_MS + 1000;
    t.ctx.clock = { now: () => new Date(later) };
    try {
      expect(await due('2035-12-31', 1)).toEqual({ due: '2036-01-02', provisional: false });
    } finally {
      t.ctx.clock = clock;
    }
  });

  it("never lets shipped data overwrite an administrator's year", async () => {
    // Its own app: replacing the shipped 2026 would change the answers the other tests expect.
    const own = await createTestApp(dialect);
    try {
      const ownAdmin = await own.signIn('admin');
      const res = await ownAdmin.request('PUT', '/api/calendar/years/2026', {
        holidays: [{ date: '2026-01-01', name: '元旦' }],
        workdays: [],
      });
      expect(res.statusCode).toBe(200);
      expect(await ensureShippedCalendar(own.ctx)).toEqual([]);
      const detail = (await ownAdmin.request('GET', '/api/calendar/years/2026')).json();
      expect(detail).toMatchObject({ source: 'form', holidayCount: 1, workdayCount: 0 });
      // Sun 01-04 is no longer a working day in this (administrator's) 2026.
      const answer = await own.inject({ method: 'GET', url: '/api/calendar/due?from=2025-12-31&workdays=1' });
      expect(answer.json()).toEqual({ due: '2026-01-02', provisional: false });
    } finally {
      await own.dispose();
    }
  });
});

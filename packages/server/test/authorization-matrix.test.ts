// The authorization matrix: every route of the API × one person of every role (and people of another
// department and another unit) × {an object they may reach, one they may not} → the status written in
// EXPECTED below. After every attempt that is not a success the whole database is unchanged (a digest of
// every table, audit and outbox included), and no answer to a person names a case they may not read.
// A route of the app or of its OpenAPI document missing from EXPECTED fails the test, so a new route cannot
// ship without its row.
//
// Allowed writes are made harmless where they can be: updates carry a stale version (409 proves the
// resolver let the person through without changing anything), creations use a fresh name per person.
// Set MATRIX_PRINT=1 to print the observed table (for writing a new row, never for accepting a diff).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, sendAttempt, type Client, type TestApp } from './harness.ts';
import { databaseDigest } from './db-digest.ts';
import {
  CASE_NAME_OUT,
  PEOPLE,
  TEMPLATES,
  pdf,
  registration,
  type Attempt,
  type Fixture,
  type Who,
} from './authorization-requests.ts';

// Each cell is "reach/out": the status for an object in the person's reach, then for one outside it
// ("-" where a route has no object of that kind). "In reach" is what the person could at best reach:
// the 登记注册科 case, department and matter; an existing unit, person, attachment, notification.
// "Out" is the 东城所 监管执法组 case, department, matter and attachment, another person's notification,
// or an id that does not exist for the administrative objects.
//                                                 anon    shouwen keshi   fenguan juzhang ducha   jijian  admin   spsc1   spsckz  cqsc1   cqsckz
// prettier-ignore
const EXPECTED: Record<string, string> = {
  'GET /api/health':                              '200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'POST /api/auth/login':                         '-/-     200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'POST /api/auth/logout':                        '401/-   204/-   204/-   204/-   204/-   204/-   204/-   204/-   204/-   204/-   204/-   204/-',
  'GET /api/auth/me':                             '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'POST /api/auth/password':                      '401/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-',
  'PUT /api/auth/language':                       '401/-   204/-   204/-   204/-   204/-   204/-   204/-   204/-   204/-   204/-   204/-   204/-',
  'GET /api/org/tree':                            '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'POST /api/org/units':                          '401/-   404/-   404/-   404/-   404/-   404/-   404/-   201/-   404/-   404/-   404/-   404/-',
  'PATCH /api/org/units/:id':                     '401/401 404/404 404/404 404/404 404/404 404/404 404/404 409/404 404/404 404/404 404/404 404/404',
  'DELETE /api/org/units/:id':                    '401/401 404/404 404/404 404/404 404/404 404/404 404/404 409/404 404/404 404/404 404/404 404/404',
  'POST /api/org/departments':                    '401/-   404/-   404/-   404/-   404/-   404/-   404/-   201/-   404/-   404/-   404/-   404/-',
  'PATCH /api/org/departments/:id':               '401/401 404/404 404/404 404/404 404/404 404/404 404/404 409/404 404/404 404/404 404/404 404/404',
  'DELETE /api/org/departments/:id':              '401/401 404/404 404/404 404/404 404/404 404/404 404/404 409/404 404/404 404/404 404/404 404/404',
  'GET /api/people':                              '401/-   404/-   404/-   404/-   404/-   404/-   404/-   200/-   404/-   404/-   404/-   404/-',
  'POST /api/people':                             '401/-   404/-   404/-   404/-   404/-   404/-   404/-   201/-   404/-   404/-   404/-   404/-',
  'GET /api/people/:id':                          '401/401 404/404 404/404 404/404 404/404 404/404 404/404 200/404 404/404 404/404 404/404 404/404',
  'PATCH /api/people/:id':                        '401/401 404/404 404/404 404/404 404/404 404/404 404/404 409/404 404/404 404/404 404/404 404/404',
  'POST /api/people/:id/disable':                 '401/401 404/404 404/404 404/404 404/404 404/404 404/404 409/404 404/404 404/404 404/404 404/404',
  'POST /api/people/:id/enable':                  '401/401 404/404 404/404 404/404 404/404 404/404 404/404 409/404 404/404 404/404 404/404 404/404',
  'POST /api/people/:id/reset-password':          '401/401 404/404 404/404 404/404 404/404 404/404 404/404 409/404 404/404 404/404 404/404 404/404',
  'GET /api/chains':                              '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/chains/roster.xlsx':                  '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/chains/:departmentId/history':        '401/401 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404',
  'PUT /api/chains/:departmentId':                '401/401 404/404 404/404 404/404 404/404 404/404 404/404 200/404 404/404 404/404 404/404 404/404',
  'POST /api/chains/roster/import':               '401/-   404/-   404/-   404/-   404/-   404/-   404/-   200/-   404/-   404/-   404/-   404/-',
  'GET /api/audit':                               '401/-   404/-   404/-   404/-   404/-   200/-   200/-   200/-   404/-   404/-   404/-   404/-',
  'GET /api/calendar/due':                        '200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/calendar/workdays':                   '200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/calendar/status':                     '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/calendar/years':                      '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/calendar/years/:year':                '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'PUT /api/calendar/years/:year':                '401/-   404/-   404/-   404/-   404/-   404/-   404/-   200/-   404/-   404/-   404/-   404/-',
  'POST /api/calendar/years/:year/import':        '401/-   404/-   404/-   404/-   404/-   404/-   404/-   200/-   404/-   404/-   404/-   404/-',
  'GET /api/settings/bureau':                     '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'PUT /api/settings/bureau':                     '401/-   404/-   404/-   404/-   404/-   404/-   404/-   409/-   404/-   404/-   404/-   404/-',
  'POST /api/cases':                              '401/401 201/403 403/403 403/403 403/403 403/403 403/403 403/403 201/403 403/403 201/403 403/403',
  'GET /api/cases':                               '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/follow-ups':                          '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/overview':                            '401/-   404/-   404/-   404/-   200/-   200/-   200/-   404/-   404/-   404/-   404/-   404/-',
  'GET /api/cases/:id':                           '401/401 200/404 200/404 200/404 200/404 200/200 200/200 404/404 404/404 404/404 404/404 404/404',
  'POST /api/cases/:id/actions':                  '401/401 409/404 409/404 409/404 409/404 409/409 409/409 404/404 404/404 404/404 404/404 404/404',
  'POST /api/cases/:id/reveal-phone':             '401/401 200/404 200/404 403/404 403/404 403/403 403/403 404/404 404/404 404/404 404/404 404/404',
  'GET /api/cases/:id/contributions':             '401/401 200/404 200/404 200/404 200/404 200/200 200/200 404/404 404/404 404/404 404/404 404/404',
  'POST /api/cases/:id/contributions':            '401/401 400/404 400/404 400/404 400/404 400/400 400/400 404/404 404/404 404/404 404/404 404/404',
  'PUT /api/cases/:id/co-departments':            '401/401 409/404 409/404 403/404 403/404 403/403 403/403 404/404 404/404 404/404 404/404 404/404',
  'GET /api/cases/:id/consultation/candidates':   '401/401 403/404 403/404 403/404 403/404 403/403 403/403 404/404 404/404 404/404 404/404 404/404',
  'POST /api/cases/:id/consultation/invitees':    '401/401 409/404 409/404 409/404 409/404 409/409 409/409 404/404 404/404 404/404 404/404 404/404',
  'GET /api/cases/:id/consultation-minutes.docx': '401/401 409/404 409/404 409/404 409/404 409/409 409/409 404/404 404/404 404/404 404/404 404/404',
  'GET /api/notifications':                       '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'POST /api/notifications/:id/read':             '401/401 200/404 200/404 200/404 200/404 200/404 -/404   -/404   -/404   -/404   -/404   -/404',
  'POST /api/notifications/read-all':             '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/cases/:id/form.docx':                 '401/401 200/404 200/404 200/404 200/404 200/200 200/200 404/404 404/404 404/404 404/404 404/404',
  'GET /api/cases/:id/reply-letter.docx':         '401/401 409/404 409/404 409/404 409/404 409/409 409/409 404/404 404/404 404/404 404/404 404/404',
  'GET /api/cases/:id/notice.docx':               '401/401 409/404 409/404 409/404 409/404 409/409 409/409 404/404 404/404 404/404 404/404 404/404',
  'GET /api/cases/:id/attachments':               '401/401 200/404 200/404 200/404 200/404 200/200 200/200 404/404 404/404 404/404 404/404 404/404',
  'POST /api/cases/:id/attachments':              '401/401 201/404 201/404 403/404 403/404 403/403 403/403 404/404 404/404 404/404 404/404 404/404',
  'GET /api/cases/:id/attachments/:attachmentId': '401/401 200/404 200/404 200/404 200/404 200/200 200/200 404/404 404/404 404/404 404/404 404/404',
  'GET /api/departments/:id/matters':             '401/401 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200',
  'POST /api/departments/:id/matters':            '401/401 404/404 201/404 404/404 404/404 404/404 404/404 201/201 404/404 404/404 404/404 404/404',
  'GET /api/deputies':                            '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/deputies/candidates':                 '401/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'POST /api/deputies':                           '401/401 201/404 201/404 201/404 201/404 201/404 201/404 201/404 201/404 201/404 201/404 201/404',
  'POST /api/deputies/:id/end':                   '401/401 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404',
  'PATCH /api/matters/:id':                       '401/401 404/404 409/404 404/404 404/404 404/404 404/404 409/409 404/404 404/404 404/404 404/404',
  'POST /api/matters/:id/deactivate':             '401/401 404/404 409/404 404/404 404/404 404/404 404/404 409/409 404/404 404/404 404/404 404/404',
  'POST /api/public/track':                       '400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-',
  'POST /api/public/track/rating':                '400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-',
  'POST /api/public/track/reopen':                '400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-   400/-',
  'GET /api/public/rules':                       '200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/public/units':                       '200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/public/chain':                       '200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-   200/-',
  'GET /api/public/departments/:id':             '200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200',
  'GET /api/portal/rules':                       '401/-   404/-   404/-   404/-   404/-   404/-   404/-   200/-   404/-   404/-   404/-   404/-',
  'PUT /api/portal/rules/draft':                 '401/-   404/-   404/-   404/-   404/-   404/-   404/-   409/-   404/-   404/-   404/-   404/-',
  'POST /api/portal/rules/draft/publish':        '401/-   404/-   404/-   404/-   404/-   404/-   404/-   409/-   404/-   404/-   404/-   404/-',
  'GET /api/cases/:id/tracking':                  '401/401 200/404 200/404 200/404 200/404 200/200 200/200 404/404 404/404 404/404 404/404 404/404',
  'POST /api/cases/:id/tracking-code':            '401/401 201/404 403/404 403/404 403/404 403/403 403/403 404/404 404/404 404/404 404/404 404/404',
  'POST /api/cases/:id/ratings':                  '401/401 409/404 403/404 403/404 403/404 403/403 403/403 404/404 404/404 404/404 404/404 404/404',
  'POST /api/cases/:id/receipt.docx':             '401/401 200/404 200/404 200/404 200/404 200/200 200/200 404/404 404/404 404/404 404/404 404/404',
  'GET /api/supervision/flags':                   '401/-   404/-   404/-   404/-   404/-   200/-   404/-   404/-   404/-   404/-   404/-   404/-',
};

/** Reading with a session refreshes its last_seen_at: that is not a change of data. */
const READING = { ignore: { sessions: ['last_seen_at'] } };

function parseRow(row: string): Record<Who, [string, string]> {
  const cells = row.trim().split(/\s+/);
  if (cells.length !== PEOPLE.length) throw new Error(`row has ${cells.length} cells: ${row}`);
  return Object.fromEntries(
    PEOPLE.map((who, i) => {
      const [reach = '', out = ''] = (cells[i] ?? '').split('/');
      return [who, [reach, out]];
    }),
  ) as Record<Who, [string, string]>;
}

describe.each(DIALECTS)('authorization matrix [%s]', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const clients = new Map<Who, Client>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const who of PEOPLE) if (who !== 'anon') clients.set(who, await t.signIn(who));
    const as = (who: Who) => {
      const c = clients.get(who);
      if (!c) throw new Error(who);
      return c;
    };
    const admin = as('admin');
    const units = (await admin.request('GET', '/api/org/tree')).json<{
      units: {
        id: string;
        parentId: string | null;
        name: string;
        departments: { id: string; name: string }[];
      }[];
    }>().units;
    const dept = (unit: string, name: string) => {
      const d = units.find((u) => u.name === unit)?.departments.find((x) => x.name === name);
      if (!d) throw new Error(`${unit} ${name}`);
      return d.id;
    };
    const bureau = units.find((u) => u.parentId === null)?.id ?? '';
    const deptIn = dept('演示市市场监督管理局', '登记注册科');
    const deptOut = dept('东城市场监管所', '监管执法组');
    const people = (await admin.request('GET', '/api/people?pageSize=200')).json<{
      items: { id: string; username: string }[];
    }>().items;
    const personIds = Object.fromEntries(people.map((p) => [p.username, p.id]));

    const newCase = async (client: Client, name: string) => {
      const created = (
        await client.request('POST', '/api/cases', {
          ...registration(undefined, 0),
          applicant: { kind: 'person', name, phone: '13912345678' },
        })
      ).json<{ id: string; version: number; number: string }>();
      const proposed = await client.request('POST', `/api/cases/${created.id}/actions`, {
        version: created.version,
        action: { type: 'proposeRefusal', reason: 'uncertain', reasonText: '矩阵' },
      });
      expect(proposed.statusCode, proposed.body).toBe(200);
      return proposed.json<{ id: string; version: number; number: string }>();
    };
    const caseIn = await newCase(as('shouwen'), '矩阵当事人');
    const caseOut = await newCase(await t.signIn('dczf1'), CASE_NAME_OUT);
    const attach = async (client: Client, caseId: string) => {
      const m = pdf();
      const res = await t.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/attachments`,
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': m.contentType },
        payload: m.payload,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const attachmentIn = await attach(as('shouwen'), caseIn.id);
    const attachmentOut = await attach(await t.signIn('dczf1'), caseOut.id);
    const matter = async (departmentId: string, title: string) => {
      const res = await admin.request('POST', `/api/departments/${departmentId}/matters`, {
        title,
        matterType: 'licensing',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    // The roster as it stands, before the department made below (which has no chain yet).
    const roster = (
      await t.inject({ method: 'GET', url: '/api/chains/roster.xlsx', headers: { cookie: admin.cookie } })
    ).rawPayload;
    const unit = (
      await admin.request('POST', '/api/org/units', { parentId: bureau, name: '矩阵待改所' })
    ).json<{ id: string }>().id;
    const department = (
      await admin.request('POST', '/api/org/departments', { unitId: bureau, name: '矩阵待改科' })
    ).json<{ id: string }>().id;
    const notificationOf: Fixture['notificationOf'] = {};
    const notificationNotOf: Fixture['notificationNotOf'] = {};
    const rows = await t.ctx.database.db.selectFrom('notifications').select(['id', 'person_id']).execute();
    for (const who of PEOPLE) {
      const id = personIds[who];
      notificationOf[who] = rows.find((r) => r.person_id === id)?.id;
      notificationNotOf[who] = rows.find((r) => r.person_id !== id)?.id;
    }
    // Appointments yet to begin: each person's own (the administrator's stands for spsc2's), and for
    // each person one of somebody else's (cqsckz's; shouwen's for cqsckz).
    const deputyOf: Fixture['deputyOf'] = {};
    const appointFor = async (holder: string) => {
      const res = await admin.request('POST', '/api/deputies', {
        deputyId: personIds['djzc2'],
        forPersonId: personIds[holder],
        fromDate: '2098-01-01',
        toDate: '2098-01-05',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    for (const who of PEOPLE) {
      if (who !== 'anon') deputyOf[who] = await appointFor(who === 'admin' ? 'spsc2' : who);
    }
    const deputyNotOf: Fixture['deputyNotOf'] = Object.fromEntries(
      PEOPLE.filter((who) => who !== 'anon' && who !== 'admin').map((who) => [
        who,
        who === 'cqsckz' ? deputyOf.shouwen : deputyOf.cqsckz,
      ]),
    );
    f = {
      deputyOf,
      deputyNotOf,
      caseIn,
      caseOut,
      attachmentIn,
      attachmentOut,
      deptIn,
      deptOut,
      matterIn: await matter(deptIn, '矩阵内事项'),
      matterOut: await matter(deptOut, '矩阵外事项'),
      unit,
      department,
      person: personIds['spsc2'] ?? '',
      bureau,
      roster,
      personIds,
      notificationOf,
      notificationNotOf,
    };
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('every route has a row, and every row is a route', () => {
    const routes = t.routes
      .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'))
      .filter((r) => r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url}`);
    expect([...new Set(routes)].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(TEMPLATES).sort()).toEqual(Object.keys(EXPECTED).sort());
    // The OpenAPI document the app serves lists the same operations.
    const document = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(operations.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('answers each person as the table says; refused attempts change nothing; no foreign case leaks', async () => {
    const observed: Record<string, string[]> = {};
    const failures: string[] = [];
    const foreignLeaks: string[] = [];
    let digest = await databaseDigest(t, READING);
    let n = 0;
    for (const [route, row] of Object.entries(EXPECTED)) {
      const expected = parseRow(row);
      const template = TEMPLATES[route];
      if (!template) throw new Error(`no template for ${route}`);
      observed[route] = [];
      for (const who of PEOPLE) {
        const attempts = template(f, who, n++);
        const got: string[] = [];
        for (const [i, attempt] of [attempts.in, attempts.out].entries()) {
          const want = expected[who][i];
          if (!attempt) {
            got.push('-');
            if (want !== '-')
              failures.push(`${route} ${who} ${i ? 'out' : 'reach'}: no attempt, table says ${want}`);
            continue;
          }
          const res = await send(who, attempt);
          got.push(String(res.statusCode));
          if (String(res.statusCode) !== want) {
            failures.push(
              `${route} ${who} ${i ? 'out' : 'reach'}: ${res.statusCode} (table: ${want}) ${res.body.slice(0, 200)}`,
            );
          }
          // No answer to someone who may not read the out-of-reach case names it.
          if (expected[who][0] !== '-' && !canReadCaseOut(who)) {
            const body = res.rawPayload.toString('utf8');
            for (const mark of [f.caseOut.id, f.caseOut.number, CASE_NAME_OUT]) {
              if (body.includes(mark)) foreignLeaks.push(`${route} ${who}: names ${mark}`);
            }
          }
          const after = await databaseDigest(t, READING);
          if (res.statusCode >= 300 && after !== digest) {
            failures.push(
              `${route} ${who} ${i ? 'out' : 'reach'}: refused (${res.statusCode}) but the database changed`,
            );
          }
          digest = after;
        }
        observed[route].push(got.join('/'));
      }
    }
    if (process.env['MATRIX_PRINT']) {
      for (const [route, cells] of Object.entries(observed)) {
        console.log(
          `  '${route}':`.padEnd(49) +
            `'${cells
              .map((c) => c.padEnd(7))
              .join(' ')
              .trimEnd()}',`,
        );
      }
    }
    expect(failures).toEqual([]);
    expect(foreignLeaks).toEqual([]);
  }, 300_000); // some 550 requests, each followed by a digest of the whole database (slow on a busy machine)

  it('lists exactly the cases whose page the person may open (the SQL scope and the resolver agree)', async () => {
    const all = await t.ctx.database.db.selectFrom('cases').select('id').execute();
    expect(all.length).toBeGreaterThan(10);
    const seen: number[] = [];
    for (const who of PEOPLE) {
      if (who === 'anon') continue;
      const client = clients.get(who);
      if (!client) throw new Error(who);
      const listed = (await client.request('GET', '/api/cases?view=all&pageSize=100')).json<{
        items: { id: string }[];
      }>().items;
      const opens: string[] = [];
      for (const { id } of all) {
        const res = await client.request('GET', `/api/cases/${id}`);
        expect([200, 404], `${who} ${id}`).toContain(res.statusCode);
        if (res.statusCode === 200) opens.push(id);
      }
      expect(listed.map((c) => c.id).sort(), who).toEqual(opens.sort());
      seen.push(opens.length);
    }
    // Not vacuous: some read every case, some only part, some none.
    expect(seen).toContain(all.length);
    expect(seen.some((n) => n > 0 && n < all.length)).toBe(true);
    expect(seen).toContain(0);
  });

  function canReadCaseOut(who: Who): boolean {
    return parseRow(EXPECTED['GET /api/cases/:id'] ?? '')[who][1] === '200';
  }

  async function send(who: Who, a: Attempt) {
    let client = who === 'anon' || a.anonymous ? null : (clients.get(who) ?? null);
    if (client && a.ownSession) client = await t.signIn(who);
    return sendAttempt(t, client, a);
  }
});

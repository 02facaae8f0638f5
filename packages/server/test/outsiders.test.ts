// Every administrative endpoint, tried by each person who may not use it: 404 (nothing confirmed to
// exist) and the database unchanged; without a session, 401. Each request is one the administrator
// could make successfully, so a 404 here is the guard speaking, not bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnit, Person, PersonList } from '@bancheng/core';
import {
  createTestApp,
  DIALECTS,
  sendAttempt,
  tableCounts,
  type Attempt as HarnessAttempt,
  type Client,
  type TestApp,
} from './harness.ts';

const OUTSIDERS = [
  ['shouwen', 'firstResponder'],
  ['keshi', 'deptHead'],
  ['fenguan', 'leaderInCharge'],
  ['juzhang', 'principalLeader'],
  ['ducha', 'supervisionOffice'],
  ['jijian', 'disciplineInspection'],
] as const;
const AUDIT_READERS = new Set(['ducha', 'jijian']);

interface Attempt extends HarnessAttempt {
  name: string;
  /** Status the administrator gets for the same request. */
  adminStatus: number;
}

function multipart(effectiveFrom: string, file: Buffer): { payload: Buffer; contentType: string } {
  const boundary = `----bancheng-outsider-${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="effectiveFrom"\r\n\r\n${effectiveFrom}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.xlsx"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
      'utf8',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(DIALECTS)('outsiders to the administrative areas [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let attempts: Attempt[];
  const clients = new Map<string, Client>();

  const send = (client: Client | null, a: Attempt) => sendAttempt(t, client, a);
  const nonAuthEvents = async () =>
    (
      await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('type', 'not like', 'auth.%')
        .execute()
    ).length;
  const sessionsOf = async (personId: string) =>
    (await t.ctx.database.db.selectFrom('sessions').select('id').where('person_id', '=', personId).execute())
      .length;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
    for (const [username] of OUTSIDERS) clients.set(username, await t.signIn(username));

    const units = (await admin.request('GET', '/api/org/tree')).json<{ units: OrgUnit[] }>().units;
    const bureau = units.find((u) => u.parentId === null);
    const reg = units.flatMap((u) => u.departments).find((d) => d.name === '登记注册科');
    if (!bureau || !reg) throw new Error('demo bureau missing');
    // The roster as it stands, before the units and departments made below exist.
    const xlsx = await t.inject({
      method: 'GET',
      url: '/api/chains/roster.xlsx?date=2026-03-01',
      headers: { cookie: admin.cookie },
    });
    expect(xlsx.statusCode).toBe(200);

    const newUnit = async (name: string) =>
      (await admin.request('POST', '/api/org/units', { parentId: bureau.id, name })).json<OrgUnit>().id;
    const newDepartment = async (name: string) =>
      (await admin.request('POST', '/api/org/departments', { unitId: bureau.id, name })).json<{
        id: string;
      }>().id;
    const unitToRename = await newUnit('待改名所');
    const unitToDelete = await newUnit('待删除所');
    const deptToRename = await newDepartment('待改名科');
    const deptToDelete = await newDepartment('待删除科');

    const people = (await admin.request('GET', '/api/people?pageSize=200')).json<PersonList>().items;
    const who = (username: string): Person => {
      const p = people.find((x) => x.username === username);
      if (!p) throw new Error(`no ${username}`);
      return p;
    };
    // Everyone in the demo holds a chain position; disable someone who does not, so the roster still imports.
    const toDisable = (
      await admin.request('POST', '/api/people', {
        username: 'linshi',
        displayName: '临时工',
        departmentId: reg.id,
        password: 'Temporary#2026',
      })
    ).json<Person>();
    const toEdit = who('spsc1');
    const toReset = who('jgjc1');
    // A disabled account to try enabling: one more who holds no position (holders cannot be disabled).
    const toEnable = (
      await admin.request('POST', '/api/people', {
        username: 'linshi2',
        displayName: '临时工乙',
        departmentId: reg.id,
        password: 'Temporary#2026',
      })
    ).json<Person>();
    const disabled = (
      await admin.request('POST', `/api/people/${toEnable.id}/disable`, { version: toEnable.version })
    ).json<Person>();
    expect(disabled.status).toBe('disabled');

    attempts = [
      {
        name: 'create a unit',
        method: 'POST',
        url: '/api/org/units',
        body: { parentId: bureau.id, name: '外人所' },
        adminStatus: 201,
      },
      {
        name: 'rename a unit',
        method: 'PATCH',
        url: `/api/org/units/${unitToRename}`,
        body: { name: '外人改名所', version: 0 },
        adminStatus: 200,
      },
      {
        name: 'delete a unit',
        method: 'DELETE',
        url: `/api/org/units/${unitToDelete}?version=0`,
        adminStatus: 204,
      },
      {
        name: 'create a department',
        method: 'POST',
        url: '/api/org/departments',
        body: { unitId: bureau.id, name: '外人科' },
        adminStatus: 201,
      },
      {
        name: 'rename a department',
        method: 'PATCH',
        url: `/api/org/departments/${deptToRename}`,
        body: { name: '外人改名科', version: 0 },
        adminStatus: 200,
      },
      {
        name: 'delete a department',
        method: 'DELETE',
        url: `/api/org/departments/${deptToDelete}?version=0`,
        adminStatus: 204,
      },
      { name: 'list people', method: 'GET', url: '/api/people', adminStatus: 200 },
      {
        name: 'search people',
        method: 'GET',
        url: `/api/people?q=${encodeURIComponent('王')}`,
        adminStatus: 200,
      },
      { name: 'read a person', method: 'GET', url: `/api/people/${toEdit.id}`, adminStatus: 200 },
      {
        name: 'create a person',
        method: 'POST',
        url: '/api/people',
        body: {
          username: 'waiyuan',
          displayName: '外人',
          departmentId: reg.id,
          roles: ['admin'],
          password: 'Outsider#2026',
        },
        adminStatus: 201,
      },
      {
        name: 'edit a person',
        method: 'PATCH',
        url: `/api/people/${toEdit.id}`,
        body: { roles: ['admin'], version: toEdit.version },
        adminStatus: 200,
      },
      {
        name: 'disable a person',
        method: 'POST',
        url: `/api/people/${toDisable.id}/disable`,
        body: { version: toDisable.version },
        adminStatus: 200,
      },
      {
        name: 'enable a person',
        method: 'POST',
        url: `/api/people/${disabled.id}/enable`,
        body: { version: disabled.version },
        adminStatus: 200,
      },
      {
        name: 'reset a password',
        method: 'POST',
        url: `/api/people/${toReset.id}/reset-password`,
        body: { newPassword: 'Taken-Over#2026', version: toReset.version },
        adminStatus: 200,
      },
      {
        name: 'set a chain',
        method: 'PUT',
        url: `/api/chains/${reg.id}`,
        body: {
          effectiveFrom: '2026-08-01',
          firstResponderIds: [who('shouwen').id],
          deptHeadId: who('shouwen').id,
          leaderInChargeId: who('shouwen').id,
          principalLeaderId: who('shouwen').id,
        },
        adminStatus: 200,
      },
      {
        name: 'import the roster',
        method: 'POST',
        url: '/api/chains/roster/import',
        multipart: multipart('2026-09-01', xlsx.rawPayload),
        adminStatus: 200,
      },
    ];
  });
  afterAll(async () => {
    await t.dispose();
  });

  describe.each(OUTSIDERS)('%s (%s)', (username) => {
    it('gets 404 from every administrative endpoint and changes nothing', async () => {
      const client = clients.get(username);
      if (!client) throw new Error(`not signed in: ${username}`);
      const before = await tableCounts(t);
      const eventsBefore = await nonAuthEvents();
      const sessionsBefore = await sessionsOf(client.personId);
      for (const a of attempts) {
        const res = await send(client, a);
        expect(res.statusCode, `${username}: ${a.name} → ${res.body}`).toBe(404);
        expect(res.json().error.code, a.name).toBe('NOT_FOUND');
      }
      expect(await tableCounts(t)).toEqual(before);
      expect(await nonAuthEvents()).toBe(eventsBefore);
      // Nothing locked them out either: their own session is still there.
      expect(await sessionsOf(client.personId)).toBe(sessionsBefore);
      expect((await client.request('GET', '/api/auth/me')).statusCode).toBe(200);
    });

    it(AUDIT_READERS.has(username) ? 'can read the audit log' : 'gets 404 from the audit log', async () => {
      const client = clients.get(username);
      if (!client) throw new Error(`not signed in: ${username}`);
      const res = await client.request('GET', '/api/audit');
      if (AUDIT_READERS.has(username)) {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().total).toBeGreaterThan(0);
        expect(res.json().items[0]).toEqual(expect.objectContaining({ type: expect.any(String) }));
      } else {
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
        const filtered = await client.request('GET', '/api/audit?type=person.created');
        expect(filtered.statusCode).toBe(404);
      }
    });

    it('can still read the roster and the organisation', async () => {
      const client = clients.get(username);
      if (!client) throw new Error(`not signed in: ${username}`);
      expect((await client.request('GET', '/api/chains')).statusCode).toBe(200);
      expect((await client.request('GET', '/api/org/tree')).statusCode).toBe(200);
    });
  });

  it('answers 401 to every administrative endpoint without a session, changing nothing', async () => {
    const before = await tableCounts(t);
    const eventsBefore = await nonAuthEvents();
    for (const a of [
      ...attempts,
      { name: 'read audit', method: 'GET', url: '/api/audit', adminStatus: 200 } as const,
    ]) {
      const res = await send(null, a);
      expect(res.statusCode, `${a.name} → ${res.body}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    expect(await tableCounts(t)).toEqual(before);
    expect(await nonAuthEvents()).toBe(eventsBefore);
  });

  it('an outsider sending the CSRF token of another session gets no further', async () => {
    const keshi = clients.get('keshi');
    if (!keshi) throw new Error('keshi not signed in');
    const before = await tableCounts(t);
    const res = await t.inject({
      method: 'POST',
      url: '/api/org/units',
      headers: { cookie: keshi.cookie, 'x-csrf-token': admin.csrfToken },
      payload: { parentId: 'x', name: '外人所' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    expect(await tableCounts(t)).toEqual(before);
  });

  // Last: proves every attempt above was a well-formed request the administrator may make.
  it('the administrator gets the same requests through', async () => {
    for (const a of attempts) {
      const res = await send(admin, a);
      expect(res.statusCode, `admin: ${a.name} → ${res.body}`).toBe(a.adminStatus);
    }
    expect((await admin.request('GET', '/api/audit')).statusCode).toBe(200);
  });
});

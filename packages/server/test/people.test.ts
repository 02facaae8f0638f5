import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrgUnit, Person, PersonList } from '@bancheng/core';
import { DEMO_BUREAU, DEMO_PASSWORD } from '../src/bootstrap/demo/demo-bureau.ts';
import { todayOf } from '../src/platform/context.ts';
import { createTestApp, DIALECTS, tableCounts, type Client, type TestApp } from './harness.ts';

const DEMO_PEOPLE = DEMO_BUREAU.flatMap((u) => u.departments.flatMap((d) => d.staff));
const NEW_PASSWORD = 'Xin-Ren#2026';

describe.each(DIALECTS)('managing people [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client;

  const list = async (query: string): Promise<PersonList> => {
    const res = await admin.request('GET', `/api/people${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PersonList>();
  };
  const person = async (username: string): Promise<Person> => {
    const found = (await list(`?q=${username}&pageSize=200`)).items.find((p) => p.username === username);
    if (!found) throw new Error(`no person ${username}`);
    return found;
  };
  const departmentId = async (name: string): Promise<string> => {
    const units = (await admin.request('GET', '/api/org/tree')).json<{ units: OrgUnit[] }>().units;
    const d = units.flatMap((u) => u.departments).find((x) => x.name === name);
    if (!d) throw new Error(`no department ${name}`);
    return d.id;
  };
  const login = (username: string, password: string) =>
    t.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  // Every test gets its own database: these tests change the demo bureau, and none may depend on
  // another having run before it (the order is shuffled).
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('finds people by a Chinese part of their name', async () => {
    const res = await list(`?q=${encodeURIComponent('建')}`);
    expect(res.total).toBe(1);
    expect(res.items.map((p) => p.username)).toEqual(['juzhang']);
    expect(res.items[0]).toMatchObject({ displayName: '王建国', departmentName: '办公室', status: 'active' });
    expect(JSON.stringify(res)).not.toContain('password');

    const byUsername = await list('?q=KESHI');
    expect(byUsername.items.map((p) => p.displayName)).toEqual(['陈静']);

    const none = await list(`?q=${encodeURIComponent('不存在的人')}`);
    expect(none).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });

    // LIKE wildcards in the query are taken literally.
    expect((await list('?q=%25')).total).toBe(0);
    expect((await list('?q=_')).total).toBe(0);
  });

  it('pages through everyone with a stable total', async () => {
    const first = await list('?page=1&pageSize=10');
    const second = await list('?page=2&pageSize=10');
    expect(first.total).toBe(DEMO_PEOPLE.length);
    expect(second.total).toBe(DEMO_PEOPLE.length);
    expect(first.items).toHaveLength(10);
    expect(second.items).toHaveLength(10);
    expect(first).toMatchObject({ page: 1, pageSize: 10 });
    expect(second).toMatchObject({ page: 2, pageSize: 10 });
    const a = new Set(first.items.map((p) => p.id));
    expect(second.items.some((p) => a.has(p.id))).toBe(false);

    const all = await list('?pageSize=200');
    expect(all.items.map((p) => p.username).sort()).toEqual(DEMO_PEOPLE.map((p) => p.username).sort());
    const lastPage = Math.ceil(DEMO_PEOPLE.length / 10);
    expect((await list(`?page=${lastPage}&pageSize=10`)).items).toHaveLength(
      DEMO_PEOPLE.length - (lastPage - 1) * 10,
    );
    expect((await list(`?page=${lastPage + 1}&pageSize=10`)).items).toEqual([]);
  });

  it('filters by department and by role', async () => {
    const reg = await departmentId('登记注册科');
    const inDept = await list(`?departmentId=${reg}`);
    expect(inDept.items.map((p) => p.username).sort()).toEqual(['djzc2', 'keshi', 'shouwen']);
    const principals = await list('?role=principalLeader');
    expect(principals.items.map((p) => p.username).sort()).toEqual(['cqjz', 'dcsz', 'juzhang']);
  });

  it('creates a person who must change the password at first sign-in, and audits a masked phone', async () => {
    const reg = await departmentId('登记注册科');
    const before = await tableCounts(t);
    const res = await admin.request('POST', '/api/people', {
      username: 'xinren',
      displayName: '新人甲',
      departmentId: reg,
      roles: ['firstResponder'],
      phone: '13912345678',
      email: 'xinren@example.gov.cn',
      password: NEW_PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<Person>();
    expect(created).toMatchObject({
      username: 'xinren',
      displayName: '新人甲',
      departmentId: reg,
      departmentName: '登记注册科',
      roles: ['firstResponder'],
      phone: '13912345678',
      email: 'xinren@example.gov.cn',
      status: 'active',
      mustChangePassword: true,
      version: 0,
    });
    expect(JSON.stringify(created)).not.toContain(NEW_PASSWORD);
    const after = await tableCounts(t);
    expect(after['people']).toBe((before['people'] ?? 0) + 1);
    expect(after['person_roles']).toBe((before['person_roles'] ?? 0) + 1);

    const fetched = await admin.request('GET', `/api/people/${created.id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json<Person>().phone).toBe('13912345678');
    // Every field sent is stored, not only echoed back.
    expect(fetched.json<Person>()).toMatchObject({
      username: 'xinren',
      displayName: '新人甲',
      departmentId: reg,
      roles: ['firstResponder'],
      email: 'xinren@example.gov.cn',
      status: 'active',
      mustChangePassword: true,
      version: 0,
    });

    const event = await t.ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'person.created')
      .where('subject_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(event.actor_id).toBe(admin.personId);
    expect(event.payload).toContain('****');
    expect(event.payload).toContain('139****5678');
    expect(event.payload).not.toContain('13912345678');
    expect(event.payload).not.toContain(NEW_PASSWORD);
    expect(event.payload).not.toMatch(/scrypt|\$/);

    const c = await t.signIn('xinren', NEW_PASSWORD);
    const me = await c.request('GET', '/api/auth/me');
    expect(me.json().mustChangePassword).toBe(true);
    const blocked = await c.request('GET', '/api/org/tree');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('refuses a username already taken, even with spaces around it', async () => {
    const reg = await departmentId('登记注册科');
    const before = await tableCounts(t);
    for (const username of ['shouwen', ' shouwen ']) {
      const res = await admin.request('POST', '/api/people', {
        username,
        displayName: '重名者',
        departmentId: reg,
        password: 'Another#Pass2026',
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('USERNAME_TAKEN');
    }
    expect(await tableCounts(t)).toEqual(before);
  });

  it('refuses a weak password with fields.password', async () => {
    const reg = await departmentId('登记注册科');
    const before = await tableCounts(t);
    for (const password of ['short1!', 'password123', 'alllowercaseletters', 'Ruoren#ruoren1']) {
      const res = await admin.request('POST', '/api/people', {
        username: 'ruoren',
        displayName: '弱密码',
        departmentId: reg,
        password,
      });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error.code).toBe('PASSWORD_POLICY');
      expect(res.json().error.fields.password).toBeTruthy();
    }
    expect(await tableCounts(t)).toEqual(before);
  });

  it('refuses bad input with field errors', async () => {
    const reg = await departmentId('登记注册科');
    const before = await tableCounts(t);
    const bad = await admin.request('POST', '/api/people', {
      username: 'Bad Name',
      displayName: '',
      departmentId: reg,
      roles: ['superuser'],
      phone: 'call me',
      password: NEW_PASSWORD,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(bad.json().error.fields)).toEqual(
      expect.arrayContaining(['username', 'displayName', 'roles.0', 'phone']),
    );
    const unknownDept = await admin.request('POST', '/api/people', {
      username: 'nodept',
      displayName: '无科室',
      departmentId: 'no-such-department',
      password: NEW_PASSWORD,
    });
    expect(unknownDept.statusCode).toBe(400);
    expect(unknownDept.json().error.fields).toEqual({ departmentId: expect.any(String) });
    const extra = await admin.request('POST', '/api/people', {
      username: 'extra',
      displayName: '多字段',
      departmentId: reg,
      password: NEW_PASSWORD,
      status: 'active',
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.fields).toEqual({ status: expect.any(String) });
    expect(await tableCounts(t)).toEqual(before);
  });

  it('edits roles guarded by version', async () => {
    const p = await person('djzc2');
    expect(p.roles).toEqual(['firstResponder']);
    const ok = await admin.request('PATCH', `/api/people/${p.id}`, {
      roles: ['firstResponder', 'supervisionOffice'],
      version: p.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Person>().roles.sort()).toEqual(['firstResponder', 'supervisionOffice']);
    expect(ok.json<Person>().version).toBe(p.version + 1);

    const before = await tableCounts(t);
    const stale = await admin.request('PATCH', `/api/people/${p.id}`, {
      roles: ['firstResponder'],
      displayName: '改名',
      version: p.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const now = await person('djzc2');
    expect(now.roles.sort()).toEqual(['firstResponder', 'supervisionOffice']);
    expect(now.displayName).toBe('杨帆');
    expect(await tableCounts(t)).toEqual(before);

    const audited = await t.ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'person.updated')
      .where('subject_id', '=', p.id)
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]?.actor_id).toBe(admin.personId);
    expect(audited[0]?.payload).not.toContain('13800000042');
  });

  it('disables a person: their session ends at once and sign-in is refused; enabling lets them back', async () => {
    const session = await t.signIn('spsc2');
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(200);
    const p = await person('spsc2');

    // A first responder of the food department: the position is given to someone else first.
    const refusedWhileHolding = await admin.request('POST', `/api/people/${p.id}/disable`, {
      version: p.version,
    });
    expect(refusedWhileHolding.statusCode).toBe(409);
    expect(refusedWhileHolding.json().error.code).toBe('HOLDS_POSITION');
    const food = (await admin.request('GET', '/api/chains')).json<{
      chains: {
        departmentId: string;
        departmentName: string;
        firstResponders: { id: string }[];
        deptHead: { id: string };
        leaderInCharge: { id: string };
        principalLeader: { id: string };
      }[];
    }>();
    const chain = food.chains.find((c) => c.firstResponders.some((f) => f.id === p.id))!;
    const today = todayOf(t.ctx);
    const handedOver = await admin.request('PUT', `/api/chains/${chain.departmentId}`, {
      effectiveFrom: today,
      firstResponderIds: chain.firstResponders.map((f) => f.id).filter((id) => id !== p.id),
      deptHeadId: chain.deptHead.id,
      leaderInChargeId: chain.leaderInCharge.id,
      principalLeaderId: chain.principalLeader.id,
    });
    expect(handedOver.statusCode, handedOver.body).toBe(200);

    const disabled = await admin.request('POST', `/api/people/${p.id}/disable`, { version: p.version });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json<Person>()).toMatchObject({ status: 'disabled', version: p.version + 1 });

    // The sessions are gone from the table itself, not only refused when next used.
    const sessions = await t.ctx.database.db
      .selectFrom('sessions')
      .select('id')
      .where('person_id', '=', p.id)
      .execute();
    expect(sessions).toEqual([]);
    const after = await session.request('GET', '/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');

    const refused = await login('spsc2', DEMO_PASSWORD);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ACCOUNT_DISABLED');

    const staleEnable = await admin.request('POST', `/api/people/${p.id}/enable`, { version: p.version });
    expect(staleEnable.statusCode).toBe(409);

    const enabled = await admin.request('POST', `/api/people/${p.id}/enable`, { version: p.version + 1 });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.json<Person>().status).toBe('active');
    const back = await t.signIn('spsc2');
    expect((await back.request('GET', '/api/org/tree')).statusCode).toBe(200);

    const types = (
      await t.ctx.database.db
        .selectFrom('audit_events')
        .select(['type', 'actor_id'])
        .where('subject_id', '=', p.id)
        .where('type', 'in', ['person.disabled', 'person.enabled'])
        .orderBy('id')
        .execute()
    ).map((e) => [e.type, e.actor_id]);
    expect(types).toEqual([
      ['person.disabled', admin.personId],
      ['person.enabled', admin.personId],
    ]);
  });

  it('resets a password: must change it, and every old session ends', async () => {
    const old1 = await t.signIn('jgjc2');
    const old2 = await t.signIn('jgjc2');
    const p = await person('jgjc2');

    const weak = await admin.request('POST', `/api/people/${p.id}/reset-password`, {
      newPassword: 'weak',
      version: p.version,
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    expect(weak.json().error.fields.newPassword).toBeTruthy();
    expect((await old1.request('GET', '/api/auth/me')).statusCode).toBe(200);

    const res = await admin.request('POST', `/api/people/${p.id}/reset-password`, {
      newPassword: 'Reset#Pass2026',
      version: p.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Person>()).toMatchObject({ mustChangePassword: true, version: p.version + 1 });
    expect(JSON.stringify(res.json())).not.toContain('Reset#Pass2026');
    expect((await old1.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await old2.request('GET', '/api/auth/me')).statusCode).toBe(401);

    expect((await login('jgjc2', DEMO_PASSWORD)).statusCode).toBe(401);
    const fresh = await t.signIn('jgjc2', 'Reset#Pass2026');
    const blocked = await fresh.request('GET', '/api/org/tree');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const event = await t.ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'person.passwordReset')
      .where('subject_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(event.actor_id).toBe(admin.personId);
    expect(event.payload).not.toContain('Reset#Pass2026');
  });

  it('an administrator cannot disable themself or drop their own admin role', async () => {
    const self = await person('admin');
    const before = await tableCounts(t);
    const res = await admin.request('POST', `/api/people/${self.id}/disable`, { version: self.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const demote = await admin.request('PATCH', `/api/people/${self.id}`, {
      roles: [],
      version: self.version,
    });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().error.fields.roles).toBeTruthy();
    expect(await tableCounts(t)).toEqual(before);
    expect((await admin.request('GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('answers 404 for a person who does not exist', async () => {
    const res = await admin.request('GET', '/api/people/no-such-person');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const disable = await admin.request('POST', '/api/people/no-such-person/disable', { version: 0 });
    expect(disable.statusCode).toBe(404);
  });
});

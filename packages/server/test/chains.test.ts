import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chain, ChainHistory, Person, PersonList, Roster } from '@bancheng/core';
import { DEMO_BUREAU, DEMO_CHAIN_DATE } from '../src/bootstrap/demo/demo-bureau.ts';
import { createTestApp, DIALECTS, tableCounts, type Client, type TestApp } from './harness.ts';

const DEMO_DEPARTMENTS = DEMO_BUREAU.flatMap((u) =>
  u.departments.map((d) => ({ unit: u.name, principal: u.principalLeader, ...d })),
);
const CHANGE_DATE = '2026-06-01';

describe.each(DIALECTS)('responsibility chains [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let ids: Map<string, string>;

  const roster = async (client: Client, date?: string): Promise<Roster> => {
    const res = await client.request('GET', `/api/chains${date ? `?date=${date}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Roster>();
  };
  const chainOf = (r: Roster, departmentName: string): Chain => {
    const c = r.chains.find((x) => x.departmentName === departmentName);
    if (!c) throw new Error(`no chain for ${departmentName}`);
    return c;
  };
  const id = (username: string): string => {
    const found = ids.get(username);
    if (!found) throw new Error(`no person ${username}`);
    return found;
  };
  const usernames = (c: Chain) => ({
    firstResponders: c.firstResponders.map((p) => p.username).sort(),
    deptHead: c.deptHead?.username,
    leaderInCharge: c.leaderInCharge?.username,
    principalLeader: c.principalLeader?.username,
  });

  // Every test gets its own database: these tests change the demo bureau, and none may depend on
  // another having run before it (the order is shuffled).
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
    const people = (await admin.request('GET', '/api/people?pageSize=200')).json<PersonList>();
    ids = new Map(people.items.map((p) => [p.username, p.id]));
  });
  afterEach(async () => {
    await t.dispose();
  });

  /** From CHANGE_DATE on, djzc2 heads 登记注册科 and shouwen is its only first responder. */
  const changeRegistryHead = (departmentId: string) =>
    admin.request('PUT', `/api/chains/${departmentId}`, {
      effectiveFrom: CHANGE_DATE,
      firstResponderIds: [id('shouwen')],
      deptHeadId: id('djzc2'),
      leaderInChargeId: id('fenguan'),
      principalLeaderId: id('juzhang'),
    });

  it('lists every department with the four positions of the demo', async () => {
    const r = await roster(admin, '2026-03-01');
    expect(r.date).toBe('2026-03-01');
    expect(r.chains).toHaveLength(DEMO_DEPARTMENTS.length);
    for (const d of DEMO_DEPARTMENTS) {
      const c = chainOf(r, d.name);
      expect(c.unitName).toBe(d.unit);
      expect(usernames(c)).toEqual({
        firstResponders: [...d.firstResponders].sort(),
        deptHead: d.deptHead,
        leaderInCharge: d.leaderInCharge,
        principalLeader: d.principal,
      });
      expect(c.changedOn).toBe(DEMO_CHAIN_DATE);
    }
    const reg = chainOf(r, '登记注册科');
    expect(usernames(reg)).toEqual({
      firstResponders: ['djzc2', 'shouwen'],
      deptHead: 'keshi',
      leaderInCharge: 'fenguan',
      principalLeader: 'juzhang',
    });
    expect(reg.deptHead).toEqual({ id: id('keshi'), username: 'keshi', displayName: '陈静' });
    expect(JSON.stringify(r)).not.toMatch(/phone|password|1380000/);

    // Before the chains began, nobody was responsible.
    const empty = chainOf(await roster(admin, '2025-12-31'), '登记注册科');
    expect(empty.firstResponders).toEqual([]);
    expect(empty.deptHead).toBeNull();
  });

  it('any signed-in person can read the roster; nobody without a session', async () => {
    for (const username of ['shouwen', 'keshi', 'juzhang', 'jijian', 'cqsc1']) {
      const c = await t.signIn(username);
      const r = await roster(c);
      expect(r.chains).toHaveLength(DEMO_DEPARTMENTS.length);
    }
    const anonymous = await t.inject({ method: 'GET', url: '/api/chains' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
    const history = await t.inject({ method: 'GET', url: '/api/chains/x/history' });
    expect(history.statusCode).toBe(401);
  });

  it('changes a department head from a date on, keeping who was responsible before', async () => {
    const reg = chainOf(await roster(admin, '2026-03-01'), '登记注册科');
    const djzc2Before = (await admin.request('GET', `/api/people/${id('djzc2')}`)).json<Person>();
    expect(djzc2Before.roles).not.toContain('deptHead');

    const res = await changeRegistryHead(reg.departmentId);
    expect(res.statusCode, res.body).toBe(200);
    const chain = res.json<Chain>();
    expect(usernames(chain)).toEqual({
      firstResponders: ['shouwen'],
      deptHead: 'djzc2',
      leaderInCharge: 'fenguan',
      principalLeader: 'juzhang',
    });
    expect(chain.changedOn).toBe(CHANGE_DATE);

    // A case always shows who was responsible at the time.
    const dayBefore = chainOf(await roster(admin, '2026-05-31'), '登记注册科');
    expect(usernames(dayBefore)).toEqual({
      firstResponders: ['djzc2', 'shouwen'],
      deptHead: 'keshi',
      leaderInCharge: 'fenguan',
      principalLeader: 'juzhang',
    });
    const onTheDay = chainOf(await roster(admin, CHANGE_DATE), '登记注册科');
    expect(onTheDay.deptHead?.username).toBe('djzc2');
    expect(onTheDay.firstResponders.map((p) => p.username)).toEqual(['shouwen']);
    expect(chainOf(await roster(admin), '登记注册科').deptHead?.username).toBe('djzc2');
    // Other departments are untouched.
    expect(chainOf(await roster(admin, CHANGE_DATE), '食品生产安全监管科').changedOn).toBe(DEMO_CHAIN_DATE);

    const historyRes = await admin.request('GET', `/api/chains/${reg.departmentId}/history`);
    expect(historyRes.statusCode).toBe(200);
    const history = historyRes.json<ChainHistory>();
    expect(history.departmentId).toBe(reg.departmentId);
    const heads = history.assignments
      .filter((a) => a.position === 'deptHead')
      .map((a) => [a.person.username, a.effectiveFrom, a.effectiveTo]);
    expect(heads).toEqual([
      ['djzc2', CHANGE_DATE, null],
      ['keshi', DEMO_CHAIN_DATE, CHANGE_DATE],
    ]);
    const responders = history.assignments
      .filter((a) => a.position === 'firstResponder')
      .map((a) => [a.person.username, a.effectiveFrom, a.effectiveTo])
      .sort();
    expect(responders).toEqual([
      ['djzc2', DEMO_CHAIN_DATE, CHANGE_DATE],
      ['shouwen', DEMO_CHAIN_DATE, null],
    ]);
    // Unchanged positions keep their one open assignment.
    expect(history.assignments.filter((a) => a.position === 'leaderInCharge')).toEqual([
      expect.objectContaining({ effectiveFrom: DEMO_CHAIN_DATE, effectiveTo: null }),
    ]);

    const djzc2 = (await admin.request('GET', `/api/people/${id('djzc2')}`)).json<Person>();
    expect(djzc2.roles).toContain('deptHead');

    const head = await t.signIn('djzc2');
    const me = (await head.request('GET', '/api/auth/me')).json();
    expect(me.chainPositions).toEqual([
      {
        departmentId: reg.departmentId,
        departmentName: '登记注册科',
        unitName: reg.unitName,
        position: 'deptHead',
      },
    ]);
    const old = await t.signIn('keshi');
    expect((await old.request('GET', '/api/auth/me')).json().chainPositions).toEqual([]);

    const event = await t.ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'chain.set')
      .where('subject_id', '=', reg.departmentId)
      .where('actor_id', '=', admin.personId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({
      effectiveFrom: CHANGE_DATE,
      source: 'form',
      before: { deptHead: 'keshi' },
      after: { deptHead: 'djzc2' },
    });
  });

  it('refuses a date earlier than the last change, with fields.effectiveFrom', async () => {
    expect(
      (await changeRegistryHead(chainOf(await roster(admin), '登记注册科').departmentId)).statusCode,
    ).toBe(200);
    const reg = chainOf(await roster(admin), '登记注册科');
    const before = await tableCounts(t);
    const res = await admin.request('PUT', `/api/chains/${reg.departmentId}`, {
      effectiveFrom: '2026-05-01',
      firstResponderIds: [id('shouwen')],
      deptHeadId: id('keshi'),
      leaderInChargeId: id('fenguan'),
      principalLeaderId: id('juzhang'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.json().error.fields)).toEqual(['effectiveFrom']);
    expect(await tableCounts(t)).toEqual(before);
    expect(chainOf(await roster(admin, '2026-05-15'), '登记注册科').deptHead?.username).toBe('keshi');
  });

  it('refuses unknown or disabled people, naming the field, and changes nothing', async () => {
    const food = chainOf(await roster(admin), '食品生产安全监管科');
    const base = {
      effectiveFrom: '2026-08-01',
      firstResponderIds: [id('spsc1')],
      deptHeadId: id('spsckz'),
      leaderInChargeId: id('fenguan'),
      principalLeaderId: id('juzhang'),
    };
    const before = await tableCounts(t);
    const unknown = await admin.request('PUT', `/api/chains/${food.departmentId}`, {
      ...base,
      deptHeadId: 'no-such-person',
      firstResponderIds: [id('spsc1'), 'nobody-either'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(unknown.json().error.fields).sort()).toEqual(['deptHeadId', 'firstResponderIds']);
    expect(await tableCounts(t)).toEqual(before);

    // A disabled account (one that held no position when it was disabled: set here directly, as every
    // demo person holds one and people.test.ts covers disabling).
    const p = (await admin.request('GET', `/api/people/${id('spsc2')}`)).json<Person>();
    await t.ctx.database.db
      .updateTable('people')
      .set({ status: 'disabled' })
      .where('id', '=', p.id)
      .execute();
    const counts = await tableCounts(t);
    const disabled = await admin.request('PUT', `/api/chains/${food.departmentId}`, {
      ...base,
      leaderInChargeId: p.id,
    });
    expect(disabled.statusCode).toBe(400);
    expect(Object.keys(disabled.json().error.fields)).toEqual(['leaderInChargeId']);
    expect(await tableCounts(t)).toEqual(counts);
    expect(chainOf(await roster(admin, '2026-09-01'), '食品生产安全监管科').changedOn).toBe(DEMO_CHAIN_DATE);
  });

  it('refuses a chain without its positions, and an unknown department', async () => {
    const reg = chainOf(await roster(admin), '登记注册科');
    const missing = await admin.request('PUT', `/api/chains/${reg.departmentId}`, {
      effectiveFrom: '2026-13-01',
      firstResponderIds: [],
    });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(
      ['deptHeadId', 'effectiveFrom', 'firstResponderIds', 'leaderInChargeId', 'principalLeaderId'].sort(),
    );
    const unknown = await admin.request('PUT', '/api/chains/no-such-department', {
      effectiveFrom: '2026-09-01',
      firstResponderIds: [id('shouwen')],
      deptHeadId: id('keshi'),
      leaderInChargeId: id('fenguan'),
      principalLeaderId: id('juzhang'),
    });
    expect(unknown.statusCode).toBe(404);
    const history = await admin.request('GET', '/api/chains/no-such-department/history');
    expect(history.statusCode).toBe(404);
  });
});

// The home page's oversight counts (GET /api/overview) on both databases: cases made through the case
// service at each stage raise exactly their counts; every count is the total of the case list it links
// to; the principal leader sees the departments of their chains; people without the permission get 404.
// And a case reaching a level nobody holds or acts for: the administrators and the next held level up
// are told once per case and level, and the case page says the level is vacant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseOverview, CaseList, CaseDetail } from '@bancheng/core';
import { OVERDUE_STAGES, STATE_OF_OVERDUE_STAGE } from '@bancheng/core';
import { fixedClock } from '../src/platform/clock.ts';
import type { Db } from '../src/platform/db/database.ts';
import { actOnCase } from '../src/modules/cases/case-service.ts';
import { findPersonRowByUsername } from '../src/modules/people/people-repository.ts';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';
import { seedCase } from './factories.ts';

// Monday 2026-11-16, 10:00 in China; nine days later every level's one working day and the reply's three
// (from receipt) have passed.
const T0 = '2026-11-16T02:00:00Z';
const T1 = '2026-11-25T02:00:00Z';
const DEPARTMENT = '登记注册科';

async function departmentId(db: Db, name: string): Promise<string> {
  const row = await db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function overviewAs(t: TestApp, username: string): Promise<CaseOverview> {
  const client = await t.signIn(username);
  const res = await client.request('GET', '/api/overview');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CaseOverview>();
}

const zero = {
  overdueAt: { deptHead: 0, leaderInCharge: 0, principalLeader: 0, reply: 0 },
  overdue: 0,
  open: 0,
  refused: 0,
};
type Measures = typeof zero;
const measuresOf = (o: CaseOverview, id: string): Measures => {
  const d = o.departments.find((x) => x.departmentId === id);
  return d ? { overdueAt: d.overdueAt, overdue: d.overdue, open: d.open, refused: d.refused } : zero;
};
const minus = (a: Measures, b: Measures): Measures => ({
  overdueAt: {
    deptHead: a.overdueAt.deptHead - b.overdueAt.deptHead,
    leaderInCharge: a.overdueAt.leaderInCharge - b.overdueAt.leaderInCharge,
    principalLeader: a.overdueAt.principalLeader - b.overdueAt.principalLeader,
    reply: a.overdueAt.reply - b.overdueAt.reply,
  },
  overdue: a.overdue - b.overdue,
  open: a.open - b.open,
  refused: a.refused - b.refused,
});

describe.each(DIALECTS)('oversight counts [%s]', (dialect) => {
  const clock = fixedClock(T0);
  let t: TestApp;
  let dept: string;
  let before: CaseOverview;
  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock });
    dept = await departmentId(t.ctx.database.db, DEPARTMENT);
    // What the demo cases alone count on the later day.
    clock.set(T1);
    before = await overviewAs(t, 'ducha');
    clock.set(T0);
    for (const state of ['atDeptHead', 'atLeaderInCharge', 'atPrincipalLeader', 'refused', 'open'] as const) {
      await seedCase(t, { state });
    }
    await seedCase(t, { state: 'replied' });
    await seedCase(t, { state: 'closed', outcome: 'refused' });
    await seedCase(t, { state: 'closed', outcome: 'done' });
    clock.set(T1);
  }, 60_000);
  afterAll(async () => {
    await t.dispose();
  });

  it('counts each stage, the overdue, the open and the refused cases made', async () => {
    const after = await overviewAs(t, 'ducha');
    expect(after.asOf).toBe('2026-11-25');
    expect(minus(measuresOf(after, dept), measuresOf(before, dept))).toEqual({
      overdueAt: { deptHead: 1, leaderInCharge: 1, principalLeader: 1, reply: 1 },
      overdue: 4,
      open: 6,
      refused: 3,
    });
    // The bureau's totals are the sums of the departments'.
    const sum = (pick: (m: Measures) => number) =>
      after.departments.reduce((n, d) => n + pick(measuresOf(after, d.departmentId)), 0);
    expect(after.open).toBe(sum((m) => m.open));
    expect(after.overdueAt.reply).toBe(sum((m) => m.overdueAt.reply));
    expect(after.departments.find((d) => d.departmentId === dept)).toMatchObject({
      departmentName: DEPARTMENT,
      unitName: '演示市市场监督管理局',
    });
  });

  it('gives for every count the total of the case list it links to', async () => {
    const ducha = await t.signIn('ducha');
    const overview = (await ducha.request('GET', '/api/overview')).json<CaseOverview>();
    const total = async (query: string) => {
      const res = await ducha.request('GET', `/api/cases?view=all&pageSize=1&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<CaseList>().total;
    };
    const d = measuresOf(overview, dept);
    for (const stage of OVERDUE_STAGES) {
      const filter = `state=${STATE_OF_OVERDUE_STAGE[stage]}&overdue=true`;
      expect(await total(`${filter}&departmentId=${dept}`), stage).toBe(d.overdueAt[stage]);
      expect(await total(filter), stage).toBe(overview.overdueAt[stage]);
    }
    expect(await total(`overdue=true&departmentId=${dept}`)).toBe(d.overdue);
    expect(await total(`open=true&departmentId=${dept}`)).toBe(d.open);
    expect(await total(`refused=true&departmentId=${dept}`)).toBe(d.refused);
    expect(await total('refused=true')).toBe(overview.refused);
  });

  it('shows the principal leader the departments of their chains, and nobody else the counts', async () => {
    const ducha = await overviewAs(t, 'ducha');
    const juzhang = await overviewAs(t, 'juzhang');
    expect(measuresOf(juzhang, dept)).toEqual(measuresOf(ducha, dept));
    expect(juzhang.open).toBeLessThanOrEqual(ducha.open);
    expect((await overviewAs(t, 'jijian')).open).toBe(ducha.open);
    for (const username of ['keshi', 'fenguan', 'shouwen', 'admin']) {
      const client = await t.signIn(username);
      const res = await client.request('GET', '/api/overview');
      expect(res.statusCode, username).toBe(404);
    }
    const res = await t.inject({ method: 'GET', url: '/api/overview' });
    expect(res.statusCode).toBe(401);
  });
});

describe.each(DIALECTS)('a vacant level [%s]', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: fixedClock(T0) });
  }, 60_000);
  afterAll(async () => {
    await t.dispose();
  });

  async function vacantNotices(caseId: string): Promise<string[]> {
    const rows = await t.ctx.database.db
      .selectFrom('notifications')
      .innerJoin('people', 'people.id', 'notifications.person_id')
      .select('people.username')
      .where('notifications.case_id', '=', caseId)
      .where('notifications.kind', '=', 'levelVacant')
      .execute();
    return rows.map((r) => r.username).sort();
  }

  it('tells the administrators and the next level up once, and the case page shows it', async () => {
    const db = t.ctx.database.db;
    const dept = await departmentId(db, DEPARTMENT);
    // The department head's position falls vacant, with no deputy.
    await db
      .deleteFrom('chain_assignments')
      .where('department_id', '=', dept)
      .where('position', '=', 'deptHead')
      .execute();
    const admins = (
      await db
        .selectFrom('person_roles')
        .innerJoin('people', 'people.id', 'person_roles.person_id')
        .select('people.username')
        .where('person_roles.role', '=', 'admin')
        .where('people.status', '=', 'active')
        .execute()
    ).map((r) => r.username);
    expect(admins.length).toBeGreaterThan(0);

    const open = await seedCase(t, { state: 'open' });
    const shouwen = await findPersonRowByUsername(db, 'shouwen');
    if (!shouwen) throw new Error('no shouwen');
    const act = (c: CaseDetail, action: Parameters<typeof actOnCase>[2]['request']['action']) =>
      actOnCase(
        t.ctx,
        { personId: shouwen.id, address: null },
        { id: c.id, request: { version: c.version, action } },
      );
    const proposal = { type: 'proposeRefusal', reason: 'notPermitted', reasonText: '法规不允许' } as const;
    const waiting = await act(open, proposal);
    expect(waiting.state).toBe('atDeptHead');
    expect(waiting.vacantLevel).toBe(2);
    // The administrators and the leader in charge (level 3), nobody else.
    expect(await vacantNotices(open.id)).toEqual([...admins, 'fenguan'].sort());

    const client = await t.signIn('ducha');
    const page = (await client.request('GET', `/api/cases/${open.id}`)).json<CaseDetail>();
    expect(page.vacantLevel).toBe(2);

    // Withdrawn and proposed again: the same case at the same level is not announced twice.
    const withdrawn = await act(waiting, { type: 'withdrawProposal' });
    const again = await act(withdrawn, proposal);
    expect(again.state).toBe('atDeptHead');
    expect(await vacantNotices(open.id)).toEqual([...admins, 'fenguan'].sort());

    // A case at a level somebody holds is not vacant and tells nobody so.
    const held = await seedCase(t, { state: 'open', by: 'spsc1' });
    const spsc1 = await findPersonRowByUsername(db, 'spsc1');
    if (!spsc1) throw new Error('no spsc1');
    const atHead = await actOnCase(
      t.ctx,
      { personId: spsc1.id, address: null },
      { id: held.id, request: { version: held.version, action: proposal } },
    );
    expect(atHead.vacantLevel).toBeNull();
    expect(await vacantNotices(held.id)).toEqual([]);
  });
});

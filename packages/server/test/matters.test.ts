import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';

interface MatterView {
  id: string;
  departmentId: string;
  title: string;
  matterType: string;
  timeLimitWorkdays: number | null;
  remarks: string | null;
  active: boolean;
  version: number;
}

const registration = (overrides: Record<string, unknown> = {}) => ({
  applicant: { kind: 'person', name: '孙女士', phone: '13912345678' },
  channel: 'counter',
  receivedAt: '2026-09-30T10:00:00+08:00',
  description: '申请办理清单内事项',
  ...overrides,
});

describe.each(DIALECTS)('matter lists (事项清单) [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client, keshi: Client, otherHead: Client, shouwen: Client, foodResponder: Client;
  let registry: string, food: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [admin, keshi, otherHead, shouwen, foodResponder] = [
      await t.signIn('admin'),
      await t.signIn('keshi'),
      await t.signIn('spsckz'),
      await t.signIn('shouwen'),
      await t.signIn('spsc1'),
    ];
    const departments = await t.ctx.database.db.selectFrom('departments').select(['id', 'name']).execute();
    const id = (name: string) => departments.find((d) => d.name === name)?.id ?? '';
    registry = id('登记注册科');
    food = id('食品生产安全监管科');
  });
  afterAll(async () => {
    await t.dispose();
  });

  const listOf = async (c: Client, departmentId: string, all = false) =>
    (await c.request('GET', `/api/departments/${departmentId}/matters${all ? '?all=true' : ''}`)).json<{
      items: MatterView[];
      canManage: boolean;
    }>();

  const create = async (c: Client, departmentId: string, body: Record<string, unknown>) =>
    c.request('POST', `/api/departments/${departmentId}/matters`, body);

  /** What must not move when someone who may not change a list tries to. */
  const snapshot = async () => {
    const db = t.ctx.database.db;
    const matters = await db.selectFrom('matters').selectAll().orderBy('id').execute();
    const events = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('type', 'like', 'matter.%')
      .executeTakeFirstOrThrow();
    return { matters, events: Number(events.n) };
  };

  it('lists a department’s active matters to anyone signed in, with the demo bureau’s lists loaded', async () => {
    const list = await listOf(shouwen, registry);
    expect(list.canManage).toBe(false);
    expect(list.items.map((m) => m.title)).toEqual(
      expect.arrayContaining(['企业名称变更登记', '股权变更登记', '个体工商户注销']),
    );
    const change = list.items.find((m) => m.title === '企业名称变更登记');
    expect(change).toMatchObject({ matterType: 'licensing', timeLimitWorkdays: 3, active: true });
    expect((await listOf(keshi, registry)).canManage).toBe(true);
    expect((await listOf(admin, food)).canManage).toBe(true);
    expect((await listOf(otherHead, registry)).canManage).toBe(false);
    expect((await shouwen.request('GET', '/api/departments/nope/matters')).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/api/departments/${registry}/matters` })).statusCode).toBe(
      401,
    );
  });

  it('lets an administrator add, change, deactivate and take back a matter, each audited', async () => {
    const res = await create(admin, food, {
      title: '食品经营许可变更',
      matterType: 'licensing',
      timeLimitWorkdays: 7,
      remarks: '经营场所不变的变更',
    });
    expect(res.statusCode).toBe(201);
    const m = res.json<MatterView>();
    expect(m).toMatchObject({ departmentId: food, timeLimitWorkdays: 7, active: true, version: 0 });
    const stored = async () => (await listOf(admin, food, true)).items.find((x) => x.id === m.id);
    expect(await stored()).toMatchObject({
      title: '食品经营许可变更',
      matterType: 'licensing',
      timeLimitWorkdays: 7,
      remarks: '经营场所不变的变更',
      active: true,
    });

    const dup = await create(admin, food, { title: '食品经营许可变更', matterType: 'service' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('MATTER_TITLE_TAKEN');

    const changed = await admin.request('PATCH', `/api/matters/${m.id}`, {
      version: 0,
      timeLimitWorkdays: null,
      remarks: null,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ timeLimitWorkdays: null, remarks: null, version: 1 });
    expect(await stored()).toMatchObject({
      title: '食品经营许可变更',
      timeLimitWorkdays: null,
      remarks: null,
    });
    // A change made against what someone else already changed is refused.
    const stale = await admin.request('PATCH', `/api/matters/${m.id}`, { version: 0, title: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect((await admin.request('POST', `/api/matters/${m.id}/deactivate`, { version: 0 })).statusCode).toBe(
      409,
    );

    const off = await admin.request('POST', `/api/matters/${m.id}/deactivate`, { version: 1 });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect((await listOf(foodResponder, food)).items.map((x) => x.id)).not.toContain(m.id);
    expect((await listOf(foodResponder, food, true)).items.map((x) => x.id)).not.toContain(m.id);
    expect((await listOf(admin, food, true)).items.find((x) => x.id === m.id)?.active).toBe(false);

    const back = await admin.request('PATCH', `/api/matters/${m.id}`, { version: 2, active: true });
    expect(back.json()).toMatchObject({ active: true, version: 3 });
    expect(await stored()).toMatchObject({ active: true, version: 3 });

    const events = await t.ctx.database.db
      .selectFrom('audit_events')
      .select(['type', 'actor_id', 'subject_type'])
      .where('subject_id', '=', m.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'matter.created',
      'matter.updated',
      'matter.deactivated',
      'matter.updated',
    ]);
    expect(new Set(events.map((e) => e.actor_id))).toEqual(new Set([admin.personId]));
    expect(events[0]?.subject_type).toBe('matter');
  });

  it('lets the department’s head keep its own list', async () => {
    const res = await create(keshi, registry, { title: '经营范围变更登记', matterType: 'licensing' });
    expect(res.statusCode).toBe(201);
    const m = res.json<MatterView>();
    const renamed = await keshi.request('PATCH', `/api/matters/${m.id}`, {
      version: 0,
      title: '经营范围变更登记（一般事项）',
      timeLimitWorkdays: 3,
    });
    expect(renamed.json()).toMatchObject({ title: '经营范围变更登记（一般事项）', timeLimitWorkdays: 3 });
    expect((await listOf(keshi, registry, true)).items.find((x) => x.id === m.id)).toMatchObject({
      title: '经营范围变更登记（一般事项）',
      timeLimitWorkdays: 3,
    });
    // Renaming onto another matter's title is refused.
    const clash = await keshi.request('PATCH', `/api/matters/${m.id}`, { version: 1, title: '股权变更登记' });
    expect(clash.statusCode).toBe(409);
    const off = await keshi.request('POST', `/api/matters/${m.id}/deactivate`, { version: 1 });
    expect(off.json().active).toBe(false);
    expect((await listOf(keshi, registry, true)).items.find((x) => x.id === m.id)?.active).toBe(false);
  });

  it('answers another department’s head and a first responder 404, and changes nothing', async () => {
    const target = (await listOf(shouwen, registry)).items.find((m) => m.title === '股权变更登记');
    if (!target) throw new Error('demo matter missing');
    const before = await snapshot();
    for (const c of [otherHead, shouwen]) {
      const attempts = [
        await create(c, registry, { title: '越权新增', matterType: 'service' }),
        await c.request('PATCH', `/api/matters/${target.id}`, { version: target.version, title: '越权修改' }),
        await c.request('POST', `/api/matters/${target.id}/deactivate`, { version: target.version }),
        await c.request('PATCH', '/api/matters/nope', { version: 0, title: '不存在' }),
      ];
      for (const res of attempts) {
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('registers a case for a listed matter: its type, title and a due date from the calendar', async () => {
    const m = (
      await create(keshi, registry, {
        title: '分支机构设立登记',
        matterType: 'licensing',
        timeLimitWorkdays: 5,
      })
    ).json<MatterView>();
    const res = await shouwen.request('POST', '/api/cases', registration({ matterId: m.id }));
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.matterType).toBe('licensing');
    expect(c.matterTitle).toBe('分支机构设立登记');
    // 2026: 10-01…07 off for National Day, Saturday 10-10 worked: 10-08, 10-09, 10-10, 10-12, 10-13.
    expect(c.dueDate).toBe('2026-10-13');
    expect(c.dueProvisional).toBe(false);
    const row = await t.ctx.database.db
      .selectFrom('cases')
      .select(['matter_id', 'due_date', 'due_provisional'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ matter_id: m.id, due_date: '2026-10-13', due_provisional: 0 });

    // Typed text still wins over the matter's, and a matter without a time limit gives no due date.
    const typed = (
      await shouwen.request(
        'POST',
        '/api/cases',
        registration({
          matterId: (await listOf(shouwen, registry)).items.find((x) => x.title === '登记业务咨询')?.id,
          matterTitle: '咨询分支机构登记材料',
        }),
      )
    ).json();
    expect(typed).toMatchObject({
      matterType: 'enquiry',
      matterTitle: '咨询分支机构登记材料',
      dueDate: null,
    });
  });

  it('refuses a matter of another department, a deactivated one, and no matter at all', async () => {
    const foodMatter = (await listOf(shouwen, food)).items.find((m) => m.title === '食品生产许可');
    const wrong = await shouwen.request('POST', '/api/cases', registration({ matterId: foodMatter?.id }));
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys(wrong.json().error.fields)).toEqual(['matterId']);

    const m = (
      await create(keshi, registry, { title: '已停用事项', matterType: 'service' })
    ).json<MatterView>();
    await keshi.request('POST', `/api/matters/${m.id}/deactivate`, { version: 0 });
    const inactive = await shouwen.request('POST', '/api/cases', registration({ matterId: m.id }));
    expect(inactive.statusCode).toBe(400);
    expect(Object.keys(inactive.json().error.fields)).toEqual(['matterId']);

    const unknown = await shouwen.request('POST', '/api/cases', registration({ matterId: 'nope' }));
    expect(unknown.statusCode).toBe(400);

    const none = await shouwen.request('POST', '/api/cases', registration());
    expect(none.statusCode).toBe(400);
    expect(Object.keys(none.json().error.fields).sort()).toEqual(['matterTitle', 'matterType']);
  });

  it('lists an open case past its matter’s due date as overdue and due soon, until it moves on', async () => {
    const m = (
      await create(keshi, registry, {
        title: '注册资本变更登记',
        matterType: 'licensing',
        timeLimitWorkdays: 5,
      })
    ).json<MatterView>();
    const late = (await shouwen.request('POST', '/api/cases', registration({ matterId: m.id }))).json();
    const fresh = (
      await shouwen.request(
        'POST',
        '/api/cases',
        registration({ matterId: m.id, receivedAt: new Date().toISOString() }),
      )
    ).json();
    expect(late.overdue).toBe(true);
    expect(fresh.overdue).toBe(false);
    const ids = async (query: string) =>
      (await shouwen.request('GET', `/api/cases?view=all&pageSize=100&${query}`))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await ids('overdue=true')).toContain(late.id);
    expect(await ids('dueSoon=true')).toContain(late.id);
    expect(await ids('overdue=true')).not.toContain(fresh.id);
    expect(await ids('dueSoon=true')).not.toContain(fresh.id);

    // Once closed, the time limit no longer counts against it.
    const closed = await shouwen.request('POST', `/api/cases/${late.id}/actions`, {
      version: late.version,
      action: { type: 'closeDone', note: '已办结' },
    });
    expect(closed.json()).toMatchObject({ state: 'closed', overdue: false });
    expect(await ids('overdue=true')).not.toContain(late.id);
  });
});

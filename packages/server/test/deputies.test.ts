// Acting deputies (代理): who may appoint, the rules of an appointment, the audit event and the
// notifications, a deputy deciding as the holder's level, ending one, and a holder who cannot be disabled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '@bancheng/core';
import { todayOf } from '../src/platform/context.ts';
import { createTestApp, DIALECTS, tableCounts, type Client, type TestApp } from './harness.ts';

interface DeputyView {
  id: string;
  deputy: { id: string; displayName: string };
  forPerson: { id: string; displayName: string };
  fromDate: string;
  toDate: string;
  status: 'current' | 'upcoming' | 'past';
}

const registration = {
  applicant: { kind: 'person', name: '周先生', phone: '13912345678' },
  channel: 'counter',
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'licensing',
  matterTitle: '申请在住宅楼内办理食品经营许可',
  description: '申请人希望在住宅楼一层开设食品加工作坊',
};

describe.each(DIALECTS)('acting deputies [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client, keshi: Client, djzc2: Client, shouwen: Client, fenguan: Client;
  let foodHead: Client, foodResponder: Client, otherHead: Client, otherResponder: Client;
  let today: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    [admin, keshi, djzc2, shouwen, fenguan] = [
      await t.signIn('admin'),
      await t.signIn('keshi'),
      await t.signIn('djzc2'),
      await t.signIn('shouwen'),
      await t.signIn('fenguan'),
    ];
    [foodHead, foodResponder, otherHead, otherResponder] = [
      await t.signIn('spsckz'),
      await t.signIn('spsc1'),
      await t.signIn('jgjckz'),
      await t.signIn('jgjc1'),
    ];
    today = todayOf(t.ctx);
  });
  afterAll(async () => {
    await t.dispose();
  });

  const appoint = (c: Client, body: Record<string, unknown>) => c.request('POST', '/api/deputies', body);
  const listOf = async (c: Client, past = false) =>
    (await c.request('GET', `/api/deputies${past ? '?past=true' : ''}`)).json<{ items: DeputyView[] }>()
      .items;
  const notificationsOf = async (personId: string) =>
    t.ctx.database.db
      .selectFrom('notifications')
      .select(['kind', 'title'])
      .where('person_id', '=', personId)
      .where('kind', 'in', ['deputyAppointed', 'deputyEnded'])
      .orderBy('created_at')
      .execute();

  it('refuses bad appointments field by field, and to someone who may not make it answers 404 and changes nothing', async () => {
    const before = await tableCounts(t);
    const base = { deputyId: djzc2.personId, forPersonId: fenguan.personId, fromDate: today, toDate: today };
    const cases: [Client, Record<string, unknown>, number, string][] = [
      [fenguan, { ...base, toDate: addCalendarDays(today, -1) }, 400, 'toDate'],
      [
        fenguan,
        { ...base, fromDate: addCalendarDays(today, -5), toDate: addCalendarDays(today, -1) },
        400,
        'fromDate',
      ],
      [fenguan, { ...base, deputyId: fenguan.personId }, 400, 'deputyId'],
      [fenguan, { ...base, toDate: addCalendarDays(today, 400) }, 400, 'toDate'],
      [fenguan, { ...base, fromDate: 'tomorrow' }, 400, 'fromDate'],
    ];
    for (const [c, body, status, field] of cases) {
      const res = await appoint(c, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(Object.keys(res.json().error.fields ?? {}), JSON.stringify(body) + res.body).toContain(field);
    }
    // A first responder appointing for their department head: the appointment does not exist for them.
    const outsider = await appoint(shouwen, base);
    expect(outsider.statusCode).toBe(404);
    // Someone holding no chain position (the administrator here) has nothing to be deputised.
    const res = await appoint(admin, { ...base, forPersonId: admin.personId });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.forPersonId).toBeTruthy();
    expect(await tableCounts(t)).toEqual(before);
  });

  it('a holder appoints their deputy: audited, both told but not the appointer, listed to those concerned', async () => {
    const res = await appoint(foodHead, {
      deputyId: foodResponder.personId,
      forPersonId: foodHead.personId,
      fromDate: today,
      toDate: addCalendarDays(today, 6),
    });
    expect(res.statusCode).toBe(201);
    const view = res.json<DeputyView>();
    expect(view).toMatchObject({
      deputy: { id: foodResponder.personId },
      forPerson: { id: foodHead.personId },
      status: 'current',
    });

    const events = await t.ctx.database.db
      .selectFrom('audit_events')
      .select(['type', 'actor_id', 'payload'])
      .where('type', '=', 'deputy.appointed')
      .where('subject_id', '=', view.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.actor_id).toBe(foodHead.personId);
    expect(JSON.parse(events[0]!.payload)).toEqual({
      deputyId: foodResponder.personId,
      forPersonId: foodHead.personId,
      fromDate: today,
      toDate: addCalendarDays(today, 6),
    });
    expect((await notificationsOf(foodResponder.personId)).map((n) => n.kind)).toEqual(['deputyAppointed']);
    expect(await notificationsOf(foodHead.personId)).toEqual([]);

    expect((await listOf(foodHead)).map((d) => d.id)).toEqual([view.id]);
    expect((await listOf(foodResponder)).map((d) => d.id)).toEqual([view.id]);
    expect((await listOf(admin)).map((d) => d.id)).toContain(view.id);
    expect(await listOf(shouwen)).toEqual([]);

    // One deputy at a time.
    const overlap = await appoint(admin, {
      deputyId: shouwen.personId,
      forPersonId: foodHead.personId,
      fromDate: addCalendarDays(today, 3),
      toDate: addCalendarDays(today, 10),
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error).toMatchObject({
      code: 'DEPUTY_OVERLAPS',
      fields: { fromDate: expect.any(String) },
    });
  });

  it('the deputy decides at the holder’s level, and the decision records whom they acted for', async () => {
    const appointed = await appoint(admin, {
      deputyId: djzc2.personId,
      forPersonId: keshi.personId,
      fromDate: today,
      toDate: addCalendarDays(today, 2),
    });
    expect(appointed.statusCode).toBe(201);
    const registered = await shouwen.request('POST', '/api/cases', registration);
    expect(registered.statusCode).toBe(201);
    const c = registered.json<{ id: string; version: number }>();
    const proposed = await shouwen.request('POST', `/api/cases/${c.id}/actions`, {
      version: c.version,
      action: {
        type: 'proposeRefusal',
        reason: 'notPermitted',
        reasonText: '住宅楼内不符合食品生产场所要求',
      },
    });
    expect(proposed.statusCode).toBe(200);
    const atHead = proposed.json<{ version: number; state: string }>();
    expect(atHead.state).toBe('atDeptHead');
    const decided = await djzc2.request('POST', `/api/cases/${c.id}/actions`, {
      version: atHead.version,
      action: { type: 'decide', decision: 'escalate', opinion: '代科室负责人审批：建议提级' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const after = decided.json<{
      state: string;
      decisions: { level: number; person: { id: string }; actingFor: { id: string } | null }[];
    }>();
    expect(after.state).toBe('atLeaderInCharge');
    expect(after.decisions[0]).toMatchObject({
      level: 2,
      person: { id: djzc2.personId },
      actingFor: { id: keshi.personId },
    });
    // The leader in charge was told the form arrived; the deputy's act is theirs.
    expect((await fenguan.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
  });

  it('ending: one under way ends yesterday, one yet to begin is withdrawn; only the holder and administrators end them', async () => {
    // Appointed three days ago (as if then), running until three days from now.
    const current = { id: crypto.randomUUID() };
    await t.ctx.database.db
      .insertInto('acting_deputies')
      .values({
        id: current.id,
        deputy_id: otherResponder.personId,
        for_person_id: otherHead.personId,
        from_date: addCalendarDays(today, -3),
        to_date: addCalendarDays(today, 3),
        created_at: new Date().toISOString(),
        created_by: otherHead.personId,
      })
      .execute();
    const ended = await otherHead.request('POST', `/api/deputies/${current.id}/end`, {});
    expect(ended.statusCode).toBe(200);
    expect(ended.json().deputy).toMatchObject({ toDate: addCalendarDays(today, -1), status: 'past' });
    expect(await listOf(otherHead)).toEqual([]);
    expect((await listOf(otherHead, true)).map((d) => d.id)).toEqual([current.id]);
    expect((await otherHead.request('POST', `/api/deputies/${current.id}/end`, {})).statusCode).toBe(409);

    const upcoming = await appoint(admin, {
      deputyId: otherResponder.personId,
      forPersonId: otherHead.personId,
      fromDate: addCalendarDays(today, 2),
      toDate: addCalendarDays(today, 4),
    });
    expect(upcoming.json<DeputyView>().status).toBe('upcoming');
    // Only the holder and administrators end one; the deputy cannot, nor may anyone else see it.
    expect((await shouwen.request('POST', `/api/deputies/${upcoming.json().id}/end`, {})).statusCode).toBe(
      404,
    );
    expect(
      (await otherResponder.request('POST', `/api/deputies/${upcoming.json().id}/end`, {})).statusCode,
    ).toBe(404);
    const withdrawn = await admin.request('POST', `/api/deputies/${upcoming.json().id}/end`, {});
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toEqual({ deputy: null });
    // The holder heard of the admin's appointment and withdrawal, not of their own ending.
    expect((await notificationsOf(otherHead.personId)).map((n) => n.kind)).toEqual([
      'deputyAppointed',
      'deputyEnded',
    ]);
    expect((await notificationsOf(otherResponder.personId)).map((n) => n.kind)).toEqual([
      'deputyEnded',
      'deputyAppointed',
      'deputyEnded',
    ]);
    const types = await t.ctx.database.db
      .selectFrom('audit_events')
      .select('type')
      .where('subject_id', 'in', [current.id, upcoming.json().id])
      .orderBy('id')
      .execute();
    expect(types.map((e) => e.type)).toEqual(['deputy.ended', 'deputy.appointed', 'deputy.ended']);
  });

  it('a person who holds a chain position cannot be disabled until the position is given to someone else', async () => {
    const person = (await admin.request('GET', `/api/people/${keshi.personId}`)).json<{ version: number }>();
    const res = await admin.request('POST', `/api/people/${keshi.personId}/disable`, {
      version: person.version,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('HOLDS_POSITION');
    expect(res.json().error.message).toMatch(/责任链条/);
  });
});

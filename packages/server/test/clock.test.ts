// One clock: an app whose clock stands at a past moment stamps everything with that moment, and reads
// chains, deputies and "today" on that date, not the machine's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chain, Me, PersonList, Roster } from '@bancheng/core';
import { fixedClock } from '../src/platform/clock.ts';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';

const NOW = '2026-03-10T09:00:00+08:00';
const NOW_ISO = new Date(NOW).toISOString(); // 2026-03-10T01:00:00.000Z
const TODAY = '2026-03-10';
/** The day after the clock's: in the machine's time (later in 2026 or after) this change has happened. */
const TOMORROW = '2026-03-11';

describe.each(DIALECTS)('one clock [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let shouwen: Client;
  let keshi: Client;
  let ids: Map<string, string>;
  const id = (username: string): string => {
    const found = ids.get(username);
    if (!found) throw new Error(`no person ${username}`);
    return found;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: fixedClock(NOW) });
    admin = await t.signIn('admin');
    const people = (await admin.request('GET', '/api/people?pageSize=200')).json<PersonList>();
    ids = new Map(people.items.map((p) => [p.username, p.id]));
    // From tomorrow on, someone else heads 登记注册科: on the clock's date keshi still does.
    const roster = (await admin.request('GET', `/api/chains?date=${TODAY}`)).json<Roster>();
    const reg = roster.chains.find((c) => c.departmentName === '登记注册科') as Chain;
    const res = await admin.request('PUT', `/api/chains/${reg.departmentId}`, {
      effectiveFrom: TOMORROW,
      firstResponderIds: [id('shouwen')],
      deptHeadId: id('djzc2'),
      leaderInChargeId: id('fenguan'),
      principalLeaderId: id('juzhang'),
    });
    expect(res.statusCode, res.body).toBe(200);
    shouwen = await t.signIn('shouwen');
    keshi = await t.signIn('keshi');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("stamps sessions and sign-in audit events with the clock's time", async () => {
    const session = await t.ctx.database.db
      .selectFrom('sessions')
      .select(['created_at', 'last_seen_at', 'expires_at'])
      .where('person_id', '=', shouwen.personId)
      .executeTakeFirstOrThrow();
    expect(session.created_at).toBe(NOW_ISO);
    expect(session.last_seen_at).toBe(NOW_ISO);
    expect(Date.parse(session.expires_at)).toBe(Date.parse(NOW) + t.ctx.config.sessionAbsoluteMs);
    const login = await t.ctx.database.db
      .selectFrom('audit_events')
      .select('occurred_at')
      .where('type', '=', 'auth.login')
      .where('actor_id', '=', shouwen.personId)
      .executeTakeFirstOrThrow();
    expect(login.occurred_at).toBe(NOW_ISO);
  });

  it("reads chains on the clock's date: the roster, /api/auth/me and the roster's default date", async () => {
    const roster = (await admin.request('GET', '/api/chains')).json<Roster>();
    expect(roster.date).toBe(TODAY);
    const reg = roster.chains.find((c) => c.departmentName === '登记注册科') as Chain;
    expect(reg.deptHead?.username).toBe('keshi');
    const me = (await keshi.request('GET', '/api/auth/me')).json<Me>();
    expect(me.chainPositions.map((p) => p.position)).toContain('deptHead');
  });

  it("registers a case, its audit event and its notifications at the clock's time", async () => {
    const created = await shouwen.request('POST', '/api/cases', {
      applicant: { kind: 'person', name: '李四', phone: '13912345678' },
      channel: 'counter',
      receivedAt: '2026-03-10T08:30:00+08:00',
      matterType: 'licensing',
      matterTitle: '时钟测试事项',
      description: '登记时间以应用时钟为准',
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json<{ id: string; version: number; number: string }>();
    expect(c.number).toContain('2026');
    const row = await t.ctx.database.db
      .selectFrom('cases')
      .select(['created_at', 'updated_at'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ created_at: NOW_ISO, updated_at: NOW_ISO });
    const registered = await t.ctx.database.db
      .selectFrom('audit_events')
      .select('occurred_at')
      .where('type', '=', 'case.registered')
      .where('subject_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(registered.occurred_at).toBe(NOW_ISO);

    // The proposal goes to the department head of the clock's date (keshi), not tomorrow's (djzc2).
    const proposed = await shouwen.request('POST', `/api/cases/${c.id}/actions`, {
      version: c.version,
      action: { type: 'proposeRefusal', reason: 'outOfScope', reasonText: '超出本科室职责' },
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const notes = await t.ctx.database.db
      .selectFrom('notifications')
      .select(['person_id', 'created_at'])
      .where('case_id', '=', c.id)
      .execute();
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.map((n) => n.person_id)).toContain(keshi.personId);
    expect(notes.map((n) => n.person_id)).not.toContain(id('djzc2'));
    for (const n of notes) expect(n.created_at).toBe(NOW_ISO);

    // keshi holds level 2 today by the clock, so keshi may decide.
    const detail = (await keshi.request('GET', `/api/cases/${c.id}`)).json<{ version: number }>();
    const decided = await keshi.request('POST', `/api/cases/${c.id}/actions`, {
      version: detail.version,
      action: { type: 'decide', decision: 'escalate', opinion: '提请分管领导' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
  });
});

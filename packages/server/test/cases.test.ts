import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { seedCase } from './factories.ts';

const registration = (overrides: Record<string, unknown> = {}) => ({
  applicant: {
    kind: 'enterprise',
    name: '示范食品有限公司',
    creditCode: '91411381MA45ABCD13',
    phone: '13912345678',
  },
  channel: 'counter',
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'licensing',
  matterTitle: '申请在住宅楼内办理食品经营许可',
  description: '企业希望在住宅楼一层开设食品加工作坊',
  ...overrides,
});

async function act(c: Client, id: string, action: Record<string, unknown>) {
  const current = (await c.request('GET', `/api/cases/${id}`)).json();
  const res = await c.request('POST', `/api/cases/${id}/actions`, { version: current.version, action });
  if (res.statusCode === 200) {
    // The page an action answers with (built from what it wrote) is the page read back.
    expect(res.json()).toEqual((await c.request('GET', `/api/cases/${id}`)).json());
  }
  return res;
}

describe.each(DIALECTS)('cases: the four-level escalation of a refusal [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client, keshi: Client, fenguan: Client, juzhang: Client, ducha: Client, outsider: Client;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const signIn = (u: string) => t.signIn(u);
    [shouwen, keshi, fenguan, juzhang, ducha, outsider] = [
      await signIn('shouwen'),
      await signIn('keshi'),
      await signIn('fenguan'),
      await signIn('juzhang'),
      await signIn('ducha'),
      await signIn('jgjc1'),
    ];
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('registers a case with a readable number, the registrar as first responder, and a masked phone', async () => {
    const res = await shouwen.request('POST', '/api/cases', registration());
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.number).toMatch(/^2026-\d{6}$/);
    expect(c.state).toBe('open');
    expect(c.firstResponder.username).toBe('shouwen');
    expect(c.applicantPhone).toBe('139****5678');
    expect(c.abilities.actions).toEqual(['handOver', 'closeDone', 'giveOneTimeNotice', 'proposeRefusal']);
    // Read back, every registered field is stored.
    const stored = (await shouwen.request('GET', `/api/cases/${c.id}`)).json();
    // The page registration answers with (built from what it wrote) is the page read back, with the
    // receipt's tracking code besides (shown this once).
    const { receipt, ...page } = c;
    expect(receipt).toMatchObject({ sms: 'skipped' });
    expect(page).toEqual(stored);
    expect(stored).toMatchObject({
      number: c.number,
      state: 'open',
      applicantKind: 'enterprise',
      applicantName: '示范食品有限公司',
      applicantCreditCode: '91411381MA45ABCD13',
      applicantPhone: '139****5678',
      channel: 'counter',
      matterType: 'licensing',
      matterTitle: '申请在住宅楼内办理食品经营许可',
      description: '企业希望在住宅楼一层开设食品加工作坊',
      firstResponder: { username: 'shouwen' },
    });
    expect(Date.parse(stored.receivedAt)).toBe(Date.parse('2026-11-20T09:30:00+08:00'));
    const second = (await shouwen.request('POST', '/api/cases', registration())).json();
    expect(second.number).not.toBe(c.number);
  });

  it('walks a refusal up every level to a final refusal with a workable suggestion, then reply and feedback', async () => {
    const c = (await shouwen.request('POST', '/api/cases', registration())).json();
    let r = await act(shouwen, c.id, {
      type: 'proposeRefusal',
      reason: 'notPermitted',
      reasonText: '住宅楼内不得从事食品加工',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().state).toBe('atDeptHead');

    // The first responder cannot decide; the head of another department cannot even see it.
    expect(
      (await act(shouwen, c.id, { type: 'decide', decision: 'escalate', opinion: 'x' })).statusCode,
    ).toBe(403);
    expect((await outsider.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(404);

    const atHead = (await keshi.request('GET', `/api/cases/${c.id}`)).json();
    expect(atHead.abilities.decisions).toEqual(['resolvable', 'escalate']);
    r = await act(keshi, c.id, { type: 'decide', decision: 'escalate', opinion: '把握不准，提请分管领导' });
    expect(r.json().state).toBe('atLeaderInCharge');
    // Refusing below level 4 is not possible.
    expect(
      (
        await act(fenguan, c.id, {
          type: 'decide',
          decision: 'refuse',
          opinion: 'x',
          workableSuggestion: 'y',
        })
      ).json().error.code,
    ).toBe('DECISION_NOT_AT_THIS_LEVEL');
    r = await act(fenguan, c.id, {
      type: 'decide',
      decision: 'escalate',
      opinion: '仍不能办，提请主要领导审定',
    });
    expect(r.json().state).toBe('atPrincipalLeader');
    expect(
      (await act(juzhang, c.id, { type: 'decide', decision: 'refuse', opinion: '确实不能办' })).json().error
        .code,
    ).toBe('SUGGESTION_REQUIRED');
    r = await act(juzhang, c.id, {
      type: 'decide',
      decision: 'refuse',
      opinion: '法规明确禁止，确实不能办',
      workableSuggestion: '可在工业园区标准厂房申办，我局提供选址指导',
    });
    const refused = r.json();
    expect(refused.state).toBe('refused');
    expect(refused.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(refused.decisions.map((d: { level: number; decision: string }) => [d.level, d.decision])).toEqual([
      [2, 'escalate'],
      [3, 'escalate'],
      [4, 'refuse'],
    ]);

    r = await act(shouwen, c.id, {
      type: 'recordReply',
      method: 'phone',
      calledAt: '2026-11-28T10:00:00+08:00',
      phoneNumber: '13912345678',
      answeredBy: '王经理',
      content: '告知不能办理的原因及园区申办建议',
    });
    expect(r.json().state).toBe('replied');
    r = await act(shouwen, c.id, { type: 'recordFeedback', accepted: true, text: '表示理解' });
    const closed = r.json();
    expect(closed.state).toBe('closed');
    expect(closed.outcome).toBe('refused');
    expect(closed.timeline.map((e: { type: string }) => e.type)).toEqual([
      'case.registered',
      'case.trackingCodeIssued',
      'case.proposeRefusal',
      'case.decide',
      'case.decide',
      'case.decide',
      'case.recordReply',
      'case.recordFeedback',
    ]);
    // The supervision office reads everything, with the number called masked.
    const read = await ducha.request('GET', `/api/cases/${c.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('13912345678');
    expect(read.body).toContain('139****5678');
  });

  it('returns a refusal the department head resolves to the first responder, who closes it as done', async () => {
    const c = (
      await shouwen.request('POST', '/api/cases', registration({ matterTitle: '变更登记材料不全' }))
    ).json();
    await act(shouwen, c.id, {
      type: 'proposeRefusal',
      reason: 'uncertain',
      reasonText: '材料不全，把握不准',
    });
    const r = await act(keshi, c.id, {
      type: 'decide',
      decision: 'resolvable',
      opinion: '可容缺受理，后补材料',
    });
    expect(r.json().state).toBe('resolving');
    const mine = (await shouwen.request('GET', `/api/cases/${c.id}`)).json();
    expect(mine.abilities.actions).toEqual(['handOver', 'closeDone', 'reopenRound']);
    const done = (await act(shouwen, c.id, { type: 'closeDone', note: '已容缺受理并办结' })).json();
    expect(done.outcome).toBe('done');
    const follow = await act(keshi, c.id, {
      type: 'recordFollowUp',
      outcome: 'implemented',
      note: '回访企业，已领取执照',
    });
    expect(follow.statusCode).toBe(200);
  });

  it('lists the case in each person’s to-do list at their level only', async () => {
    const c = (await shouwen.request('POST', '/api/cases', registration({ matterTitle: '待办测试' }))).json();
    await act(shouwen, c.id, { type: 'proposeRefusal', reason: 'outOfScope', reasonText: '超出本科室职责' });
    const ids = async (client: Client) =>
      (await client.request('GET', '/api/cases?view=todo&pageSize=100'))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await ids(keshi)).toContain(c.id);
    expect(await ids(shouwen)).not.toContain(c.id);
    expect(await ids(fenguan)).not.toContain(c.id);
    const search = (await keshi.request('GET', `/api/cases?view=all&q=${encodeURIComponent('待办')}`)).json();
    expect(search.items.map((i: { id: string }) => i.id)).toContain(c.id);
  });

  it('gives exactly one of two simultaneous decisions, the other a 409', async () => {
    const c = (await shouwen.request('POST', '/api/cases', registration({ matterTitle: '并发测试' }))).json();
    await act(shouwen, c.id, { type: 'proposeRefusal', reason: 'uncertain', reasonText: '并发' });
    const { version } = (await keshi.request('GET', `/api/cases/${c.id}`)).json();
    const [a, b] = await Promise.all([
      keshi.request('POST', `/api/cases/${c.id}/actions`, {
        version,
        action: { type: 'decide', decision: 'escalate', opinion: 'A' },
      }),
      keshi.request('POST', `/api/cases/${c.id}/actions`, {
        version,
        action: { type: 'decide', decision: 'resolvable', opinion: 'B' },
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const decisions = await t.ctx.database.db
      .selectFrom('case_decisions')
      .selectAll()
      .where('case_id', '=', c.id)
      .execute();
    expect(decisions.filter((d) => d.level === 2)).toHaveLength(1);
  });

  it('filters overdue replies and replies due soon', async () => {
    const c = await seedCase(t, { state: 'refused', matterTitle: '期限测试' });
    const ids = async (query: string) =>
      (await shouwen.request('GET', `/api/cases?view=all&pageSize=100&${query}`))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await ids('overdue=true')).not.toContain(c.id);
    expect(await ids('dueSoon=true')).not.toContain(c.id);
    const db = t.ctx.database.db;
    await db.updateTable('cases').set({ reply_deadline: '2026-01-05' }).where('id', '=', c.id).execute();
    expect(await ids('overdue=true')).toContain(c.id);
    expect(await ids('dueSoon=true')).toContain(c.id);
    const listed = (await shouwen.request('GET', `/api/cases?view=all&overdue=true`))
      .json()
      .items.find((i: { id: string }) => i.id === c.id);
    expect(listed.overdue).toBe(true);
  });

  it('audits every reveal of the applicant’s phone', async () => {
    const c = (await shouwen.request('POST', '/api/cases', registration())).json();
    const res = await shouwen.request('POST', `/api/cases/${c.id}/reveal-phone`);
    expect(res.json()).toEqual({ phone: '13912345678' });
    expect((await outsider.request('POST', `/api/cases/${c.id}/reveal-phone`)).statusCode).toBe(404);
    const events = await t.ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'case.phoneRevealed')
      .execute();
    expect(events.some((e) => e.subject_id === c.id && e.actor_id === shouwen.personId)).toBe(true);
  });

  it('refuses a request received in the future', async () => {
    const res = await shouwen.request(
      'POST',
      '/api/cases',
      registration({ receivedAt: '2099-01-01T09:00:00+08:00' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.receivedAt).toBe('不能晚于当前时间');
  });

  it('refuses registration by someone who is not a first responder of the department', async () => {
    const res = await keshi.request('POST', '/api/cases', registration());
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('NOT_A_FIRST_RESPONDER');
  });
});

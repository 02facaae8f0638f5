import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { seedCase } from './factories.ts';

/** People of every role whose chains do not reach 登记注册科 of the bureau. */
const OUTSIDERS = {
  firstResponder: 'jgjc1', // 价格监督检查科
  deptHead: 'jgjckz', // head of 价格监督检查科
  leaderInCharge: 'fenguan2', // in charge of other departments
  principalLeader: 'cqjz', // principal leader of 城区分局
  admin: 'admin', // administrators manage people, not cases
} as const;

describe.each(DIALECTS)('case routes for people outside the case’s reach [%s]', (dialect) => {
  let t: TestApp;
  let caseId = '';
  let version = 0;
  const outsiders: Record<string, Client> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const proposed = await seedCase(t, {
      state: 'atDeptHead',
      applicant: { kind: 'person', name: '外人测试', phone: '13912345678' },
      channel: 'visit',
      matterTitle: '范围测试',
      description: '只有链条上的人能看到',
      proposal: { reason: 'uncertain', reasonText: '测试' },
    });
    caseId = proposed.id;
    version = proposed.version;
    for (const [role, username] of Object.entries(OUTSIDERS)) outsiders[role] = await t.signIn(username);
  });
  afterAll(async () => {
    await t.dispose();
  });

  const snapshot = async () => {
    const db = t.ctx.database.db;
    const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const decisions = await db
      .selectFrom('case_decisions')
      .select('id')
      .where('case_id', '=', caseId)
      .execute();
    const events = await db
      .selectFrom('audit_events')
      .select('id')
      .where('subject_type', '=', 'case')
      .where('subject_id', '=', caseId)
      .execute();
    return { row, decisions: decisions.length, events: events.length };
  };

  const routes = () =>
    [
      ['GET', `/api/cases/${caseId}`, undefined],
      [
        'POST',
        `/api/cases/${caseId}/actions`,
        { version, action: { type: 'decide', decision: 'escalate', opinion: '越权' } },
      ],
      ['POST', `/api/cases/${caseId}/actions`, { version, action: { type: 'handOver', toPersonId: 'x' } }],
      ['POST', `/api/cases/${caseId}/reveal-phone`, undefined],
      ['GET', `/api/cases/${caseId}/form.docx`, undefined],
      ['GET', `/api/cases/${caseId}/reply-letter.docx`, undefined],
    ] as const;

  for (const role of Object.keys(OUTSIDERS)) {
    it(`${role}: 404 on every case route, and nothing changes`, async () => {
      const before = await snapshot();
      const client = outsiders[role];
      if (!client) throw new Error('not signed in');
      for (const [method, url, body] of routes()) {
        const res = await client.request(method, url, body);
        expect(res.statusCode, `${role} ${method} ${url}`).toBe(404);
        expect(res.body).not.toContain('外人测试');
      }
      const list = (await client.request('GET', '/api/cases?view=all&pageSize=100')).json();
      expect(list.items.map((i: { id: string }) => i.id)).not.toContain(caseId);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('without a session: 401 on every case route, and nothing changes', async () => {
    const before = await snapshot();
    for (const [method, url, body] of routes()) {
      const res = await t.inject({ method, url, ...(body && { payload: body }) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('the supervision office can read the case but not act on it', async () => {
    const ducha = await t.signIn('ducha');
    expect((await ducha.request('GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
    const before = await snapshot();
    const res = await ducha.request('POST', `/api/cases/${caseId}/actions`, {
      version,
      action: { type: 'decide', decision: 'escalate', opinion: '越权' },
    });
    expect(res.statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

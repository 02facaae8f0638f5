import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';

describe.each(DIALECTS)('co-department contributions [%s]', (dialect) => {
  let t: TestApp;
  let caseId = '';
  let coDepartmentId = '';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const dept = await t.ctx.database.db
      .selectFrom('departments')
      .select('id')
      .where('name', '=', '消费者权益保护科')
      .executeTakeFirstOrThrow();
    coDepartmentId = dept.id;
    const shouwen = await t.signIn('shouwen');
    const res = await shouwen.request('POST', '/api/cases', {
      applicant: { kind: 'person', name: '协作测试', phone: '13912345678' },
      channel: 'visit',
      receivedAt: '2026-11-20T09:00:00+08:00',
      matterType: 'service',
      matterTitle: '跨科室协作',
      description: '需要消保科配合',
      coDepartmentIds: [coDepartmentId],
    });
    caseId = res.json().id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('lets a co-department’s first responder and head record what they did', async () => {
    const xbk1 = await t.signIn('xbk1');
    const list = (await xbk1.request('GET', `/api/cases/${caseId}/contributions`)).json();
    expect(list).toEqual({ items: [], canRecordFor: [coDepartmentId] });
    const res = await xbk1.request('POST', `/api/cases/${caseId}/contributions`, {
      departmentId: coDepartmentId,
      text: '已联系企业核实投诉情况',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        departmentName: '消费者权益保护科',
        text: '已联系企业核实投诉情况',
        person: expect.objectContaining({ username: 'xbk1' }),
      }),
    ]);
    const head = await t.signIn('xbkkz');
    expect(
      (
        await head.request('POST', `/api/cases/${caseId}/contributions`, {
          departmentId: coDepartmentId,
          text: '同意配合',
        })
      ).statusCode,
    ).toBe(200);
    // Both are stored: read back, the co-department sees them in the order they were made.
    const stored = (await xbk1.request('GET', `/api/cases/${caseId}/contributions`)).json();
    expect(
      stored.items.map((i: { text: string; person: { username: string } }) => [i.person.username, i.text]),
    ).toEqual([
      ['xbk1', '已联系企业核实投诉情况'],
      ['xbkkz', '同意配合'],
    ]);
    const lead = await t.signIn('shouwen');
    const detail = (await lead.request('GET', `/api/cases/${caseId}`)).json();
    expect(
      detail.timeline.filter((e: { type: string }) => e.type === 'case.contributionRecorded'),
    ).toHaveLength(2);
    // A contribution does not move the case: the lead's version is unchanged.
    expect(detail.version).toBe(0);
  });

  it('refuses people who are not in the co-department, and outsiders see nothing', async () => {
    const recorded = () =>
      t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('type', '=', 'case.contributionRecorded')
        .where('subject_id', '=', caseId)
        .execute();
    const before = (await recorded()).length;
    const keshi = await t.signIn('keshi'); // the lead department's head: sees the case, but is no co-department
    const refused = await keshi.request('POST', `/api/cases/${caseId}/contributions`, {
      departmentId: coDepartmentId,
      text: 'x',
    });
    expect(refused.statusCode).toBe(403);
    const outsider = await t.signIn('jgjc1');
    expect((await outsider.request('GET', `/api/cases/${caseId}/contributions`)).statusCode).toBe(404);
    expect(
      (
        await outsider.request('POST', `/api/cases/${caseId}/contributions`, {
          departmentId: coDepartmentId,
          text: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const xbk1 = await t.signIn('xbk1');
    const wrong = await xbk1.request('POST', `/api/cases/${caseId}/contributions`, {
      departmentId: 'not-a-co-department',
      text: 'x',
    });
    expect(wrong.statusCode).toBe(400);
    // Nothing refused was recorded (the other test's two contributions may or may not be there yet).
    expect(await recorded()).toHaveLength(before);
  });
});

// Case facts in their own tables (migration 0007), audit payloads as masked, scoped history, and the rule
// that whoever originated or handed over a case cannot confirm its refusal (issue 6, defects 2 and 6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { newId } from '../src/platform/ids.ts';
import { APPLICANT_PHONE, registration } from './case-facts-fixtures.ts';

const CALLED = '13700001111';
const IN_NOTE = '13512345678';
const IN_CONTENT = '13600002222';

async function act(c: Client, id: string, action: Record<string, unknown>) {
  const current = (await c.request('GET', `/api/cases/${id}`)).json();
  return c.request('POST', `/api/cases/${id}/actions`, { version: current.version, action });
}

async function expectOk(res: Promise<{ statusCode: number; body: string }>) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
}

describe.each(DIALECTS)('case facts, audit history and the hand-over loophole [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client, djzc2: Client, keshi: Client, fenguan: Client, juzhang: Client;
  let admin: Client, ducha: Client;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const signIn = (u: string) => t.signIn(u);
    [shouwen, djzc2, keshi, fenguan, juzhang, admin, ducha] = [
      await signIn('shouwen'),
      await signIn('djzc2'),
      await signIn('keshi'),
      await signIn('fenguan'),
      await signIn('juzhang'),
      await signIn('admin'),
      await signIn('ducha'),
    ];
    // One case walked to the end: handed over with a number typed into the note, refused, answered by
    // phone, feedback recorded.
    const c = (await shouwen.request('POST', '/api/cases', registration())).json();
    caseId = c.id;
    await expectOk(
      act(shouwen, caseId, {
        type: 'handOver',
        toPersonId: djzc2.personId,
        note: `申请人手机${IN_NOTE}，下午联系`,
      }),
    );
    await expectOk(
      act(djzc2, caseId, {
        type: 'proposeRefusal',
        reason: 'notPermitted',
        reasonText: '住宅楼内不得从事食品加工',
      }),
    );
    await expectOk(act(keshi, caseId, { type: 'decide', decision: 'escalate', opinion: '提请分管领导' }));
    await expectOk(act(fenguan, caseId, { type: 'decide', decision: 'escalate', opinion: '提请主要领导' }));
    await expectOk(
      act(juzhang, caseId, {
        type: 'decide',
        decision: 'refuse',
        opinion: '确实不能办',
        workableSuggestion: '可在商业用房办理',
      }),
    );
    await expectOk(
      act(djzc2, caseId, {
        type: 'recordReply',
        method: 'phone',
        calledAt: '2026-11-24T10:00:00+08:00',
        phoneNumber: CALLED,
        answeredBy: '李四',
        content: `已告知原因和说“行”建议，如有疑问可拨打${IN_CONTENT}`,
      }),
    );
    await expectOk(act(djzc2, caseId, { type: 'recordFeedback', accepted: false, text: '不认可' }));
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('keeps each fact in its own table, the number called in full only in case_replies', async () => {
    const db = t.ctx.database.db;
    const replies = await db.selectFrom('case_replies').selectAll().where('case_id', '=', caseId).execute();
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      channel: 'phone',
      phone_called: CALLED,
      answered_by: '李四',
      replied_by: djzc2.personId,
      replied_at: '2026-11-24T02:00:00.000Z',
      replied_on: '2026-11-24',
    });
    const handovers = await db
      .selectFrom('case_handovers')
      .selectAll()
      .where('case_id', '=', caseId)
      .execute();
    expect(handovers).toMatchObject([
      { from_person_id: shouwen.personId, to_person_id: djzc2.personId, handed_by: shouwen.personId },
    ]);
    const feedback = await db.selectFrom('case_feedback').selectAll().where('case_id', '=', caseId).execute();
    expect(feedback).toMatchObject([{ accepted: 0, text: '不认可', recorded_by: djzc2.personId }]);
    // The audit log never holds the full number called.
    const events = await db
      .selectFrom('audit_events')
      .select('payload')
      .where('subject_id', '=', caseId)
      .execute();
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) expect(e.payload).not.toContain(CALLED);
  });

  it('shows the facts on the case page, masked, and the timeline masks a number typed into a note', async () => {
    const res = await djzc2.request('GET', `/api/cases/${caseId}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.facts.replies).toMatchObject([
      {
        channel: 'phone',
        phoneCalled: '137****1111',
        answeredBy: '李四',
        repliedAt: '2026-11-24T02:00:00.000Z',
      },
    ]);
    expect(detail.facts.feedback).toMatchObject([{ accepted: false, text: '不认可' }]);
    expect(detail.facts.handOvers).toMatchObject([
      { from: { username: 'shouwen' }, to: { username: 'djzc2' } },
    ]);
    const handOver = detail.timeline.find((e: { type: string }) => e.type === 'case.handOver');
    expect(handOver.payload.action.note).toBe('申请人手机135****5678，下午联系');
    for (const number of [APPLICANT_PHONE, CALLED, IN_NOTE, IN_CONTENT])
      expect(res.body).not.toContain(number);
  });

  it('lists no event of a case to an administrator who cannot see it, and no full number anywhere', async () => {
    expect((await admin.request('GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
    const res = await admin.request('GET', '/api/audit?pageSize=100');
    expect(res.statusCode).toBe(200);
    const items: { subjectType: string; subjectId: string; type: string }[] = res.json().items;
    expect(items.filter((e) => e.subjectId === caseId)).toEqual([]);
    expect(res.body).not.toContain(caseId);
    for (const number of [APPLICANT_PHONE, CALLED, IN_NOTE, IN_CONTENT])
      expect(res.body).not.toContain(number);
    // Events that are not about cases are listed, with their payloads.
    expect(items.some((e) => e.subjectType !== 'case')).toBe(true);
    const filtered = await admin.request('GET', '/api/audit?type=case.recordReply&pageSize=100');
    expect(filtered.json().items.filter((e: { subjectId: string }) => e.subjectId === caseId)).toEqual([]);
  });

  it('shows the supervision office (who sees every case) the payloads, with every number masked', async () => {
    const res = await ducha.request('GET', '/api/audit?pageSize=100');
    expect(res.statusCode).toBe(200);
    const items: { subjectId: string; type: string; payload: { action?: Record<string, string> } }[] =
      res.json().items;
    const reply = items.find((e) => e.subjectId === caseId && e.type === 'case.recordReply');
    expect(reply?.payload.action).toMatchObject({ phoneNumber: '137****1111' });
    expect(reply?.payload.action?.['content']).toContain('136****2222');
    for (const number of [APPLICANT_PHONE, CALLED, IN_NOTE, IN_CONTENT])
      expect(res.body).not.toContain(number);
  });

  it('refuses a principal leader the refusal of a case they registered and handed to a first responder', async () => {
    const db = t.ctx.database.db;
    const dept = await db
      .selectFrom('cases')
      .select('department_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    // The principal leader also answers the public at the registration department.
    await db
      .insertInto('chain_assignments')
      .values({
        id: newId(),
        department_id: dept.department_id,
        position: 'firstResponder',
        person_id: juzhang.personId,
        effective_from: '2000-01-01',
        effective_to: null,
        created_at: new Date().toISOString(),
        created_by: null,
      })
      .execute();
    const reg = await juzhang.request(
      'POST',
      '/api/cases',
      registration({ departmentId: dept.department_id }),
    );
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().id;
    // Proposing themselves is refused already; the hand-over was the way round it.
    const own = await act(juzhang, id, { type: 'proposeRefusal', reason: 'other', reasonText: '不办' });
    expect(own.json().error.code).toBe('PROPOSER_IS_PRINCIPAL');
    await expectOk(act(juzhang, id, { type: 'handOver', toPersonId: shouwen.personId }));
    await expectOk(act(shouwen, id, { type: 'proposeRefusal', reason: 'other', reasonText: '不办' }));
    await expectOk(act(keshi, id, { type: 'decide', decision: 'escalate', opinion: '提请' }));
    await expectOk(act(fenguan, id, { type: 'decide', decision: 'escalate', opinion: '提请' }));
    const atTop = (await juzhang.request('GET', `/api/cases/${id}`)).json();
    expect(atTop.state).toBe('atPrincipalLeader');
    expect(atTop.abilities.decisions).toEqual(['resolvable']);
    const refused = await act(juzhang, id, {
      type: 'decide',
      decision: 'refuse',
      opinion: '确实不能办',
      workableSuggestion: '建议',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('OWN_CASE_REFUSAL');
    expect((await juzhang.request('GET', `/api/cases/${id}`)).json().state).toBe('atPrincipalLeader');
    // They may still find a way.
    await expectOk(act(juzhang, id, { type: 'decide', decision: 'resolvable', opinion: '统筹资源办理' }));
  });
});

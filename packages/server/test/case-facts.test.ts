// Case facts in their own tables (migration 0007), audit payloads as masked, scoped history, and the rule
// that whoever originated or handed over a case cannot confirm its refusal (issue 6, defects 2 and 6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import * as m0007 from '../src/platform/db/migrations/0007-case-facts.ts';
import { newId } from '../src/platform/ids.ts';

const APPLICANT_PHONE = '13912345678';
const CALLED = '13700001111';
const IN_NOTE = '13512345678';
const IN_CONTENT = '13600002222';

const registration = (overrides: Record<string, unknown> = {}) => ({
  applicant: { kind: 'person', name: '李四', phone: APPLICANT_PHONE },
  channel: 'counter',
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'licensing',
  matterTitle: '申请在住宅楼内办理食品经营许可',
  description: '希望在住宅楼一层开设食品加工作坊',
  ...overrides,
});

async function act(c: Client, id: string, action: Record<string, unknown>) {
  const current = (await c.request('GET', `/api/cases/${id}`)).json();
  return c.request('POST', `/api/cases/${id}/actions`, { version: current.version, action });
}

async function expectOk(res: Promise<{ statusCode: number; body: string }>) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
}

const FACT_TABLES = [
  'case_handovers',
  'case_replies',
  'case_feedback',
  'case_consultations',
  'case_follow_ups',
  'case_contributions',
  'case_notices',
] as const;

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
    const res = await admin.request('GET', '/api/audit?pageSize=200');
    expect(res.statusCode).toBe(200);
    const items: { subjectType: string; subjectId: string; type: string }[] = res.json().items;
    expect(items.filter((e) => e.subjectId === caseId)).toEqual([]);
    expect(res.body).not.toContain(caseId);
    for (const number of [APPLICANT_PHONE, CALLED, IN_NOTE, IN_CONTENT])
      expect(res.body).not.toContain(number);
    // Events that are not about cases are listed, with their payloads.
    expect(items.some((e) => e.subjectType !== 'case')).toBe(true);
    const filtered = await admin.request('GET', '/api/audit?type=case.recordReply&pageSize=200');
    expect(filtered.json().items.filter((e: { subjectId: string }) => e.subjectId === caseId)).toEqual([]);
  });

  it('shows the supervision office (who sees every case) the payloads, with every number masked', async () => {
    const res = await ducha.request('GET', '/api/audit?pageSize=200');
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

// These two write old-format audit events and rebuild the fact tables: they get an app of their own, so the
// tests above see only what the services wrote, in whatever order they run.
describe.each(DIALECTS)('case history written before 0007 [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client, djzc2: Client, ducha: Client;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    [shouwen, djzc2, ducha] = [await t.signIn('shouwen'), await t.signIn('djzc2'), await t.signIn('ducha')];
    caseId = (await shouwen.request('POST', '/api/cases', registration())).json().id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('masks numbers in events written before 0007, which kept the full number called', async () => {
    await t.ctx.database.db
      .insertInto('audit_events')
      .values({
        occurred_at: new Date().toISOString(),
        type: 'case.recordReply',
        actor_id: djzc2.personId,
        actor_address: null,
        subject_type: 'case',
        subject_id: caseId,
        payload: JSON.stringify({
          before: { state: 'refused', firstResponderId: djzc2.personId },
          after: { state: 'replied', firstResponderId: djzc2.personId },
          action: {
            method: 'phone',
            calledAt: '2026-11-24T10:00:00+08:00',
            phoneNumber: '13811112222',
            answeredBy: '李四',
            content: '旧记录',
          },
        }),
      })
      .execute();
    for (const client of [ducha, djzc2]) {
      const body = [
        (await client.request('GET', '/api/audit?pageSize=200')).body,
        (await client.request('GET', `/api/cases/${caseId}`)).body,
      ].join('');
      expect(body).toContain('138****2222');
      expect(body).not.toContain('13811112222');
    }
  });

  it('moves facts that earlier versions kept only in audit payloads into the tables (migration 0007)', async () => {
    const db = t.ctx.database.db;
    // An event as the code before 0007 wrote it: the full number in the payload, nothing in the tables.
    const legacyCase = (await shouwen.request('POST', '/api/cases', registration())).json().id;
    const department = (
      await db
        .selectFrom('departments')
        .select('id')
        .where('name', '=', '登记注册科')
        .executeTakeFirstOrThrow()
    ).id;
    const legacy = [
      {
        type: 'case.recordReply',
        action: {
          method: 'phone',
          calledAt: '2026-10-09T09:00:00+08:00',
          phoneNumber: '13822223333',
          answeredBy: '王五',
          content: '电话答复',
        },
      },
      { type: 'case.proposeRefusal', action: { reason: 'other', reasonText: '旧申请' } },
      { type: 'case.recordFeedback', action: { accepted: true, text: '认可' } },
      { type: 'case.requestConsultation', action: { proposal: '请会商' } },
      {
        type: 'case.recordConsultation',
        action: {
          heldAt: '2026-10-10T09:00:00+08:00',
          participants: '甲、乙',
          conclusion: 'resolvable',
          record: '纪要',
        },
      },
      { type: 'case.recordFollowUp', action: { note: '已落实' } },
      { type: 'case.giveOneTimeNotice', action: { notice: '所需材料：……' } },
    ];
    for (const [i, e] of legacy.entries()) {
      await db
        .insertInto('audit_events')
        .values({
          occurred_at: `2026-10-1${i}T00:00:00.000Z`,
          type: e.type,
          actor_id: shouwen.personId,
          actor_address: null,
          subject_type: 'case',
          subject_id: legacyCase,
          payload: JSON.stringify({
            before: { state: 'open', firstResponderId: shouwen.personId },
            after: { state: 'open', firstResponderId: shouwen.personId },
            action: e.action,
          }),
        })
        .execute();
    }
    await db
      .insertInto('audit_events')
      .values({
        occurred_at: '2026-10-19T00:00:00.000Z',
        type: 'case.contributionRecorded',
        actor_id: shouwen.personId,
        actor_address: null,
        subject_type: 'case',
        subject_id: legacyCase,
        payload: JSON.stringify({ departmentId: department, text: '协助核查' }),
      })
      .execute();

    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of FACT_TABLES) {
        const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
        out[table] = rows
          .map(({ id: _id, ...rest }) => ({ ...rest, ...('phone_called' in rest && { phone_called: null }) }))
          .map((r) => JSON.stringify(r))
          .sort();
      }
      return out;
    };
    const proposedAt = () => db.selectFrom('cases').select(['id', 'proposed_at']).orderBy('id').execute();
    const proposedBefore = await proposedAt();
    expect(proposedBefore.some((c) => c.proposed_at !== null)).toBe(true);
    const before = await snapshot();
    for (const table of FACT_TABLES) await db.schema.dropTable(table).execute();
    await db.schema.alterTable('cases').dropColumn('proposed_at').execute();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migration works on any schema
    await m0007.up(db as unknown as Kysely<any>);
    const after = await snapshot();

    // The facts written by the services since come back the same from their events…
    for (const table of FACT_TABLES) {
      for (const row of before[table] ?? []) expect(after[table], table).toContain(row);
    }
    // (the proposal times too: the legacy case's from its event, the others as the service wrote them)…
    expect(await proposedAt()).toEqual(
      proposedBefore.map((c) =>
        c.id === legacyCase ? { ...c, proposed_at: '2026-10-11T00:00:00.000Z' } : c,
      ),
    );
    // …and the legacy events' facts are there too, the number called in full.
    const of = (table: (typeof FACT_TABLES)[number]) =>
      db.selectFrom(table).selectAll().where('case_id', '=', legacyCase).execute();
    expect(await of('case_replies')).toMatchObject([
      {
        channel: 'phone',
        phone_called: '13822223333',
        answered_by: '王五',
        replied_at: '2026-10-09T01:00:00.000Z',
      },
    ]);
    expect(await of('case_feedback')).toMatchObject([{ accepted: 1, text: '认可' }]);
    expect(await of('case_consultations')).toMatchObject([
      {
        proposal: '请会商',
        participants: '甲、乙',
        conclusion: 'resolvable',
        record: '纪要',
        recorded_by: shouwen.personId,
      },
    ]);
    expect(await of('case_follow_ups')).toMatchObject([{ note: '已落实' }]);
    expect(await of('case_notices')).toMatchObject([{ notice: '所需材料：……' }]);
    expect(await of('case_contributions')).toMatchObject([{ department_id: department, text: '协助核查' }]);
    // The case page reads them.
    const detail = (await shouwen.request('GET', `/api/cases/${legacyCase}`)).json();
    expect(detail.facts.notices).toMatchObject([{ notice: '所需材料：……' }]);
    expect(detail.facts.replies).toMatchObject([{ phoneCalled: '138****3333' }]);
  });
});

// Case history as versions before migration 0007 wrote it: full numbers in audit payloads, masked when read,
// and the facts moved into their tables by 0007 (issue 6, defect 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import * as m0007 from '../src/platform/db/migrations/0007-case-facts.ts';
import * as m0013 from '../src/platform/db/migrations/0013-case-rounds.ts';
import { FACT_TABLES, registration } from './case-facts-fixtures.ts';

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
        (await client.request('GET', '/api/audit?pageSize=100')).body,
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
        let rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
        // Follow-ups as 0007 knows them: the checks recorded with a note (0013 added duties, their rounds,
        // levels, due dates and outcomes, which no event before it carried).
        if (table === 'case_follow_ups') {
          rows = rows
            .filter((r) => r.note !== null)
            .map((r) => ({
              id: r.id,
              case_id: r.case_id,
              person_id: r.person_id,
              note: r.note,
              recorded_at: r.recorded_at,
            }));
        }
        // Replies as 0007 knows them: 0019 added a letter's day sent, way and address, and dates a written
        // reply by the day sent, which no event before 0007 carried.
        // Consultations as 0007 knows them: 0018 added the convener and the place, which no event before
        // 0007 carried.
        if (table === 'case_consultations') {
          rows = rows.map(({ convener_id: _c, place: _p, ...r }) => r);
        }
        if (table === 'case_replies') {
          rows = rows.map(({ sent_on: _s, delivery: _d, address: _a, ...r }) =>
            r.channel === 'written' ? { ...r, replied_at: null, replied_on: null } : r,
          );
        }
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
    // The supervision office's flags (0017) point at feedback rows: they are not facts of 0007, so they go
    // and a consultation's invitees (0018) point at consultations: they go (and on PostgreSQL the foreign keys
    // with the tables they point at) before the facts are rebuilt.
    // The ledger's reports raised from flags (0022) keep their report and lose the flag they came from.
    await db.updateTable('reports').set({ flag_id: null }).execute();
    await db.deleteFrom('supervision_flags').execute();
    await db.deleteFrom('case_consultation_people').execute();
    for (const table of FACT_TABLES) {
      const drop = db.schema.dropTable(table);
      await (dialect === 'postgres' ? drop.cascade() : drop).execute();
    }
    await db.schema.alterTable('cases').dropColumn('proposed_at').execute();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migration works on any schema
    await m0007.up(db as unknown as Kysely<any>);
    // …and on to today's shape of the follow-ups (0013), so the app reads them as it does after an upgrade.
    await db.schema.dropTable('case_rounds').execute();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migration works on any schema
    await m0013.up(db as unknown as Kysely<any>);
    // …and the written replies' columns of 0019 (its other changes are to tables this test kept).
    for (const column of ['sent_on', 'delivery', 'address']) {
      await db.schema.alterTable('case_replies').addColumn(column, 'text').execute();
    }
    // …and the consultations' convener and place of 0018.
    for (const column of ['convener_id', 'place']) {
      await db.schema.alterTable('case_consultations').addColumn(column, 'text').execute();
    }
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

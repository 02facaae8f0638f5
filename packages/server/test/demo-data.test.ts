import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_STATES,
  OVERDUE_STAGES,
  type CaseOverview,
  type ReportDetail,
  type ReportList,
} from '@bancheng/core';
import { fixedClock } from '../src/platform/clock.ts';
import { createTestApp, type TestApp } from './harness.ts';

describe('the demo bureau’s cases', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('hold every state but the transient ones, across the four quarters of 2026', async () => {
    const rows = await t.ctx.database.db
      .selectFrom('cases')
      .select(['state', 'outcome', 'received_at', 'reply_deadline'])
      .execute();
    const states = new Set(rows.map((r) => r.state));
    for (const state of CASE_STATES.filter(
      (s) => s !== 'inConsultation' && s !== 'replied' && s !== 'atDeptHead',
    )) {
      expect(states, state).toContain(state);
    }
    const quarters = new Set(rows.map((r) => Math.floor(Number(r.received_at.slice(5, 7)) / 3.01) + 1));
    expect([...quarters].sort()).toEqual([1, 2, 3, 4]);
    const outcomes = new Set(rows.map((r) => r.outcome));
    expect(outcomes).toEqual(new Set([null, 'done', 'oneTimeNotice', 'refused']));
  });

  it('include an overdue reply, a consultation, and refusals answered by phone and in writing', async () => {
    const sup = await t.signIn('ducha');
    const overdue = (await sup.request('GET', '/api/cases?view=all&overdue=true')).json();
    expect(overdue.total).toBeGreaterThanOrEqual(1);
    const events = await t.ctx.database.db
      .selectFrom('audit_events')
      .select(['type', 'payload', 'occurred_at'])
      .where('type', 'like', 'case.%')
      .execute();
    const replies = events
      .filter((e) => e.type === 'case.recordReply')
      .map((e) => JSON.parse(e.payload).action.method);
    expect(new Set(replies)).toEqual(new Set(['phone', 'written']));
    expect(events.some((e) => e.type === 'case.recordConsultation')).toBe(true);
    // Decisions are dated in their quarter, not on the day the demo was loaded.
    expect(events.filter((e) => e.type === 'case.decide').some((e) => e.occurred_at < '2026-07-01')).toBe(
      true,
    );
  });

  it('keep their facts in the fact tables: replies by phone (number in full) and in writing, a consultation', async () => {
    const db = t.ctx.database.db;
    const replies = await db.selectFrom('case_replies').select(['channel', 'phone_called']).execute();
    expect(new Set(replies.map((r) => r.channel))).toEqual(new Set(['phone', 'written']));
    for (const r of replies) {
      if (r.channel === 'phone') expect(r.phone_called).toMatch(/^[0-9+\- ]{5,20}$/);
      else expect(r.phone_called).toBeNull();
    }
    const consultations = await db.selectFrom('case_consultations').select('conclusion').execute();
    expect(consultations.some((c) => c.conclusion !== null)).toBe(true);
    const notices = await db.selectFrom('case_notices').select('notice').execute();
    expect(notices.length).toBeGreaterThan(0);
  });

  it('date each phone call after the refusal it answers and no later than it was recorded', async () => {
    const db = t.ctx.database.db;
    const replies = await db
      .selectFrom('case_replies')
      .select(['case_id', 'replied_at', 'recorded_at'])
      .where('channel', '=', 'phone')
      .execute();
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) {
      const decided = await db
        .selectFrom('case_decisions')
        .select(db.fn.max('decided_at').as('last'))
        .where('case_id', '=', r.case_id)
        .executeTakeFirstOrThrow();
      expect(Date.parse(r.replied_at), r.case_id).toBeGreaterThan(Date.parse(String(decided.last)));
      expect(Date.parse(r.replied_at), r.case_id).toBeLessThanOrEqual(Date.parse(r.recorded_at));
    }
  });

  it('show every event of every case on its timeline, each fitting its typed schema', async () => {
    const sup = await t.signIn('ducha');
    const db = t.ctx.database.db;
    const cases = await db.selectFrom('cases').select('id').execute();
    expect(cases.length).toBeGreaterThan(5);
    for (const c of cases) {
      const events = await db
        .selectFrom('audit_events')
        .select('type')
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', c.id)
        .orderBy('id')
        .execute();
      const detail = (await sup.request('GET', `/api/cases/${c.id}`)).json();
      expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(events.map((e) => e.type));
    }
  });
});

// The demo county as `npm start` loads it: the core demo, the rest of the county and a year of cases,
// on a clock set to the day the demo was written so every quarter of 2026 is there.
describe('the demo county’s year of cases', () => {
  const NOW = '2026-12-01T02:00:00Z';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', {}, { clock: fixedClock(NOW), demoCounty: true });
  }, 60_000);
  afterAll(async () => {
    await t.dispose();
  });

  it('has some 300 cases in every department and unit, from many first responders, over four quarters', async () => {
    const db = t.ctx.database.db;
    const cases = await db
      .selectFrom('cases')
      .innerJoin('departments', 'departments.id', 'cases.department_id')
      .select(['cases.department_id', 'departments.unit_id', 'cases.first_responder_id', 'cases.received_at'])
      .execute();
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const departments = await db.selectFrom('departments').select(['id', 'unit_id']).execute();
    const units = new Set(departments.map((d) => d.unit_id));
    // As the README says: five units, 22 departments, 77 people.
    expect(units.size).toBe(5);
    expect(departments).toHaveLength(22);
    expect((await db.selectFrom('people').select('id').execute()).length).toBe(77);
    for (const d of departments)
      expect(
        cases.some((c) => c.department_id === d.id),
        d.id,
      ).toBe(true);
    for (const u of units) expect(cases.some((c) => c.unit_id === u)).toBe(true);
    expect(new Set(cases.map((c) => c.first_responder_id)).size).toBeGreaterThanOrEqual(30);
    const byQuarter = [1, 2, 3, 4].map(
      (q) =>
        cases.filter(
          (c) => c.received_at.startsWith('2026') && Math.ceil(Number(c.received_at.slice(5, 7)) / 3) === q,
        ).length,
    );
    for (const n of byQuarter) expect(n).toBeGreaterThan(cases.length * 0.12);
  });

  it('is mostly handled by the first responder, with refusals thinning out up the chain', async () => {
    const db = t.ctx.database.db;
    const closed = await db
      .selectFrom('cases')
      .select(['id', 'outcome'])
      .where('state', '=', 'closed')
      .execute();
    const decided = new Set(
      (await db.selectFrom('case_decisions').select('case_id').distinct().execute()).map((d) => d.case_id),
    );
    const byFirstResponder = closed.filter((c) => c.outcome !== 'refused' && !decided.has(c.id));
    expect(byFirstResponder.length).toBeGreaterThan(closed.length * 0.6);
    // Cases whose form reached each level: fewer at every step up.
    const reached = async (level: 2 | 3 | 4) =>
      (
        await db
          .selectFrom('case_decisions')
          .select('case_id')
          .distinct()
          .where('level', '=', level)
          .where('by_proposer', '=', 0)
          .execute()
      ).length;
    const [two, three, four] = [await reached(2), await reached(3), await reached(4)];
    expect(two).toBeGreaterThan(three);
    expect(three).toBeGreaterThan(four);
    expect(four).toBeGreaterThan(0);
    const refused = closed.filter((c) => c.outcome === 'refused').length;
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(closed.length * 0.15);
    // Follow-ups (跟踪问效) checked and still due; every approval form kept as its round.
    const followUps = await db.selectFrom('case_follow_ups').select('recorded_at').execute();
    expect(followUps.some((f) => f.recorded_at !== null)).toBe(true);
    const rounds = await db.selectFrom('case_rounds').select('case_id').execute();
    expect(rounds.length).toBeGreaterThan(20);
  });

  it('has a ledger with reports in every state, from the site and registered, one order overdue', async () => {
    const ducha = await t.signIn('ducha');
    const list = (await ducha.request('GET', '/api/ledger/reports?pageSize=100')).json<ReportList>();
    // Besides those the demo cases' flags raised (不满意, a disagreeing answer).
    const states = new Set(list.items.map((r) => r.state));
    for (const state of ['received', 'supervising', 'closed']) expect(states).toContain(state);
    const sources = new Set(list.items.map((r) => r.source));
    for (const source of ['site', 'phone', 'letter', 'visit']) expect(sources).toContain(source);
    const outcomes = new Set(list.items.map((r) => r.outcome));
    for (const outcome of ['explained', 'replied']) expect(outcomes).toContain(outcome);
    expect(list.items.some((r) => r.light === 'red' && r.overdue)).toBe(true);
    // The unit's report is the unit's discipline inspection's to assess; the city office oversees it.
    const cqjj = await t.signIn('cqjj');
    const unit = (await cqjj.request('GET', '/api/ledger/reports')).json<ReportList>();
    expect(unit.items.map((r) => r.unitName)).toEqual(['城区分局']);
    const page = (await cqjj.request('GET', `/api/ledger/reports/${unit.items[0]!.id}`)).json<ReportDetail>();
    expect(page.actions).toContain('triage');
    // Discipline inspection found on its referral; the report was answered after.
    const jijian = await t.signIn('jijian');
    const referrals = (await jijian.request('GET', '/api/ledger/referrals')).json<{
      items: { state: string }[];
    }>();
    expect(referrals.items.map((r) => r.state)).toEqual(['found']);
  });

  it('has cases waiting past their limit at every level and past their reply, on the oversight page', async () => {
    const ducha = await t.signIn('ducha');
    const overview = (await ducha.request('GET', '/api/overview')).json<CaseOverview>();
    expect(overview.asOf).toBe('2026-12-01');
    for (const stage of OVERDUE_STAGES) expect(overview.overdueAt[stage], stage).toBeGreaterThan(0);
    expect(overview.open).toBeGreaterThan(10);
    expect(overview.departments.length).toBeGreaterThan(10);
  });

  it('dates every notification and event between its case’s registration and now', async () => {
    const db = t.ctx.database.db;
    const notes = await db
      .selectFrom('notifications')
      .innerJoin('cases', 'cases.id', 'notifications.case_id')
      .select(['notifications.created_at', 'cases.created_at as case_created', 'cases.number'])
      .execute();
    expect(notes.length).toBeGreaterThan(10);
    for (const n of notes) {
      expect(Date.parse(n.created_at), n.number).toBeLessThanOrEqual(Date.parse(NOW));
      expect(Date.parse(n.created_at), n.number).toBeGreaterThanOrEqual(Date.parse(n.case_created));
    }
    const events = await db
      .selectFrom('audit_events')
      .innerJoin('cases', 'cases.id', 'audit_events.subject_id')
      .select(['audit_events.occurred_at', 'cases.received_at', 'cases.number'])
      .where('audit_events.subject_type', '=', 'case')
      .execute();
    for (const e of events) {
      expect(Date.parse(e.occurred_at), e.number).toBeLessThanOrEqual(Date.parse(NOW));
      expect(Date.parse(e.occurred_at), e.number).toBeGreaterThanOrEqual(Date.parse(e.received_at));
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATES } from '@bancheng/core';
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATES } from '@bancheng/core';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';
import { seedCase } from './factories.ts';

describe.each(DIALECTS)('seedCase: a case in any state through the case service [%s]', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.dispose();
  });

  for (const state of CASE_STATES) {
    it(`makes a case ${state}, stored with its decisions and events`, async () => {
      const made = await seedCase(t, { state, matterTitle: `工厂 ${state}` });
      expect(made.state).toBe(state);
      const db = t.ctx.database.db;
      const row = await db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', made.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ state, matter_title: `工厂 ${state}`, version: made.version });
      const events = await db
        .selectFrom('audit_events')
        .select('type')
        .where('subject_id', '=', made.id)
        .orderBy('id')
        .execute();
      expect(events[0]?.type).toBe('case.registered');
      // One event per version, and the tracking code issued with the registration (no version of its own).
      expect(events.filter((e) => e.type !== 'case.trackingCodeIssued')).toHaveLength(made.version + 1);
      expect(events.filter((e) => e.type === 'case.trackingCodeIssued')).toHaveLength(1);
    });
  }

  it('walks a refusal through every level, with the opinions and reply given', async () => {
    const made = await seedCase(t, {
      state: 'closed',
      outcome: 'refused',
      channel: 'visit',
      applicant: { name: '示范食品有限公司' },
      opinions: { 2: '科室意见', 3: '分管意见', 4: '主要领导意见' },
      workableSuggestion: '园区申办',
    });
    expect(made).toMatchObject({
      outcome: 'refused',
      channel: 'visit',
      applicantName: '示范食品有限公司',
      workableSuggestion: '园区申办',
    });
    expect(made.decisions.map((d) => [d.level, d.decision, d.opinion])).toEqual([
      [2, 'escalate', '科室意见'],
      [3, 'escalate', '分管意见'],
      [4, 'refuse', '主要领导意见'],
    ]);
  });

  it('resolves at the level asked for', async () => {
    const made = await seedCase(t, { state: 'resolving', resolvedAt: 3 });
    expect(made.decisions.map((d) => [d.level, d.decision])).toEqual([
      [2, 'escalate'],
      [3, 'resolvable'],
    ]);
  });
});

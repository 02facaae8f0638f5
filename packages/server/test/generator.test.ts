// The data generator (bootstrap/generator): a generated bureau on top of the demo works through the real
// app — case pages, lists, to-do lists, registration — in plausible proportions, the same for the same seed.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES, caseEventPayloadSchemas, type CaseEventType } from '@bancheng/core';
import { fixedClock } from '../src/platform/clock.ts';
import { generateBureau, type GenerationSummary } from '../src/bootstrap/generator/index.ts';
import { DIALECTS, createTestApp, type TestApp } from './harness.ts';

// A Monday in June 2026: the demo's chains hold, and some generated cases are still on their way.
const CLOCK = fixedClock(new Date('2026-06-15T03:00:00Z'));
const CASES = 2_000;

/** What was generated, with every id the demo made at random replaced by a name. */
async function digestOf(t: TestApp): Promise<string> {
  const db = t.ctx.database.db;
  const cases = await db
    .selectFrom('cases')
    .innerJoin('people', 'people.id', 'cases.first_responder_id')
    .innerJoin('departments', 'departments.id', 'cases.department_id')
    .select([
      'cases.number',
      'cases.state',
      'cases.outcome',
      'cases.applicant_name',
      'cases.applicant_phone',
      'cases.applicant_credit_code',
      'cases.description',
      'cases.matter_title',
      'cases.received_at',
      'cases.updated_at',
      'cases.version',
      'people.username',
      'departments.name',
    ])
    .orderBy('cases.number')
    .execute();
  const decisions = await db
    .selectFrom('case_decisions')
    .innerJoin('cases', 'cases.id', 'case_decisions.case_id')
    .innerJoin('people', 'people.id', 'case_decisions.person_id')
    .select(['cases.number', 'case_decisions.level', 'case_decisions.decision', 'people.username'])
    .select(['case_decisions.opinion', 'case_decisions.decided_at', 'case_decisions.form_round'])
    .orderBy('cases.number')
    .orderBy('case_decisions.form_round')
    .orderBy('case_decisions.level')
    .execute();
  const events = await db
    .selectFrom('audit_events')
    .select(['type', 'occurred_at'])
    .where('subject_type', '=', 'case')
    .orderBy('id')
    .execute();
  const canonical = JSON.stringify([cases, decisions, events], (_k, v: unknown) =>
    typeof v === 'number' || typeof v === 'bigint' ? String(v) : v,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

describe.each(DIALECTS)('a generated bureau on %s', (dialect) => {
  let t: TestApp;
  let summary: GenerationSummary;
  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: CLOCK });
    summary = await generateBureau(t.ctx, { cases: CASES, seed: 7 });
  }, 60_000);
  afterAll(async () => {
    await t.dispose();
  });

  it('has its cases in plausible proportions: most done at the counter, refusals thinning up the chain', async () => {
    const { states, outcomes } = summary;
    expect(Object.values(states).reduce((a, b) => a + b, 0)).toBe(CASES);
    expect(states.closed).toBeGreaterThan(CASES * 0.9);
    expect(CASES - states.closed).toBeGreaterThan(0);
    expect(outcomes.done).toBeGreaterThan(CASES * 0.6);
    expect(outcomes.oneTimeNotice).toBeGreaterThan(CASES * 0.1);
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.refused).toBeLessThan(CASES * 0.05);
    const byLevel = await t.ctx.database.db
      .selectFrom('case_decisions')
      .select(['level', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('by_proposer', '=', 0)
      .groupBy('level')
      .execute();
    const at = (level: number) => Number(byLevel.find((r) => Number(r.level) === level)?.n ?? 0);
    expect(at(2)).toBeGreaterThan(at(3));
    expect(at(3)).toBeGreaterThan(at(4));
    expect(at(4)).toBeGreaterThan(0);
    expect(summary.rows.case_replies).toBe(summary.rows.case_feedback + (states.replied ?? 0));
    expect(summary.demoFirstResponderCases).toBeGreaterThan(0);
  });

  it('writes every case event with the payload its type has (the timeline’s schema)', async () => {
    const events = await t.ctx.database.db
      .selectFrom('audit_events')
      .select(['type', 'payload', 'actor_id'])
      .where('subject_type', '=', 'case')
      .execute();
    expect(events.length).toBeGreaterThan(CASES * 2);
    const seen = new Set<string>();
    for (const e of events) {
      expect(CASE_EVENT_TYPES).toContain(e.type);
      const parsed = caseEventPayloadSchemas[e.type as CaseEventType].safeParse(JSON.parse(e.payload));
      expect(parsed.success, `${e.type}: ${e.payload}`).toBe(true);
      expect(e.actor_id).not.toBeNull();
      seen.add(e.type);
    }
    for (const type of ['case.handOver', 'case.requestConsultation', 'case.recordConsultation'] as const) {
      expect(seen).toContain(type);
    }
    expect(seen).toContain('case.recordFollowUp');
    expect(seen).toContain('case.contributionRecorded');
  });

  it('shows a generated refusal’s page, with its approval form, facts and timeline, to the supervision office', async () => {
    const db = t.ctx.database.db;
    const refused = await db
      .selectFrom('cases')
      .select(['id', 'number'])
      .where('outcome', '=', 'refused')
      .orderBy('number')
      .executeTakeFirstOrThrow();
    const sup = await t.signIn('ducha');
    const res = await sup.request('GET', `/api/cases/${refused.id}`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.number).toBe(refused.number);
    expect(page.state).toBe('closed');
    expect(page.decisions.map((d: { level: number }) => d.level)).toEqual([2, 3, 4]);
    expect(page.workableSuggestion).toEqual(expect.any(String));
    expect(page.facts.replies).toHaveLength(1);
    expect(page.facts.feedback).toHaveLength(1);
    const types = page.timeline.map((e: { type: string }) => e.type);
    expect(types.slice(0, 2)).toEqual(['case.registered', 'case.proposeRefusal']);
    expect(types).toEqual(expect.arrayContaining(['case.decide', 'case.recordReply', 'case.recordFeedback']));
    expect(page.applicantPhone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('lists the busy first responder’s cases and their department’s, and the chain’s to-do lists work', async () => {
    const fr = await t.signIn(summary.busyFirstResponder.username);
    const mine = (await fr.request('GET', '/api/cases?view=mine&pageSize=5')).json();
    // Theirs now, and those they registered and handed on.
    expect(mine.total).toBeGreaterThanOrEqual(summary.busyFirstResponder.cases);
    expect(mine.items).toHaveLength(5);
    const dept = (
      await fr.request('GET', `/api/cases?view=department&departmentId=${summary.chain.departmentId}`)
    ).json();
    expect(dept.total).toBeGreaterThan(0);
    for (const username of [
      summary.chain.deptHead,
      summary.chain.leaderInCharge,
      summary.chain.principalLeader,
    ]) {
      const person = await t.signIn(username);
      expect((await person.request('GET', '/api/cases?view=todo')).statusCode).toBe(200);
    }
  });

  it('gives the demo accounts their share: shouwen’s to-do list and list of cases work', async () => {
    const shouwen = await t.signIn('shouwen');
    const todo = await shouwen.request('GET', '/api/cases?view=todo');
    expect(todo.statusCode).toBe(200);
    const mine = (await shouwen.request('GET', '/api/cases?view=mine')).json();
    expect(mine.total).toBeGreaterThan(summary.demoFirstResponderCases);
    const keshi = await t.signIn('keshi');
    expect((await keshi.request('GET', '/api/cases?view=todo')).statusCode).toBe(200);
  });

  it('leaves the case numbers advanced: a case registered now gets a fresh number', async () => {
    const db = t.ctx.database.db;
    const before = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.max<number>('seq').as('seq'))
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    const shouwen = await t.signIn('shouwen');
    const res = await shouwen.request('POST', '/api/cases', {
      applicant: { kind: 'person', name: '李女士', phone: '13912345678' },
      channel: 'visit',
      receivedAt: CLOCK.now().toISOString(),
      matterType: 'enquiry',
      matterTitle: '登记业务咨询',
      description: '咨询个体工商户登记所需材料。',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().number).toBe(`2026-${String(Number(before.seq) + 1).padStart(6, '0')}`);
  });
});

describe.each(DIALECTS)('the generator’s seed on %s', (dialect) => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.dispose();
  });
  const generated = async (seed: number) => {
    const t = await createTestApp(dialect, {}, { clock: CLOCK });
    apps.push(t);
    await generateBureau(t.ctx, { cases: 300, seed });
    return digestOf(t);
  };

  it('makes the same data for the same seed, and other data for another', async () => {
    const first = await generated(11);
    expect(await generated(11)).toBe(first);
    expect(await generated(12)).not.toBe(first);
  }, 60_000);
});

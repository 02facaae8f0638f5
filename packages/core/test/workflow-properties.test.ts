// The workflow under random action sequences (fast-check): whatever anyone tries, in any order, the case
// keeps its invariants. The per-state, per-level cases are in workflow.test.ts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyAction,
  availableDecisions,
  isOriginator,
  newCase,
  type ActionInput,
  type ChainHolders,
  type WorkflowCase,
} from '../src/cases/rules.ts';

const holder = (personId: string, actingFor: string | null = null) => ({ personId, actingFor });

const PERSON_IDS = ['fr1', 'fr2', 'dh', 'lc', 'pl', 'dep', 'out'];
const holdersArb: fc.Arbitrary<ChainHolders> = fc
  .record({
    l2: fc.constantFrom('dh', 'fr1', 'lc'),
    l3: fc.constantFrom('lc', 'dh', 'pl'),
    l4: fc.constantFrom('pl', 'lc'),
    deputyAt: fc.constantFrom<2 | 3 | 4 | null>(2, 3, 4, null),
  })
  .map(({ l2, l3, l4, deputyAt }) => {
    const levels: ChainHolders['levels'] = { 2: [holder(l2)], 3: [holder(l3)], 4: [holder(l4)] };
    if (deputyAt)
      levels[deputyAt] = [...levels[deputyAt], holder('dep', levels[deputyAt][0]?.personId ?? null)];
    return { firstResponders: ['fr1', 'fr2'], levels };
  });

const FIXED_INPUTS: ActionInput[] = [
  { type: 'closeDone' },
  { type: 'giveOneTimeNotice' },
  { type: 'proposeRefusal', reason: 'outOfScope' },
  { type: 'decide', decision: 'resolvable' },
  { type: 'decide', decision: 'escalate' },
  { type: 'decide', decision: 'refuse', workableSuggestion: '建议' },
  { type: 'decide', decision: 'refuse', workableSuggestion: '' },
  { type: 'requestConsultation' },
  { type: 'recordConsultation', conclusion: 'resolvable' },
  { type: 'recordConsultation', conclusion: 'notResolvable' },
  { type: 'recordReply', method: 'written' },
  { type: 'recordFeedback', accepted: false },
  { type: 'recordFollowUp', outcome: 'implemented' },
  { type: 'recordFollowUp', outcome: 'notImplemented' },
  { type: 'reopenRound', reason: 'conditionsLacking' },
  { type: 'withdrawProposal' },
];
const handOverTo = (toPersonId: string): ActionInput => ({ type: 'handOver', toPersonId });
const inputArb: fc.Arbitrary<ActionInput> = fc.oneof(
  fc.constantFrom(...FIXED_INPUTS),
  fc.constantFrom(...PERSON_IDS).map(handOverTo),
);
const ALL_INPUTS: ActionInput[] = [...FIXED_INPUTS, ...PERSON_IDS.map(handOverTo)];

/** A step: a random person trying a random action, or (three times in four) one of the steps the workflow
 * accepts now, picked by `pick`, so that runs get past the first states instead of being refused throughout. */
const stepArb = fc.record({
  guided: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  pick: fc.nat(),
  actor: fc.constantFrom(...PERSON_IDS),
  input: inputArb,
});

function stepToTake(
  c: WorkflowCase,
  holders: ChainHolders,
  step: { guided: boolean; pick: number; actor: string; input: ActionInput },
): [string, ActionInput] {
  if (!step.guided) return [step.actor, step.input];
  const accepted = PERSON_IDS.flatMap((p) =>
    ALL_INPUTS.filter((i) => applyAction(c, i, p, holders).ok).map((i): [string, ActionInput] => [p, i]),
  );
  return accepted[step.pick % accepted.length] ?? [step.actor, step.input];
}

function holdsLevel(holders: ChainHolders, level: 2 | 3 | 4, personId: string): boolean {
  return holders.levels[level].some((h) => h.personId === personId);
}

function checkInvariants(c: WorkflowCase, holders: ChainHolders): void {
  // Levels are consecutive from 2: none is ever skipped.
  c.decisions.forEach((d, i) => expect(d.level).toBe(i + 2));
  for (const d of c.decisions) {
    // Each decision is made by someone holding that level (or their deputy)…
    expect(holdsLevel(holders, d.level, d.personId)).toBe(true);
    // …and never by the proposer, except as the opinion their proposal carries at a level they hold.
    if (d.personId === c.proposerId) expect(d.byProposer).toBe(true);
    if (d.byProposer) expect(d.decision).toBe('escalate');
  }
  const level4 = c.decisions.find((d) => d.level === 4);
  if (c.state === 'refused' || c.state === 'replied' || c.outcome === 'refused') {
    expect(level4?.decision).toBe('refuse');
    expect(level4?.personId).not.toBe(c.proposerId);
  }
  if (c.outcome === 'refused') expect(c.state).toBe('closed');
  if (level4?.decision === 'refuse') expect(c.decisions.at(-1)).toBe(level4);
  // A follow-up duty belongs to whoever found the current way, never to the proposer of the round.
  if (c.followUp) {
    expect(['resolving', 'closed']).toContain(c.state);
    expect(c.followUp.personId === c.proposerId && c.followUp.level !== null).toBe(false);
  }
  // The form is at a level only with a proposer, who never decided themselves.
  if (c.state.startsWith('at')) expect(c.proposerId).not.toBeNull();
}

describe('random action sequences (property)', () => {
  it('never close a refusal without the principal leader, skip a level, or let the wrong person decide', () => {
    const RUNS = 2000;
    const runs = { decided: 0, reachedLevel4: 0, closedRefused: 0, newRounds: 0, reopened: 0, withdrawn: 0 };
    fc.assert(
      fc.property(
        holdersArb,
        fc.boolean(),
        fc.array(stepArb, { maxLength: 40 }),
        (holders, crossDepartment, steps) => {
          let c = newCase({ firstResponderId: 'fr1', crossDepartment });
          let decided = false;
          for (const step of steps) {
            const [actor, input] = stepToTake(c, holders, step);
            // A deep copy, so a workflow that changed the case it was given (accepted or not) is caught.
            const before = structuredClone(c);
            const r = applyAction(c, input, actor, holders);
            expect(c).toEqual(before);
            if (!r.ok) continue;
            c = r.next;
            checkInvariants(c, holders);
            // A closed case stays closed, unless a follow-up found a done case's way not carried out.
            const reopenedByFollowUp =
              input.type === 'recordFollowUp' &&
              input.outcome === 'notImplemented' &&
              before.outcome === 'done';
            if (before.state === 'closed' && !reopenedByFollowUp) expect(c.state).toBe('closed');
            if (input.type === 'decide') decided = true;
            if (input.type === 'reopenRound') runs.newRounds++;
            if (reopenedByFollowUp || (input.type === 'recordFollowUp' && input.outcome === 'notImplemented'))
              runs.reopened++;
            if (input.type === 'withdrawProposal') runs.withdrawn++;
            // Only the proposer withdraws, and only a form nobody else has decided on.
            if (input.type === 'withdrawProposal') {
              expect(actor).toBe(before.proposerId);
              expect(before.decisions.every((d) => d.byProposer)).toBe(true);
            }
            // Whoever proposed the round never decides in it (their own levels carry their proposal).
            if (input.type === 'decide') expect(actor).not.toBe(before.proposerId);
            // …and no originator of the case confirms its refusal, whatever round it is in.
            if (input.type === 'decide' && c.state === 'refused')
              expect(isOriginator(before, actor)).toBe(false);
          }
          if (decided) runs.decided++;
          if (c.decisions.some((d) => d.level === 4)) runs.reachedLevel4++;
          if (c.outcome === 'refused') runs.closedRefused++;
        },
      ),
      { numRuns: RUNS },
    );
    // The invariants above are only checked on accepted steps: make sure deciding really happens, up to
    // the principal leader and a closed refusal, in a fair share of the runs (a workflow that refused
    // every decision would otherwise pass).
    expect(runs.decided).toBeGreaterThan(RUNS / 10);
    expect(runs.reachedLevel4).toBeGreaterThan(RUNS / 50);
    expect(runs.closedRefused).toBeGreaterThan(0);
    expect(runs.newRounds).toBeGreaterThan(RUNS / 50);
    expect(runs.reopened).toBeGreaterThan(RUNS / 50);
    expect(runs.withdrawn).toBeGreaterThan(RUNS / 50);
  });

  it('never lets anyone who registered, first-responded or handed over the case confirm its refusal', () => {
    // Chains where the level-4 holder is also a first responder, so the loophole is open to them.
    const chainArb = holdersArb.map((h) => ({
      ...h,
      firstResponders: [...new Set([...h.firstResponders, ...h.levels[4].map((x) => x.personId)])],
    }));
    let refusals = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        chainArb,
        fc.constantFrom('fr1', 'fr2', 'pl', 'lc'),
        fc.array(fc.tuple(fc.constantFrom(...PERSON_IDS), fc.constantFrom(...PERSON_IDS)), { maxLength: 6 }),
        (holders, registrant, handOvers) => {
          if (!holders.firstResponders.includes(registrant)) return;
          let c = newCase({ firstResponderId: registrant, crossDepartment: false, registeredBy: registrant });
          const originators = new Set<string>([registrant]);
          // Random hand-overs by random people; the ones the rules allow are remembered.
          for (const [actor, toPersonId] of handOvers) {
            const r = applyAction(c, { type: 'handOver', toPersonId }, actor, holders);
            if (!r.ok) continue;
            [actor, toPersonId].forEach((p) => originators.add(p));
            c = r.next;
          }
          const proposed = applyAction(
            c,
            { type: 'proposeRefusal', reason: 'other' },
            c.firstResponderId,
            holders,
          );
          if (!proposed.ok) return;
          c = proposed.next;
          // Up the chain: whoever may decide escalates; at level 4 everyone tries to refuse.
          for (let i = 0; i < 3 && c.state !== 'atPrincipalLeader'; i++) {
            const decider = PERSON_IDS.find((p) => availableDecisions(c, p, holders).includes('escalate'));
            const r = decider && applyAction(c, { type: 'decide', decision: 'escalate' }, decider, holders);
            if (!r || !r.ok) return;
            c = r.next;
          }
          if (c.state !== 'atPrincipalLeader') return;
          for (const p of PERSON_IDS) {
            const r = applyAction(
              c,
              { type: 'decide', decision: 'refuse', workableSuggestion: '建议' },
              p,
              holders,
            );
            if (originators.has(p)) {
              expect(r).toEqual({
                ok: false,
                error: holdsLevel(holders, 4, p) ? 'OWN_CASE_REFUSAL' : expect.any(String),
              });
              if (holdsLevel(holders, 4, p)) refused++;
            }
            if (r.ok) {
              refusals++;
              expect(originators.has(p)).toBe(false);
            }
          }
        },
      ),
      { numRuns: 3000 },
    );
    // Not vacuous: both allowed refusals and refused originators were reached.
    expect(refusals).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('reaches a final refusal only through every level in order', () => {
    const RUNS = 500;
    let refusedRuns = 0;
    fc.assert(
      fc.property(holdersArb, (holders) => {
        let c = newCase({ firstResponderId: 'fr1', crossDepartment: false });
        const steps: [string, ActionInput][] = [['fr1', { type: 'proposeRefusal', reason: 'notPermitted' }]];
        for (const [actor, input] of steps) {
          const r = applyAction(c, input, actor, holders);
          if (!r.ok) return; // e.g. the first responder is the principal leader
          c = r.next;
        }
        // Let whoever may decide escalate, then refuse at the top.
        for (let i = 0; i < 4 && c.state !== 'refused'; i++) {
          const decider = PERSON_IDS.find((p) => availableDecisions(c, p, holders).length > 0);
          if (!decider) break;
          const options = availableDecisions(c, decider, holders);
          const decision = options.includes('refuse') ? 'refuse' : 'escalate';
          const r = applyAction(
            c,
            { type: 'decide', decision, workableSuggestion: '建议' },
            decider,
            holders,
          );
          expect(r.ok).toBe(true);
          if (r.ok) c = r.next;
        }
        if (c.state === 'refused') {
          refusedRuns++;
          expect(c.decisions.map((d) => d.level)).toEqual([2, 3, 4]);
        }
      }),
      { numRuns: RUNS },
    );
    // Every generated chain lets the proposal climb to the top, so every run must end refused: a run that
    // stopped early (nobody could decide) would otherwise pass without checking anything.
    expect(refusedRuns).toBe(RUNS);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACTIONS_BY_STATE,
  applyAction,
  availableActions,
  availableDecisions,
  newCase,
  type ActionInput,
  type ChainHolders,
  type DecisionRecord,
  type WorkflowCase,
} from '../src/cases/rules.ts';
import { CASE_ACTIONS, CASE_STATES, type CaseAction, type CaseState } from '../src/cases/states.ts';

const holder = (personId: string, actingFor: string | null = null) => ({ personId, actingFor });
const HOLDERS: ChainHolders = {
  firstResponders: ['fr1', 'fr2'],
  levels: { 2: [holder('dh')], 3: [holder('lc')], 4: [holder('pl')] },
};
const PEOPLE = {
  firstResponder: 'fr1',
  otherFirstResponder: 'fr2',
  deptHead: 'dh',
  leaderInCharge: 'lc',
  principalLeader: 'pl',
  outsider: 'out',
} as const;
type Who = keyof typeof PEOPLE;

const rec = (level: 2 | 3 | 4, personId: string, decision: DecisionRecord['decision']): DecisionRecord => ({
  level,
  decision,
  personId,
  actingFor: null,
  byProposer: false,
});

/** A case in the given state, as the workflow would have left it. */
function buildCase(state: CaseState): WorkflowCase {
  const base = { ...newCase({ firstResponderId: 'fr1', crossDepartment: true }), state };
  const proposed = { ...base, proposerId: 'fr1' };
  switch (state) {
    case 'open':
    case 'inConsultation':
      return base;
    case 'atDeptHead':
      return proposed;
    case 'atLeaderInCharge':
      return { ...proposed, decisions: [rec(2, 'dh', 'escalate')] };
    case 'atPrincipalLeader':
      return { ...proposed, decisions: [rec(2, 'dh', 'escalate'), rec(3, 'lc', 'escalate')] };
    case 'resolving':
      return { ...proposed, decisions: [rec(2, 'dh', 'resolvable')], followUpBy: ['dh'] };
    case 'refused':
    case 'replied':
      return {
        ...proposed,
        decisions: [rec(2, 'dh', 'escalate'), rec(3, 'lc', 'escalate'), rec(4, 'pl', 'refuse')],
      };
    case 'closed':
      return { ...proposed, outcome: 'done', decisions: [rec(2, 'dh', 'resolvable')], followUpBy: ['dh'] };
  }
}

function canonicalInput(action: CaseAction, state: CaseState): ActionInput {
  switch (action) {
    case 'handOver':
      return { type: 'handOver', toPersonId: 'fr2' };
    case 'closeDone':
      return { type: 'closeDone' };
    case 'giveOneTimeNotice':
      return { type: 'giveOneTimeNotice' };
    case 'proposeRefusal':
      return { type: 'proposeRefusal', reason: 'notPermitted' };
    case 'decide':
      return state === 'atPrincipalLeader'
        ? { type: 'decide', decision: 'refuse', workableSuggestion: '可先办理名称预先核准' }
        : { type: 'decide', decision: 'escalate' };
    case 'requestConsultation':
      return { type: 'requestConsultation' };
    case 'recordConsultation':
      return { type: 'recordConsultation', conclusion: 'resolvable' };
    case 'recordReply':
      return { type: 'recordReply', method: 'phone' };
    case 'recordFeedback':
      return { type: 'recordFeedback', accepted: true };
    case 'recordFollowUp':
      return { type: 'recordFollowUp' };
  }
}

/** The work plan's rules written out as a table: who may take which action in which state. */
const ALLOWED: Partial<Record<CaseState, Partial<Record<CaseAction, Who[]>>>> = {
  open: {
    handOver: ['firstResponder', 'deptHead'],
    closeDone: ['firstResponder'],
    giveOneTimeNotice: ['firstResponder'],
    proposeRefusal: ['firstResponder'],
    requestConsultation: ['firstResponder'],
  },
  atDeptHead: { decide: ['deptHead'] },
  atLeaderInCharge: { decide: ['leaderInCharge'] },
  atPrincipalLeader: { decide: ['principalLeader'] },
  resolving: { handOver: ['firstResponder', 'deptHead'], closeDone: ['firstResponder'] },
  inConsultation: { recordConsultation: ['firstResponder'] },
  refused: { handOver: ['firstResponder', 'deptHead'], recordReply: ['firstResponder'] },
  replied: { recordFeedback: ['firstResponder'] },
  closed: { recordFollowUp: ['deptHead'] },
};

const NEXT_STATE: Partial<Record<CaseState, Partial<Record<CaseAction, CaseState>>>> = {
  open: {
    closeDone: 'closed',
    giveOneTimeNotice: 'closed',
    proposeRefusal: 'atDeptHead',
    requestConsultation: 'inConsultation',
    handOver: 'open',
  },
  atDeptHead: { decide: 'atLeaderInCharge' },
  atLeaderInCharge: { decide: 'atPrincipalLeader' },
  atPrincipalLeader: { decide: 'refused' },
  resolving: { closeDone: 'closed', handOver: 'resolving' },
  inConsultation: { recordConsultation: 'resolving' },
  refused: { recordReply: 'replied', handOver: 'refused' },
  replied: { recordFeedback: 'closed' },
  closed: { recordFollowUp: 'closed' },
};

describe('every (state, action, role) triple', () => {
  for (const state of CASE_STATES) {
    for (const action of CASE_ACTIONS) {
      for (const who of Object.keys(PEOPLE) as Who[]) {
        const allowed = ALLOWED[state]?.[action]?.includes(who) ?? false;
        it(`${state} × ${action} × ${who} → ${allowed ? 'allowed' : 'refused'}`, () => {
          const result = applyAction(buildCase(state), canonicalInput(action, state), PEOPLE[who], HOLDERS);
          expect(result.ok).toBe(allowed);
          if (result.ok) expect(result.next.state).toBe(NEXT_STATE[state]?.[action]);
          if (!result.ok && !ACTIONS_BY_STATE[state].includes(action))
            expect(result.error).toBe('ACTION_NOT_ALLOWED');
        });
      }
    }
  }
});

describe('decisions at each level', () => {
  it('offers 能办 or escalate below level 4, and 能办 or refuse at level 4', () => {
    expect(availableDecisions(buildCase('atDeptHead'), 'dh', HOLDERS)).toEqual(['resolvable', 'escalate']);
    expect(availableDecisions(buildCase('atLeaderInCharge'), 'lc', HOLDERS)).toEqual([
      'resolvable',
      'escalate',
    ]);
    expect(availableDecisions(buildCase('atPrincipalLeader'), 'pl', HOLDERS)).toEqual([
      'resolvable',
      'refuse',
    ]);
    expect(availableDecisions(buildCase('atPrincipalLeader'), 'lc', HOLDERS)).toEqual([]);
  });

  it('requires a workable suggestion with a final refusal', () => {
    const r = applyAction(
      buildCase('atPrincipalLeader'),
      { type: 'decide', decision: 'refuse', workableSuggestion: '  ' },
      'pl',
      HOLDERS,
    );
    expect(r).toEqual({ ok: false, error: 'SUGGESTION_REQUIRED' });
  });

  it('returns a resolvable case to the first responder, who must close it as done', () => {
    const r = applyAction(
      buildCase('atLeaderInCharge'),
      { type: 'decide', decision: 'resolvable' },
      'lc',
      HOLDERS,
    );
    expect(r.ok && r.next.state).toBe('resolving');
    if (!r.ok) return;
    expect(availableActions(r.next, 'fr1', HOLDERS)).toEqual(['handOver', 'closeDone']);
    expect(r.next.followUpBy).toContain('lc');
  });

  it('lets a named deputy decide for the holder and records it', () => {
    const holders: ChainHolders = {
      ...HOLDERS,
      levels: { ...HOLDERS.levels, 3: [holder('lc'), holder('deputy', 'lc')] },
    };
    const r = applyAction(
      buildCase('atLeaderInCharge'),
      { type: 'decide', decision: 'escalate' },
      'deputy',
      holders,
    );
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.next.decisions.at(-1)).toMatchObject({ level: 3, personId: 'deputy', actingFor: 'lc' });
  });

  it('lets one person holding two levels decide once, shown at both', () => {
    const holders: ChainHolders = {
      ...HOLDERS,
      levels: { 2: [holder('dh')], 3: [holder('dh')], 4: [holder('pl')] },
    };
    const r = applyAction(buildCase('atDeptHead'), { type: 'decide', decision: 'escalate' }, 'dh', holders);
    expect(r.ok && r.next.state).toBe('atPrincipalLeader');
    if (r.ok)
      expect(r.next.decisions.map((d) => [d.level, d.personId])).toEqual([
        [2, 'dh'],
        [3, 'dh'],
      ]);
  });

  it('carries the proposal of a first responder who is also the department head as their level-2 opinion', () => {
    const holders: ChainHolders = { ...HOLDERS, levels: { ...HOLDERS.levels, 2: [holder('fr1')] } };
    const r = applyAction(buildCase('open'), { type: 'proposeRefusal', reason: 'uncertain' }, 'fr1', holders);
    expect(r.ok && r.next.state).toBe('atLeaderInCharge');
    if (r.ok)
      expect(r.next.decisions).toEqual([
        { level: 2, decision: 'escalate', personId: 'fr1', actingFor: null, byProposer: true },
      ]);
  });

  it('never lets the proposer approve their own proposal', () => {
    const holders: ChainHolders = { ...HOLDERS, levels: { ...HOLDERS.levels, 4: [holder('fr1')] } };
    const r = applyAction(buildCase('open'), { type: 'proposeRefusal', reason: 'uncertain' }, 'fr1', holders);
    expect(r).toEqual({ ok: false, error: 'PROPOSER_IS_PRINCIPAL' });
    const deputyProposer = { ...buildCase('atDeptHead'), proposerId: 'dh' };
    expect(applyAction(deputyProposer, { type: 'decide', decision: 'escalate' }, 'dh', HOLDERS)).toEqual({
      ok: false,
      error: 'OWN_PROPOSAL',
    });
  });

  it('never lets whoever registered or handed over a case confirm its refusal (the hand-over loophole)', () => {
    // The principal leader is also a first responder: they register the case, hand it to fr1, and wait.
    const holders: ChainHolders = { ...HOLDERS, firstResponders: ['fr1', 'fr2', 'pl'] };
    let c = newCase({ firstResponderId: 'pl', crossDepartment: false, registeredBy: 'pl' });
    const steps: [string, ActionInput][] = [
      ['pl', { type: 'handOver', toPersonId: 'fr1' }],
      ['fr1', { type: 'proposeRefusal', reason: 'notPermitted' }],
      ['dh', { type: 'decide', decision: 'escalate' }],
      ['lc', { type: 'decide', decision: 'escalate' }],
    ];
    for (const [actor, input] of steps) {
      const r = applyAction(c, input, actor, holders);
      if (!r.ok) throw new Error(`${actor} ${input.type}: ${r.error}`);
      c = r.next;
    }
    expect(c.state).toBe('atPrincipalLeader');
    expect(
      applyAction(c, { type: 'decide', decision: 'refuse', workableSuggestion: '建议' }, 'pl', holders),
    ).toEqual({ ok: false, error: 'OWN_CASE_REFUSAL' });
    // They may still find a way (能办), and a deputy acting for them may confirm the refusal.
    expect(availableDecisions(c, 'pl', holders)).toEqual(['resolvable']);
    const withDeputy: ChainHolders = {
      ...holders,
      levels: { ...holders.levels, 4: [holder('pl'), holder('dep', 'pl')] },
    };
    expect(
      applyAction(c, { type: 'decide', decision: 'refuse', workableSuggestion: '建议' }, 'dep', withDeputy)
        .ok,
    ).toBe(true);
  });

  it('excludes a department head who handed the case over from confirming its refusal too', () => {
    // The head holds every level above the first responder: they hand over, then would decide 2–4 at once.
    const holders: ChainHolders = {
      firstResponders: ['fr1', 'fr2'],
      levels: { 2: [holder('dh')], 3: [holder('dh')], 4: [holder('dh')] },
    };
    let c = newCase({ firstResponderId: 'fr1', crossDepartment: false });
    for (const [actor, input] of [
      ['dh', { type: 'handOver', toPersonId: 'fr2' }],
      ['fr2', { type: 'proposeRefusal', reason: 'outOfScope' }],
    ] as [string, ActionInput][]) {
      const r = applyAction(c, input, actor, holders);
      if (!r.ok) throw new Error(r.error);
      c = r.next;
    }
    expect(c.originatorIds).toEqual(expect.arrayContaining(['fr1', 'dh', 'fr2']));
    expect(
      applyAction(c, { type: 'decide', decision: 'refuse', workableSuggestion: '建议' }, 'dh', holders),
    ).toEqual({ ok: false, error: 'OWN_CASE_REFUSAL' });
  });

  it('hands over only to another first responder of the department', () => {
    expect(applyAction(buildCase('open'), { type: 'handOver', toPersonId: 'dh' }, 'fr1', HOLDERS)).toEqual({
      ok: false,
      error: 'INVALID_HANDOVER',
    });
    const r = applyAction(buildCase('open'), { type: 'handOver', toPersonId: 'fr2' }, 'fr1', HOLDERS);
    expect(r.ok && r.next.firstResponderId).toBe('fr2');
  });

  it('allows a consultation only on a cross-department case', () => {
    const single = { ...buildCase('open'), crossDepartment: false };
    expect(applyAction(single, { type: 'requestConsultation' }, 'fr1', HOLDERS)).toEqual({
      ok: false,
      error: 'ACTION_NOT_ALLOWED',
    });
  });
});

// ---- property: random actions by random people never break the invariants ----

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
  { type: 'recordFollowUp' },
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
}

describe('random action sequences (property)', () => {
  it('never close a refusal without the principal leader, skip a level, or let the wrong person decide', () => {
    const RUNS = 2000;
    const runs = { decided: 0, reachedLevel4: 0, closedRefused: 0 };
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
            if (before.state === 'closed') expect(c.state).toBe('closed');
            if (input.type === 'decide') decided = true;
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

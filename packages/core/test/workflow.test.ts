// The workflow rules case by case: every (state, action, role) triple and the decisions at each level.
// Random action sequences are in workflow-properties.test.ts.
import { describe, expect, it } from 'vitest';
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
      return base;
    case 'inConsultation':
      return { ...base, convenerId: 'lc' };
    case 'atDeptHead':
      return proposed;
    case 'atLeaderInCharge':
      return { ...proposed, decisions: [rec(2, 'dh', 'escalate')] };
    case 'atPrincipalLeader':
      return { ...proposed, decisions: [rec(2, 'dh', 'escalate'), rec(3, 'lc', 'escalate')] };
    case 'resolving':
      return { ...proposed, decisions: [rec(2, 'dh', 'resolvable')], followUp: { personId: 'dh', level: 2 } };
    case 'refused':
    case 'replied':
      return {
        ...proposed,
        decisions: [rec(2, 'dh', 'escalate'), rec(3, 'lc', 'escalate'), rec(4, 'pl', 'refuse')],
      };
    case 'closed':
      return {
        ...proposed,
        outcome: 'done',
        decisions: [rec(2, 'dh', 'resolvable')],
        followUp: { personId: 'dh', level: 2 },
      };
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
      return { type: 'recordFollowUp', outcome: 'implemented' };
    case 'reopenRound':
      return { type: 'reopenRound', reason: 'conditionsLacking' };
    case 'withdrawProposal':
      return { type: 'withdrawProposal' };
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
  atDeptHead: { decide: ['deptHead'], withdrawProposal: ['firstResponder'] },
  atLeaderInCharge: { decide: ['leaderInCharge'] },
  atPrincipalLeader: { decide: ['principalLeader'] },
  resolving: {
    handOver: ['firstResponder', 'deptHead'],
    closeDone: ['firstResponder'],
    reopenRound: ['firstResponder'],
    recordFollowUp: ['deptHead'],
  },
  inConsultation: { recordConsultation: ['leaderInCharge'] },
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
  atDeptHead: { decide: 'atLeaderInCharge', withdrawProposal: 'open' },
  atLeaderInCharge: { decide: 'atPrincipalLeader' },
  atPrincipalLeader: { decide: 'refused' },
  resolving: {
    closeDone: 'closed',
    handOver: 'resolving',
    reopenRound: 'atDeptHead',
    recordFollowUp: 'resolving',
  },
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
    expect(availableActions(r.next, 'fr1', HOLDERS)).toEqual(['handOver', 'closeDone', 'reopenRound']);
    expect(r.next.followUp).toEqual({ personId: 'lc', level: 3 });
    expect(availableActions(r.next, 'lc', HOLDERS)).toEqual(['recordFollowUp']);
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

/** Runs steps from a case, failing loudly on the first one refused. */
function run(c: WorkflowCase, steps: [string, ActionInput][], holders: ChainHolders = HOLDERS): WorkflowCase {
  for (const [actor, input] of steps) {
    const r = applyAction(c, input, actor, holders);
    if (!r.ok) throw new Error(`${actor} ${input.type}: ${r.error}`);
    c = r.next;
  }
  return c;
}

describe('rounds, follow-ups and withdrawal', () => {
  const fresh = () => newCase({ firstResponderId: 'fr1', crossDepartment: true });
  const resolvedAt2: [string, ActionInput][] = [
    ['fr1', { type: 'proposeRefusal', reason: 'notPermitted' }],
    ['dh', { type: 'decide', decision: 'resolvable' }],
  ];

  it('能办 at level 2, the way fails, a new round goes up to a refusal at level 4', () => {
    let c = run(fresh(), resolvedAt2);
    expect(c.followUp).toEqual({ personId: 'dh', level: 2 });
    c = run(c, [['fr1', { type: 'reopenRound', reason: 'conditionsLacking' }]]);
    expect(c).toMatchObject({ state: 'atDeptHead', decisions: [], proposerId: 'fr1', followUp: null });
    c = run(c, [
      ['dh', { type: 'decide', decision: 'escalate' }],
      ['lc', { type: 'decide', decision: 'escalate' }],
      ['pl', { type: 'decide', decision: 'refuse', workableSuggestion: '建议' }],
      ['fr1', { type: 'recordReply', method: 'phone' }],
      ['fr1', { type: 'recordFeedback', accepted: true }],
    ]);
    expect(c).toMatchObject({ state: 'closed', outcome: 'refused' });
    expect(c.decisions.map((d) => [d.level, d.decision])).toEqual([
      [2, 'escalate'],
      [3, 'escalate'],
      [4, 'refuse'],
    ]);
  });

  it('lets only the first responder reopen, and never a principal leader as proposer', () => {
    const c = run(fresh(), resolvedAt2);
    const reopen: ActionInput = { type: 'reopenRound', reason: 'other' };
    expect(applyAction(c, reopen, 'dh', HOLDERS)).toEqual({ ok: false, error: 'NOT_YOURS_TO_ACT' });
    const fr1IsPrincipal: ChainHolders = { ...HOLDERS, levels: { ...HOLDERS.levels, 4: [holder('fr1')] } };
    expect(applyAction(c, reopen, 'fr1', fr1IsPrincipal)).toEqual({
      ok: false,
      error: 'PROPOSER_IS_PRINCIPAL',
    });
  });

  it('records 落实 without changing the case, once, by the person who found the way', () => {
    const c = run(fresh(), resolvedAt2);
    const implemented: ActionInput = { type: 'recordFollowUp', outcome: 'implemented' };
    expect(applyAction(c, implemented, 'lc', HOLDERS)).toEqual({ ok: false, error: 'NOT_YOURS_TO_ACT' });
    const after = run(c, [['dh', implemented]]);
    expect(after).toMatchObject({ state: 'resolving', followUp: null });
    expect(applyAction(after, implemented, 'dh', HOLDERS).ok).toBe(false);
  });

  it('reopens the case at the level that found the way when the follow-up finds it 未落实, even after closing', () => {
    const atLevel3: [string, ActionInput][] = [
      ['fr1', { type: 'proposeRefusal', reason: 'notPermitted' }],
      ['dh', { type: 'decide', decision: 'escalate' }],
      ['lc', { type: 'decide', decision: 'resolvable' }],
      ['fr1', { type: 'closeDone' }],
    ];
    const closed = run(fresh(), atLevel3);
    expect(closed).toMatchObject({ state: 'closed', outcome: 'done' });
    const c = run(closed, [['lc', { type: 'recordFollowUp', outcome: 'notImplemented' }]]);
    expect(c).toMatchObject({ state: 'atLeaderInCharge', outcome: null, followUp: null, proposerId: 'fr1' });
    // The level below stands as it decided; level 3 decides again.
    expect(c.decisions).toEqual([rec(2, 'dh', 'escalate')]);
    expect(availableDecisions(c, 'lc', HOLDERS)).toEqual(['resolvable', 'escalate']);
  });

  it('sends a consultation’s failed way back to the first responder', () => {
    const c = run(fresh(), [
      ['fr1', { type: 'requestConsultation' }],
      ['lc', { type: 'recordConsultation', conclusion: 'resolvable' }],
    ]);
    expect(c.followUp).toEqual({ personId: 'lc', level: null });
    const back = run(c, [['lc', { type: 'recordFollowUp', outcome: 'notImplemented' }]]);
    expect(back).toMatchObject({ state: 'open', decisions: [], followUp: null });
  });

  it('no follow-up on a case closed otherwise than done', () => {
    const c = { ...buildCase('closed'), outcome: 'oneTimeNotice' as const };
    expect(applyAction(c, { type: 'recordFollowUp', outcome: 'implemented' }, 'dh', HOLDERS)).toEqual({
      ok: false,
      error: 'ACTION_NOT_ALLOWED',
    });
  });

  it('lets the proposer withdraw until someone else has decided', () => {
    const proposed = run(fresh(), [['fr1', { type: 'proposeRefusal', reason: 'uncertain' }]]);
    const withdraw: ActionInput = { type: 'withdrawProposal' };
    expect(applyAction(proposed, withdraw, 'dh', HOLDERS)).toEqual({ ok: false, error: 'NOT_YOURS_TO_ACT' });
    expect(run(proposed, [['fr1', withdraw]])).toMatchObject({
      state: 'open',
      proposerId: null,
      decisions: [],
    });
    const decided = run(proposed, [['dh', { type: 'decide', decision: 'escalate' }]]);
    expect(applyAction(decided, withdraw, 'fr1', HOLDERS)).toEqual({ ok: false, error: 'ALREADY_DECIDED' });
    // A proposer who is also the department head has only their own opinion on the form: still theirs.
    const headProposes: ChainHolders = { ...HOLDERS, levels: { ...HOLDERS.levels, 2: [holder('fr1')] } };
    const own = run(fresh(), [['fr1', { type: 'proposeRefusal', reason: 'uncertain' }]], headProposes);
    expect(own.state).toBe('atLeaderInCharge');
    expect(applyAction(own, withdraw, 'fr1', headProposes).ok).toBe(true);
  });
});

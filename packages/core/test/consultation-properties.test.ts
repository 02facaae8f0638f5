// Consultations (会商) under random action sequences (fast-check): conveners drawn from random sets of
// leaders of the departments concerned, requests naming random people, meetings recorded by random people.
// Whatever happens, the workflow's invariants hold with consultations in the mix (decision 0007).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyAction,
  eligibleConveners,
  isOriginator,
  newCase,
  type ActionInput,
  type ChainHolders,
  type WorkflowCase,
} from '../src/cases/rules.ts';
import { consultationConvenersOf, mayInviteToConsultation } from '../src/cases/consultation.ts';

const holder = (personId: string, actingFor: string | null = null) => ({ personId, actingFor });
// cl: a co-department's leader in charge; bp: the city bureau's principal leader.
const PERSON_IDS = ['fr1', 'fr2', 'dh', 'lc', 'pl', 'cl', 'bp', 'out'];

const holdersArb: fc.Arbitrary<ChainHolders> = fc
  .record({
    l2: fc.constantFrom('dh', 'fr1'),
    l3: fc.constantFrom('lc', 'dh', 'fr2'),
    l4: fc.constantFrom('pl', 'lc'),
    coLeader: fc.constantFrom('cl', 'lc', 'fr1'),
    acrossUnits: fc.boolean(),
  })
  .map(({ l2, l3, l4, coLeader, acrossUnits }) => {
    const levels: ChainHolders['levels'] = { 2: [holder(l2)], 3: [holder(l3)], 4: [holder(l4)] };
    const co: ChainHolders = {
      firstResponders: ['cf'],
      levels: { 2: [holder('ch')], 3: [holder(coLeader)], 4: [holder(acrossUnits ? 'cp' : l4)] },
    };
    const conveners = consultationConvenersOf({
      lead: { unitId: 'u1', holders: { firstResponders: ['fr1', 'fr2'], levels } },
      coDepartments: [{ unitId: acrossUnits ? 'u2' : 'u1', holders: co }],
      bureauPrincipalLeaderIds: ['bp'],
    });
    return { firstResponders: ['fr1', 'fr2'], levels, conveners };
  });

const FIXED_INPUTS: ActionInput[] = [
  { type: 'closeDone' },
  { type: 'proposeRefusal', reason: 'outOfScope' },
  { type: 'decide', decision: 'resolvable' },
  { type: 'decide', decision: 'escalate' },
  { type: 'decide', decision: 'refuse', workableSuggestion: '建议' },
  { type: 'requestConsultation' },
  { type: 'recordConsultation', conclusion: 'resolvable' },
  { type: 'recordConsultation', conclusion: 'notResolvable' },
  { type: 'recordReply', method: 'written' },
  { type: 'recordFeedback', accepted: false },
  { type: 'recordFollowUp', outcome: 'implemented' },
  { type: 'recordFollowUp', outcome: 'notImplemented' },
  { type: 'reopenRound', reason: 'conditionsLacking' },
];
const ALL_INPUTS: ActionInput[] = [
  ...FIXED_INPUTS,
  ...PERSON_IDS.map((convenerId): ActionInput => ({ type: 'requestConsultation', convenerId })),
  ...PERSON_IDS.map((toPersonId): ActionInput => ({ type: 'handOver', toPersonId })),
];

const stepArb = fc.record({
  guided: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  pick: fc.nat(),
  actor: fc.constantFrom(...PERSON_IDS),
  input: fc.constantFrom(...ALL_INPUTS),
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

describe('consultations under random action sequences (property)', () => {
  it('keep every invariant: no refusal without level 4, the originator never decides, a consultation never refuses, only its convener records it', () => {
    const seen = { requested: 0, recordedResolvable: 0, recordedNot: 0, refusedAfterConsultation: 0 };
    fc.assert(
      fc.property(holdersArb, fc.array(stepArb, { maxLength: 40 }), (holders, steps) => {
        let c = newCase({ firstResponderId: 'fr1', crossDepartment: true });
        let consulted = false;
        for (const step of steps) {
          const [actor, input] = stepToTake(c, holders, step);
          const before = c;
          const r = applyAction(c, input, actor, holders);
          if (!r.ok) {
            // Recording by anyone but the convener is refused as not theirs.
            if (input.type === 'recordConsultation' && before.state === 'inConsultation') {
              expect(actor).not.toBe(before.convenerId);
              expect(r.error).toBe('NOT_YOURS_TO_ACT');
            }
            continue;
          }
          c = r.next;
          if (input.type === 'requestConsultation') {
            seen.requested++;
            // The convener is a leader of a department concerned and never an originator of the case.
            expect(c.convenerId).not.toBeNull();
            expect(eligibleConveners(holders)).toContain(c.convenerId);
            expect(isOriginator(before, c.convenerId!)).toBe(false);
            expect(mayInviteToConsultation(c, c.convenerId!)).toBe(true);
            expect(mayInviteToConsultation(c, before.firstResponderId)).toBe(false);
          }
          if (input.type === 'recordConsultation') {
            consulted = true;
            // Only the convener records it, and they are not the case's originator.
            expect(actor).toBe(before.convenerId);
            expect(isOriginator(before, actor)).toBe(false);
            // A consultation finds a way or sends the case back to the chain: it never refuses.
            expect(['resolving', 'open']).toContain(c.state);
            expect(c.outcome).toBeNull();
            expect(c.convenerId).toBeNull();
            if (c.state === 'resolving') {
              seen.recordedResolvable++;
              expect(c.followUp).toEqual({ personId: actor, level: null });
            } else seen.recordedNot++;
          }
          if (c.state !== 'inConsultation') expect(c.convenerId).toBeNull();
          // No case is refused without a level-4 refusal in its latest round, by someone who did not
          // originate it.
          if (c.state === 'refused' || c.state === 'replied' || c.outcome === 'refused') {
            const level4 = c.decisions.find((d) => d.level === 4);
            expect(level4?.decision).toBe('refuse');
            expect(c.decisions.at(-1)).toBe(level4);
            expect(isOriginator(c, level4!.personId)).toBe(false);
            expect(level4!.personId).not.toBe(c.proposerId);
            if (consulted) seen.refusedAfterConsultation++;
          }
          // The proposer of a round never decides in it (but as their own levels' opinion).
          for (const d of c.decisions) if (d.personId === c.proposerId) expect(d.byProposer).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
    // The runs reached what they are about.
    expect(seen.requested).toBeGreaterThan(100);
    expect(seen.recordedResolvable).toBeGreaterThan(20);
    expect(seen.recordedNot).toBeGreaterThan(20);
    expect(seen.refusedAfterConsultation).toBeGreaterThan(0);
  });
});

describe('who may convene (consultationConvenersOf)', () => {
  const chain = (l3: string, l4: string): ChainHolders => ({
    firstResponders: ['x'],
    levels: { 2: [holder('h')], 3: [holder(l3)], 4: [holder(l4)] },
  });
  it('the leaders of every department concerned; the bureau principal leader only across units', () => {
    const within = consultationConvenersOf({
      lead: { unitId: 'u1', holders: chain('lc', 'pl') },
      coDepartments: [{ unitId: 'u1', holders: chain('cl', 'pl') }],
      bureauPrincipalLeaderIds: ['bp'],
    });
    expect(within.sort()).toEqual(['cl', 'lc', 'pl']);
    const across = consultationConvenersOf({
      lead: { unitId: 'u1', holders: chain('lc', 'pl') },
      coDepartments: [{ unitId: 'u2', holders: chain('cl', 'up') }],
      bureauPrincipalLeaderIds: ['bp'],
    });
    expect(across.sort()).toEqual(['bp', 'cl', 'lc', 'pl', 'up']);
  });
  it('refuses a convener outside that set, or one who originated the case', () => {
    const holders: ChainHolders = {
      ...chain('lc', 'pl'),
      firstResponders: ['fr1'],
      conveners: ['lc', 'fr1'],
    };
    const c = newCase({ firstResponderId: 'fr1', crossDepartment: true });
    expect(applyAction(c, { type: 'requestConsultation', convenerId: 'out' }, 'fr1', holders)).toEqual({
      ok: false,
      error: 'CONVENER_INVALID',
    });
    expect(applyAction(c, { type: 'requestConsultation', convenerId: 'fr1' }, 'fr1', holders)).toEqual({
      ok: false,
      error: 'CONVENER_INVALID',
    });
    const r = applyAction(c, { type: 'requestConsultation', convenerId: 'lc' }, 'fr1', holders);
    expect(r.ok && r.next).toMatchObject({ state: 'inConsultation', convenerId: 'lc' });
  });
});

// The case workflow as pure functions: who may do what in which state, and what each action leads to.
// The invariant it exists for: no refusal is final without the principal leader (level 4), no level is
// skipped, and each level is decided by the person holding it (or their named deputy), never the proposer.
import {
  LEVEL_OF_STATE,
  STATE_OF_LEVEL,
  type CaseAction,
  type CaseOutcome,
  type CaseState,
  type Decision,
  type DecisionLevel,
  type FollowUpOutcome,
  type RefusalReason,
} from './states.ts';
import type { ErrorCode } from '../shared/errors.ts';

/** Someone who may act at a level: the holder, or a deputy acting for them for a period (代理). */
export interface Holder {
  personId: string;
  actingFor: string | null;
}

/** Who holds each position of the case department's chain now. */
export interface ChainHolders {
  firstResponders: readonly string[];
  levels: Record<DecisionLevel, readonly Holder[]>;
  /**
   * Who may convene a consultation (会商召集人) on this case, from the chains of every department concerned
   * (`consultationConvenersOf()` in consultation.ts). Absent: the lead department's levels 3 and 4.
   */
  conveners?: readonly string[];
}

export interface DecisionRecord {
  level: DecisionLevel;
  decision: Decision;
  personId: string;
  actingFor: string | null;
  /** The proposer's own opinion at a level they also hold (they decide once, the form shows it at each). */
  byProposer: boolean;
}

/**
 * A follow-up duty (跟踪问效) that is still open: who found the way and must check it was carried out, and
 * the level whose 能办 it was (null: a consultation found it). A case has at most one: every new round
 * supersedes the last one's.
 */
export interface FollowUpDuty {
  personId: string;
  level: DecisionLevel | null;
}

export interface WorkflowCase {
  state: CaseState;
  outcome: CaseOutcome | null;
  firstResponderId: string;
  proposerId: string | null;
  /** The current (or last) approval form's decisions, level by level. */
  decisions: readonly DecisionRecord[];
  /** The open follow-up duty of whoever found the current way (能办), if any. */
  followUp: FollowUpDuty | null;
  crossDepartment: boolean;
  /** The leader who convenes the consultation the case waits for (inConsultation), else null. */
  convenerId: string | null;
  /**
   * Everyone who originated the case or handed it over: who registered it, every first responder it has
   * had, and everyone who handed it on. None of them may confirm its refusal (decision 0007).
   */
  originatorIds: readonly string[];
}

export type ActionInput =
  | { type: 'handOver'; toPersonId: string }
  | { type: 'closeDone' }
  | { type: 'giveOneTimeNotice' }
  | { type: 'proposeRefusal'; reason: RefusalReason }
  | { type: 'decide'; decision: Decision; workableSuggestion?: string | null }
  | { type: 'requestConsultation'; convenerId?: string | undefined }
  | { type: 'recordConsultation'; conclusion: 'resolvable' | 'notResolvable' }
  | { type: 'recordReply'; method: 'phone' | 'written' }
  | { type: 'recordFeedback'; accepted: boolean }
  | { type: 'recordFollowUp'; outcome: FollowUpOutcome }
  | { type: 'reopenRound'; reason: RefusalReason }
  | { type: 'withdrawProposal' };

export type WorkflowError =
  | 'ACTION_NOT_ALLOWED' // not possible in this state
  | 'NOT_YOURS_TO_ACT' // the case is not at a position this person holds
  | 'OWN_PROPOSAL' // nobody approves their own proposal
  | 'DECISION_NOT_AT_THIS_LEVEL' // escalate at level 4, refuse below it
  | 'SUGGESTION_REQUIRED' // a final refusal needs a workable suggestion (说“行”建议)
  | 'INVALID_HANDOVER' // hand-over only to another first responder of the department
  | 'PROPOSER_IS_PRINCIPAL' // a principal leader cannot propose a refusal they would have to approve
  | 'OWN_CASE_REFUSAL' // whoever originated or handed over a case cannot confirm its refusal
  | 'CONVENER_INVALID' // the convener must be a leader of a department concerned, not an originator
  | 'ALREADY_DECIDED'; // a proposal is withdrawn only before anyone but the proposer has decided on it

export type WorkflowResult = { ok: true; next: WorkflowCase } | { ok: false; error: WorkflowError };

/** Which actions a state admits at all. Exhaustive: a new state does not compile until it is placed here. */
export const ACTIONS_BY_STATE: Record<CaseState, readonly CaseAction[]> = {
  open: ['handOver', 'closeDone', 'giveOneTimeNotice', 'proposeRefusal', 'requestConsultation'],
  atDeptHead: ['decide', 'withdrawProposal'],
  atLeaderInCharge: ['decide', 'withdrawProposal'],
  atPrincipalLeader: ['decide', 'withdrawProposal'],
  resolving: ['handOver', 'closeDone', 'reopenRound', 'recordFollowUp'],
  inConsultation: ['recordConsultation'],
  refused: ['handOver', 'recordReply'],
  replied: ['recordFeedback'],
  closed: ['recordFollowUp'],
};

function holds(holders: ChainHolders, level: DecisionLevel, personId: string): Holder | undefined {
  return holders.levels[level].find((h) => h.personId === personId);
}

/** The levels from `from` up that `personId` holds without a gap: they decide them all at once. */
function consecutiveLevels(holders: ChainHolders, from: DecisionLevel, personId: string): DecisionLevel[] {
  const span: DecisionLevel[] = [];
  for (let level = from; level <= 4; level++) {
    if (!holds(holders, level as DecisionLevel, personId)) break;
    span.push(level as DecisionLevel);
  }
  return span;
}

/**
 * Moves the form up to the first level above `from` that someone other than the proposer must decide.
 * Levels the proposer holds themselves carry their proposal as that level's opinion.
 */
function advance(
  c: WorkflowCase,
  holders: ChainHolders,
  from: DecisionLevel | 1,
  decisions: DecisionRecord[],
): WorkflowCase | WorkflowError {
  let level = from + 1;
  while (level <= 4) {
    const proposerHolds = c.proposerId ? holds(holders, level as DecisionLevel, c.proposerId) : undefined;
    if (!proposerHolds) break;
    if (level === 4) return 'PROPOSER_IS_PRINCIPAL';
    decisions.push({
      level: level as DecisionLevel,
      decision: 'escalate',
      personId: proposerHolds.personId,
      actingFor: proposerHolds.actingFor,
      byProposer: true,
    });
    level++;
  }
  return { ...c, state: STATE_OF_LEVEL[level as DecisionLevel], decisions };
}

function isFirstResponder(c: WorkflowCase, actorId: string): boolean {
  return c.firstResponderId === actorId;
}

/** Who may convene a consultation: as the server worked it out, else the lead chain's levels 3 and 4. */
export function eligibleConveners(holders: ChainHolders): readonly string[] {
  return (
    holders.conveners ?? [...new Set([...holders.levels[3], ...holders.levels[4]].map((h) => h.personId))]
  );
}

/** The convener when the request names none: the lead department's leader in charge (分管领导). */
export function defaultConvenerOf(holders: ChainHolders): string | undefined {
  const lc = holders.levels[3].find((h) => h.actingFor === null) ?? holders.levels[3][0];
  return lc?.personId ?? eligibleConveners(holders)[0];
}

/** Registered the case, was (or is) its first responder, or handed it over. */
export function isOriginator(c: WorkflowCase, personId: string): boolean {
  return c.firstResponderId === personId || c.originatorIds.includes(personId);
}

type Handler = (
  c: WorkflowCase,
  input: ActionInput,
  actorId: string,
  holders: ChainHolders,
) => WorkflowResult;

const fail = (error: WorkflowError): WorkflowResult => ({ ok: false, error });
const done = (next: WorkflowCase): WorkflowResult => ({ ok: true, next });

/** What each action does, given it is allowed in the state. Exhaustive over actions. */
const HANDLERS: Record<CaseAction, Handler> = {
  handOver(c, input, actorId, holders) {
    if (input.type !== 'handOver') return fail('ACTION_NOT_ALLOWED');
    const mayHandOver = isFirstResponder(c, actorId) || holds(holders, 2, actorId) !== undefined;
    if (!mayHandOver) return fail('NOT_YOURS_TO_ACT');
    if (input.toPersonId === c.firstResponderId || !holders.firstResponders.includes(input.toPersonId)) {
      return fail('INVALID_HANDOVER');
    }
    return done({
      ...c,
      firstResponderId: input.toPersonId,
      originatorIds: [...new Set([...c.originatorIds, c.firstResponderId, actorId, input.toPersonId])],
    });
  },
  closeDone(c, _input, actorId) {
    if (!isFirstResponder(c, actorId)) return fail('NOT_YOURS_TO_ACT');
    return done({ ...c, state: 'closed', outcome: 'done' });
  },
  giveOneTimeNotice(c, _input, actorId) {
    if (!isFirstResponder(c, actorId)) return fail('NOT_YOURS_TO_ACT');
    return done({ ...c, state: 'closed', outcome: 'oneTimeNotice' });
  },
  proposeRefusal(c, _input, actorId, holders) {
    if (!isFirstResponder(c, actorId)) return fail('NOT_YOURS_TO_ACT');
    if (holds(holders, 4, actorId)) return fail('PROPOSER_IS_PRINCIPAL');
    const next = advance({ ...c, proposerId: actorId }, holders, 1, []);
    return typeof next === 'string' ? fail(next) : done(next);
  },
  decide(c, input, actorId, holders) {
    if (input.type !== 'decide') return fail('ACTION_NOT_ALLOWED');
    const level = LEVEL_OF_STATE[c.state];
    if (!level) return fail('ACTION_NOT_ALLOWED');
    if (actorId === c.proposerId) return fail('OWN_PROPOSAL');
    const span = consecutiveLevels(holders, level, actorId);
    const top = span[span.length - 1];
    if (top === undefined) return fail('NOT_YOURS_TO_ACT');
    if (input.decision === 'escalate' && top === 4) return fail('DECISION_NOT_AT_THIS_LEVEL');
    if (input.decision === 'refuse' && top !== 4) return fail('DECISION_NOT_AT_THIS_LEVEL');
    if (input.decision === 'refuse' && !input.workableSuggestion?.trim()) return fail('SUGGESTION_REQUIRED');
    // Handing a case to someone else and then confirming their "no" is confirming one's own.
    if (input.decision === 'refuse' && isOriginator(c, actorId)) return fail('OWN_CASE_REFUSAL');
    const records: DecisionRecord[] = [...c.decisions];
    for (const l of span) {
      const h = holds(holders, l, actorId);
      records.push({
        level: l,
        decision: input.decision === 'refuse' && l < 4 ? 'escalate' : input.decision,
        personId: actorId,
        actingFor: h?.actingFor ?? null,
        byProposer: false,
      });
    }
    if (input.decision === 'resolvable') {
      // The duty is the level the form had reached: a failed way reopens the form there.
      return done({ ...c, state: 'resolving', decisions: records, followUp: { personId: actorId, level } });
    }
    if (input.decision === 'refuse') return done({ ...c, state: 'refused', decisions: records });
    const next = advance(c, holders, top, records);
    return typeof next === 'string' ? fail(next) : done(next);
  },
  requestConsultation(c, input, actorId, holders) {
    if (input.type !== 'requestConsultation') return fail('ACTION_NOT_ALLOWED');
    if (!isFirstResponder(c, actorId)) return fail('NOT_YOURS_TO_ACT');
    if (!c.crossDepartment) return fail('ACTION_NOT_ALLOWED');
    const convenerId = input.convenerId ?? defaultConvenerOf(holders);
    // A leader of a department concerned convenes; never someone who originated the case (they would
    // decide on their own matter), so the requester never records the meeting themselves.
    if (!convenerId || !eligibleConveners(holders).includes(convenerId) || isOriginator(c, convenerId)) {
      return fail('CONVENER_INVALID');
    }
    return done({ ...c, state: 'inConsultation', convenerId });
  },
  recordConsultation(c, input, actorId) {
    if (input.type !== 'recordConsultation') return fail('ACTION_NOT_ALLOWED');
    // Only the convener records the meeting they convened.
    if (c.convenerId === null || c.convenerId !== actorId) return fail('NOT_YOURS_TO_ACT');
    // A consultation can find a way; it cannot refuse: a refusal still goes up the chain from `open`.
    if (input.conclusion !== 'resolvable') return done({ ...c, state: 'open', convenerId: null });
    // The convener whose meeting found the way checks it was carried out.
    return done({
      ...c,
      state: 'resolving',
      convenerId: null,
      followUp: { personId: actorId, level: null },
    });
  },
  recordReply(c, _input, actorId) {
    if (!isFirstResponder(c, actorId)) return fail('NOT_YOURS_TO_ACT');
    return done({ ...c, state: 'replied' });
  },
  recordFeedback(c, _input, actorId) {
    if (!isFirstResponder(c, actorId)) return fail('NOT_YOURS_TO_ACT');
    return done({ ...c, state: 'closed', outcome: 'refused' });
  },
  recordFollowUp(c, input, actorId, holders) {
    if (input.type !== 'recordFollowUp') return fail('ACTION_NOT_ALLOWED');
    if (c.state === 'closed' && c.outcome !== 'done') return fail('ACTION_NOT_ALLOWED');
    const duty = c.followUp;
    if (!duty || duty.personId !== actorId) return fail('NOT_YOURS_TO_ACT');
    if (input.outcome === 'implemented') return done({ ...c, followUp: null });
    // 未落实: the way failed. A consultation's way sends the case back to the first responder; a level's
    // reopens the form at that level as a new round, the levels below it standing as they decided.
    const reopened: WorkflowCase = { ...c, outcome: null, followUp: null };
    if (duty.level === null) return done({ ...reopened, state: 'open', proposerId: null, decisions: [] });
    const level = duty.level;
    const below = c.decisions.filter((d) => d.level < level);
    const next = advance(reopened, holders, (level - 1) as DecisionLevel | 1, below);
    return typeof next === 'string' ? fail(next) : done(next);
  },
  reopenRound(c, _input, actorId, holders) {
    if (!isFirstResponder(c, actorId)) return fail('NOT_YOURS_TO_ACT');
    if (holds(holders, 4, actorId)) return fail('PROPOSER_IS_PRINCIPAL');
    // The way failed: a new round of the form from level 2, proposed by the first responder now.
    const next = advance({ ...c, proposerId: actorId, followUp: null }, holders, 1, []);
    return typeof next === 'string' ? fail(next) : done(next);
  },
  withdrawProposal(c, _input, actorId) {
    if (actorId !== c.proposerId || !isFirstResponder(c, actorId)) return fail('NOT_YOURS_TO_ACT');
    // Only the proposer's own opinions (at levels they hold) may be on the form: nobody else has decided.
    if (!c.decisions.every((d) => d.byProposer)) return fail('ALREADY_DECIDED');
    return done({ ...c, state: 'open', proposerId: null, decisions: [] });
  },
};

/** Applies an action: the one entry point every state change goes through. */
export function applyAction(
  c: WorkflowCase,
  input: ActionInput,
  actorId: string,
  holders: ChainHolders,
): WorkflowResult {
  if (!ACTIONS_BY_STATE[c.state].includes(input.type)) return fail('ACTION_NOT_ALLOWED');
  return HANDLERS[input.type](c, input, actorId, holders);
}

/** The actions this person may take now, for the buttons the web app shows. */
export function availableActions(c: WorkflowCase, actorId: string, holders: ChainHolders): CaseAction[] {
  const probes: Record<CaseAction, ActionInput[]> = {
    handOver: holders.firstResponders
      .filter((p) => p !== c.firstResponderId)
      .slice(0, 1)
      .map((toPersonId) => ({ type: 'handOver', toPersonId })),
    closeDone: [{ type: 'closeDone' }],
    giveOneTimeNotice: [{ type: 'giveOneTimeNotice' }],
    proposeRefusal: [{ type: 'proposeRefusal', reason: 'other' }],
    decide: [
      { type: 'decide', decision: 'resolvable' },
      { type: 'decide', decision: 'escalate' },
      { type: 'decide', decision: 'refuse', workableSuggestion: '-' },
    ],
    requestConsultation: eligibleConveners(holders).map((convenerId) => ({
      type: 'requestConsultation',
      convenerId,
    })),
    recordConsultation: [{ type: 'recordConsultation', conclusion: 'resolvable' }],
    recordReply: [{ type: 'recordReply', method: 'phone' }],
    recordFeedback: [{ type: 'recordFeedback', accepted: true }],
    recordFollowUp: [{ type: 'recordFollowUp', outcome: 'implemented' }],
    reopenRound: [{ type: 'reopenRound', reason: 'other' }],
    withdrawProposal: [{ type: 'withdrawProposal' }],
  };
  return ACTIONS_BY_STATE[c.state].filter((action) =>
    probes[action].some((input) => applyAction(c, input, actorId, holders).ok),
  );
}

/** The decisions this person may choose between at the case's current level (empty when none). */
export function availableDecisions(c: WorkflowCase, actorId: string, holders: ChainHolders): Decision[] {
  const options: Decision[] = ['resolvable', 'escalate', 'refuse'];
  return options.filter(
    (decision) => applyAction(c, { type: 'decide', decision, workableSuggestion: '-' }, actorId, holders).ok,
  );
}

export function newCase(args: {
  firstResponderId: string;
  crossDepartment: boolean;
  registeredBy?: string;
}): WorkflowCase {
  return {
    state: 'open',
    outcome: null,
    firstResponderId: args.firstResponderId,
    proposerId: null,
    decisions: [],
    followUp: null,
    crossDepartment: args.crossDepartment,
    convenerId: null,
    originatorIds: [...new Set([args.registeredBy ?? args.firstResponderId, args.firstResponderId])],
  };
}

/** The error each workflow refusal is reported as. */
export const WORKFLOW_ERROR_CODES = {
  ACTION_NOT_ALLOWED: 'CASE_ACTION_NOT_ALLOWED',
  NOT_YOURS_TO_ACT: 'CASE_NOT_AT_YOUR_LEVEL',
  OWN_PROPOSAL: 'OWN_PROPOSAL',
  DECISION_NOT_AT_THIS_LEVEL: 'DECISION_NOT_AT_THIS_LEVEL',
  SUGGESTION_REQUIRED: 'SUGGESTION_REQUIRED',
  INVALID_HANDOVER: 'INVALID_HANDOVER',
  PROPOSER_IS_PRINCIPAL: 'PROPOSER_IS_PRINCIPAL',
  OWN_CASE_REFUSAL: 'OWN_CASE_REFUSAL',
  ALREADY_DECIDED: 'PROPOSAL_ALREADY_DECIDED',
  CONVENER_INVALID: 'CONSULTATION_CONVENER_INVALID',
} as const satisfies Record<WorkflowError, ErrorCode>;

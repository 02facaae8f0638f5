// The states a case passes through, the actions people take on it, and the refusal reasons
// (work plan 三(一)–(四), 四(一)). Names follow ../../../../../shared/GLOSSARY.md.

export const CASE_STATES = [
  'open', // registered; the first responder handles it (办理 or 一次性告知) or proposes a refusal
  'atDeptHead', // approval form at level 2
  'atLeaderInCharge', // level 3
  'atPrincipalLeader', // level 4
  'resolving', // a level found a way (能办): the first responder carries it out and closes it as done
  'inConsultation', // cross-department matter waiting for the joint consultation (会商)
  'refused', // the principal leader confirmed the refusal: the applicant must be answered in 3 working days
  'replied', // answered; waiting for the applicant's feedback
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_OUTCOMES = ['done', 'oneTimeNotice', 'refused'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const CASE_ACTIONS = [
  'handOver',
  'closeDone',
  'giveOneTimeNotice',
  'proposeRefusal',
  'decide',
  'requestConsultation',
  'recordConsultation',
  'recordReply',
  'recordFeedback',
  'recordFollowUp',
  'reopenRound',
  'withdrawProposal',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const REFUSAL_REASONS = [
  'outOfScope',
  'uncertain',
  'notPermitted',
  'conditionsLacking',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Decision levels: 2 department head, 3 leader in charge, 4 principal leader. */
export type DecisionLevel = 2 | 3 | 4;
export const DECISION_LEVELS: readonly DecisionLevel[] = [2, 3, 4];

export const LEVEL_OF_STATE: Partial<Record<CaseState, DecisionLevel>> = {
  atDeptHead: 2,
  atLeaderInCharge: 3,
  atPrincipalLeader: 4,
};

export const STATE_OF_LEVEL: Record<DecisionLevel, CaseState> = {
  2: 'atDeptHead',
  3: 'atLeaderInCharge',
  4: 'atPrincipalLeader',
};

export type Decision = 'resolvable' | 'escalate' | 'refuse';

/** What a follow-up check (跟踪问效) found: the way was carried out (落实) or not (未落实). */
export const FOLLOW_UP_OUTCOMES = ['implemented', 'notImplemented'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/** Working days after a 能办 that its follow-up check is due (to be wired to the bureau's settings). */
export const DEFAULT_FOLLOW_UP_WORKING_DAYS = 5;

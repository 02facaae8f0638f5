// The applicant's own view of a case (回执 / 查询码, 好差评, 重新办理) as pure rules: what a tracking code
// looks like, what the public page says of each state, and when the applicant may rate or ask to reopen.
// The server finds the case a code belongs to; what the code then grants is decided here, nowhere else.
import { addWorkingDays, type WorkCalendar } from '../calendar/rules.ts';
import type { CaseOutcome, CaseState, DecisionLevel } from '../cases/states.ts';
import { LEVEL_OF_STATE } from '../cases/states.ts';

/**
 * Crockford's base-32 alphabet: no I, L, O or U, so a code read out over the phone or copied by hand is
 * not mistaken. 16 characters of 5 bits each: 80 bits of randomness.
 */
export const TRACKING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 16;

/** How a code is shown and printed: four groups of four (ABCD-EFGH-JKMN-PQRS). */
export function formatTrackingCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * The code as typed, made canonical: upper case, spaces and dashes dropped, the letters people confuse
 * read as the digits they look like (O → 0, I and L → 1). Null when what is left is not a code at all.
 */
export function normalizeTrackingCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== TRACKING_CODE_LENGTH) return null;
  for (const ch of code) if (!TRACKING_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** Turns random bytes (at least one per character) into a code; the server supplies the bytes. */
export function trackingCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < TRACKING_CODE_LENGTH) throw new RangeError('need one random byte per character');
  let code = '';
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) code += TRACKING_CODE_ALPHABET[bytes[i]! % 32];
  return code;
}

/** 五级满意度 (好差评), best first. */
export const SATISFACTION_RATINGS = [
  'verySatisfied',
  'satisfied',
  'fairlySatisfied',
  'dissatisfied',
  'veryDissatisfied',
] as const;
export type SatisfactionRating = (typeof SATISFACTION_RATINGS)[number];

/** 不满意 or worse goes to the supervision office (督查室). */
export function isFlaggedRating(rating: SatisfactionRating): boolean {
  return rating === 'dissatisfied' || rating === 'veryDissatisfied';
}

/** Why a case was flagged for the supervision office. */
export const SUPERVISION_FLAG_KINDS = ['rating', 'feedback'] as const;
export type SupervisionFlagKind = (typeof SUPERVISION_FLAG_KINDS)[number];

/** Working days after the answer within which the applicant may ask for the matter to be handled again. */
export const REOPEN_WORKING_DAYS = 10;

/** States in which the applicant has had an answer: a way being carried out, a reply, or a close. */
export const ANSWERED_STATES: readonly CaseState[] = ['resolving', 'replied', 'closed'];

/** The public page's words for where a case is, nothing about who holds it. */
export type PublicStage =
  | 'beingHandled' // received; the first responder handles it
  | 'underReview' // the approval form is at a level (科室负责人、分管领导、主要领导)
  | 'inConsultation' // departments meet on it (会商)
  | 'resolving' // a way was found; it is being carried out
  | 'answering' // decided; the first responder answers within the reply's due date
  | 'answered' // answered (the reason and the workable suggestion are shown)
  | 'closed';

export function publicStageOf(state: CaseState): { stage: PublicStage; level: DecisionLevel | null } {
  const STAGES: Record<CaseState, PublicStage> = {
    open: 'beingHandled',
    atDeptHead: 'underReview',
    atLeaderInCharge: 'underReview',
    atPrincipalLeader: 'underReview',
    inConsultation: 'inConsultation',
    resolving: 'resolving',
    refused: 'answering',
    replied: 'answered',
    closed: 'closed',
  };
  return { stage: STAGES[state], level: LEVEL_OF_STATE[state] ?? null };
}

/** Whether the reply's reason and workable suggestion may be shown: once the refusal was answered. */
export function showsReply(state: CaseState, outcome: CaseOutcome | null): boolean {
  return state === 'replied' || (state === 'closed' && outcome === 'refused');
}

/** What the public page knows of a case's answer, to decide what its holder may do. */
export interface AnswerFacts {
  state: CaseState;
  /** The China date the case reached its answered state (null while it has none). */
  answeredOn: string | null;
  /** A rating was already given for this answer. */
  rated: boolean;
}

export interface PublicAbilities {
  read: true;
  rate: boolean;
  reopen: boolean;
  /** Last day a reopen may be asked for (null when the case has no answer yet). */
  reopenUntil: string | null;
  /** The answer exists but the window has passed: the page says so. */
  reopenExpired: boolean;
}

/**
 * The one access decision of the public page: a tracking code that matched grants read of that one
 * case's public view; rating once per answer; reopening within REOPEN_WORKING_DAYS working days of it.
 */
export function publicAbilitiesOf(
  facts: AnswerFacts,
  args: { today: string; calendar: WorkCalendar },
): PublicAbilities {
  const answered = ANSWERED_STATES.includes(facts.state) && facts.answeredOn !== null;
  if (!answered || facts.answeredOn === null) {
    return { read: true, rate: false, reopen: false, reopenUntil: null, reopenExpired: false };
  }
  const reopenUntil = reopenDeadlineOf(facts.answeredOn, args.calendar);
  const inWindow = args.today <= reopenUntil;
  return {
    read: true,
    rate: !facts.rated,
    reopen: inWindow,
    reopenUntil,
    reopenExpired: !inWindow,
  };
}

/** The last day of the reopen window: 10 working days after the answer, the day of the answer not counted. */
export function reopenDeadlineOf(answeredOn: string, calendar: WorkCalendar): string {
  return addWorkingDays({ from: answeredOn, workdays: REOPEN_WORKING_DAYS, calendar }).due;
}

/**
 * Whether the state change of a case gives it a new answer date, keeps it, or clears it: entering an
 * answered state from an unanswered one is an answer on that day; a reply closed by its feedback keeps the
 * reply's date; going back to work clears it.
 */
export function answeredOnAfter(args: {
  before: CaseState;
  after: CaseState;
  answeredOn: string | null;
  today: string;
}): string | null {
  const was = ANSWERED_STATES.includes(args.before);
  const is = ANSWERED_STATES.includes(args.after);
  if (!is) return null;
  if (!was || args.answeredOn === null) return args.today;
  // replied → closed (feedback), resolving → closed (done): the answer the applicant had stands.
  return args.answeredOn;
}

/**
 * The applicant's reopen (重新办理): the case goes back to `open` with its first responder of the moment,
 * whatever answered state it was in (decision 0007, "The applicant's own view"). No proposal stands and no
 * follow-up duty stays open: the next refusal is a new round of the approval form, proposed as any other.
 */
export function reopenedByApplicant<C extends ReopenableCase>(c: C): C {
  return { ...c, state: 'open', outcome: null, proposerId: null, decisions: [], followUp: null };
}

interface ReopenableCase {
  state: CaseState;
  outcome: CaseOutcome | null;
  proposerId: string | null;
  decisions: readonly unknown[];
  followUp: unknown;
}

/**
 * What staff may do with a case's tracking: its first responder issues a new code (the old one stops
 * working: a lost receipt) and records a rating the applicant gave by phone, once per answer.
 */
export function staffTrackingAbilitiesOf(args: { isFirstResponder: boolean; facts: AnswerFacts }): {
  reissue: boolean;
  rate: boolean;
} {
  const answered = ANSWERED_STATES.includes(args.facts.state) && args.facts.answeredOn !== null;
  return { reissue: args.isFirstResponder, rate: args.isFirstResponder && answered && !args.facts.rated };
}

// The supervision ledger (台账, work plan 四(三)): the states a report (举报/投诉 “办不成事”) passes through,
// the actions taken on it, where it comes from, and the roles people hold on one report. Names follow
// ../../../../../shared/GLOSSARY.md.

/** Where a report came from: the public site, registered by the office, or raised from a case's flag. */
export const REPORT_SOURCES = ['site', 'phone', 'letter', 'visit', 'rating', 'feedback'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** Sources the office registers by hand (a call, a letter, a visit). */
export const REGISTERED_SOURCES = ['phone', 'letter', 'visit'] as const;
export type RegisteredSource = (typeof REGISTERED_SOURCES)[number];

export const REPORT_STATES = [
  'received', // waiting for the preliminary assessment (初步研判)
  'inLedger', // in scope: in the ledger, handled by the office (orders, links, referral, the reply)
  'supervising', // at least one supervision order (督办单) is not yet verified by the office
  'referred', // referred to discipline inspection (移送纪检): waiting for its finding
  'closed', // explained (out of scope) or replied to: the answer is on the status page
] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** How a closed report ended: out of scope and explained (答疑解惑), or in scope and replied to. */
export const REPORT_OUTCOMES = ['explained', 'replied'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

export const TRIAGE_DECISIONS = ['inScope', 'outOfScope'] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

export const REPORT_ACTIONS = [
  'triage',
  'linkCase',
  'unlinkCase',
  'addMaterial',
  'supervise',
  'answerOrder',
  'verifyOrder',
  'referToDiscipline',
  'recordFinding',
  'reply',
  'revealReporter',
] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** A supervision order: open (the department acts), answered (waiting for the office), accepted. */
export const ORDER_STATES = ['open', 'answered', 'accepted'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const REFERRAL_STATES = ['open', 'found'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

/**
 * The roles a person holds on one report (a person may hold several):
 * - `handlingOffice`: the office that receives it — the city bureau's supervision office for reports about
 *   the bureau's own departments, the unit's discipline inspection for reports about a unit (分局, 所);
 * - `overseeingOffice`: the city bureau's supervision office on a unit's report (reads it, does not act);
 * - `orderedDeptHead`: the head of a department a supervision order of the report is addressed to;
 * - `disciplineInspection`: discipline inspection receiving the report's referral (of the report's unit);
 * - `none`: anyone else (the report does not exist for them).
 */
export const REPORT_ROLES = [
  'handlingOffice',
  'overseeingOffice',
  'orderedDeptHead',
  'disciplineInspection',
  'none',
] as const;
export type ReportRole = (typeof REPORT_ROLES)[number];

/** The public status page's words for where a report is. */
export const PUBLIC_REPORT_STAGES = ['received', 'inProgress', 'answered', 'closed'] as const;
export type PublicReportStage = (typeof PUBLIC_REPORT_STAGES)[number];

/** Working days a supervision order is given when the office names none. */
export const DEFAULT_ORDER_WORKDAYS = 5;
export const MAX_ORDER_WORKDAYS = 60;
/** Files a reporter may attach on the public form. */
export const MAX_PUBLIC_REPORT_FILES = 5;

// Table types as Kysely sees them. Timestamps are ISO-8601 UTC strings and dates YYYY-MM-DD strings in
// both dialects (docs/decisions/0002); booleans are 0/1 integers. Enumerated columns carry their union
// types, which migration 0008-constraints makes the database enforce, so repositories map rows to domain
// objects without casts. These types never leave repositories.
import type { Generated, Insertable, Selectable } from 'kysely';
import type {
  CaseOutcome,
  CaseState,
  ChainPosition,
  Decision,
  DecisionLevel,
  Lang,
  MatterType,
  NotificationKind,
  OrgUnitKind,
  OutboxChannel,
  OutboxOutcome,
  RefusalReason,
  Role,
  SatisfactionRating,
  SupervisionFlagKind,
  OrderState,
  ReferralState,
  ReportOutcome,
  ReportSource,
  ReportState,
  TriageDecision,
} from '@bancheng/core';

/** A boolean stored as an integer. */
export type Flag = 0 | 1;
export type PersonStatus = 'active' | 'disabled';
export type ApplicantKind = 'person' | 'enterprise';
export type CaseChannel = 'visit' | 'phone' | 'letter' | 'online' | 'counter';

export interface OrgUnitTable {
  id: string;
  parent_id: string | null;
  kind: OrgUnitKind;
  name: string;
  sort_order: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DepartmentTable {
  id: string;
  unit_id: string;
  name: string;
  sort_order: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: string;
  username: string;
  display_name: string;
  department_id: string;
  password_hash: string;
  phone: string | null;
  email: string | null;
  status: PersonStatus;
  must_change_password: Flag;
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** The language the person reads in (0020); their email and SMS are written in it. */
  language: Generated<Lang>;
}

export interface PersonRoleTable {
  person_id: string;
  role: Role;
}

export interface ChainAssignmentTable {
  id: string;
  department_id: string;
  position: ChainPosition;
  person_id: string;
  effective_from: string;
  effective_to: string | null;
  created_at: string;
  created_by: string | null;
}

export interface SessionTable {
  id: string;
  person_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  address: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  scope: string;
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

export interface AuditEventTable {
  /** bigint on PostgreSQL, which the pg driver returns as a string; INTEGER (64-bit) on SQLite. */
  id: Generated<number | string>;
  occurred_at: string;
  type: string;
  actor_id: string | null;
  actor_address: string | null;
  subject_type: string | null;
  subject_id: string | null;
  payload: string;
}

export interface CaseNumberSequenceTable {
  year: number;
  next_value: number;
}

export interface CaseTable {
  id: string;
  number: string;
  year: number;
  seq: number;
  department_id: string;
  first_responder_id: string;
  registered_by: string;
  applicant_kind: ApplicantKind;
  applicant_name: string;
  applicant_credit_code: string | null;
  applicant_phone: string;
  applicant_address: string | null;
  channel: CaseChannel;
  received_at: string;
  matter_type: MatterType;
  matter_title: string;
  description: string;
  cross_department: Flag;
  state: CaseState;
  outcome: CaseOutcome | null;
  proposer_id: string | null;
  /** When the current approval form was proposed. */
  proposed_at: string | null;
  form_round: number;
  refusal_reason: RefusalReason | null;
  refusal_reason_text: string | null;
  workable_suggestion: string | null;
  refused_at: string | null;
  reply_deadline: string | null;
  reply_deadline_provisional: Flag;
  matter_id: string | null;
  /** From the matter's statutory time limit, counted from the day of receipt. */
  due_date: string | null;
  due_provisional: Flag;
  /** The China date the current form reached the level the case waits at (migration 0012); null elsewhere. */
  level_entered_on: string | null;
  closed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** 没有明确主管部门 (migration 0018): led by the first-inquiry department. */
  no_competent_department: Flag;
  /** The leader convening the consultation the case waits for (0018); null when it waits for none. */
  consultation_convener_id: string | null;
  /** The first reply's China date (0019), for the late answer lists show. */
  replied_on: string | null;
  /** The reply letter's 文号 (0019): year and number per department, and as printed; null until made. */
  letter_year: number | null;
  letter_seq: number | null;
  letter_number: string | null;
}

export interface CaseCoDepartmentTable {
  case_id: string;
  department_id: string;
}

export interface CaseDecisionTable {
  id: string;
  case_id: string;
  form_round: number;
  level: DecisionLevel;
  decision: Decision;
  opinion: string;
  person_id: string;
  acting_for: string | null;
  by_proposer: Flag;
  decided_at: string;
}

export interface ActingDeputyTable {
  id: string;
  deputy_id: string;
  for_person_id: string;
  from_date: string;
  to_date: string;
  created_at: string;
  created_by: string | null;
}

/** Each case's search id, in the order cases were registered (migration 0010). The searchable text is
 * in `body` on PostgreSQL only; SQLite keeps it in the two full-text tables below, whose rowid is the
 * search id. All three are written by triggers on `cases`, never by the application. */
export interface CaseSearchTable {
  /** bigint on PostgreSQL, which the driver returns as text. */
  search_id: Generated<number | string>;
  case_id: string;
  body: string;
}

/** SQLite's contentless FTS5 tables: trigram, and one token per character. */
export interface CaseSearchFtsTable {
  rowid: number;
  body: string;
}

/** The bureau's time limits: one row, id 1 (migration 0012). */
export interface BureauSettingsTable {
  id: number;
  level2_workdays: number;
  level3_workdays: number;
  level4_workdays: number;
  reply_counting: 'receipt' | 'finalRefusal';
  reply_workdays: number;
  follow_up_workdays: number;
  version: number;
  updated_at: string | null;
  /** The reply letter's contact number (0019). */
  contact_phone: string | null;
}

/** A request answered once per person and key (migration 0011, platform/idempotency). */
export interface IdempotencyKeyTable {
  person_id: string;
  key: string;
  method: string;
  route: string;
  request_hash: string;
  status: number;
  /** The JSON answer; null only inside the transaction that claimed the key. */
  response: string | null;
  created_at: string;
}

export interface DB {
  bureau_settings: BureauSettingsTable;
  org_units: OrgUnitTable;
  departments: DepartmentTable;
  people: PersonTable;
  person_roles: PersonRoleTable;
  chain_assignments: ChainAssignmentTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_events: AuditEventTable;
  case_number_sequences: CaseNumberSequenceTable;
  /** The reply letters' 文号 per department and year (0019). */
  reply_letter_sequences: { department_id: string; year: number; next_value: number };
  cases: CaseTable;
  case_co_departments: CaseCoDepartmentTable;
  case_decisions: CaseDecisionTable;
  acting_deputies: ActingDeputyTable;
  notifications: NotificationTable;
  /** The kinds the database accepts (0016): a feature's migration inserts its own. */
  notification_kinds: { kind: string };
  outbox: OutboxTable;
  case_attachments: CaseAttachmentTable;
  matters: MatterTable;
  case_handovers: CaseHandoverTable;
  case_replies: CaseReplyTable;
  case_feedback: CaseFeedbackTable;
  case_consultations: CaseConsultationTable;
  case_consultation_people: CaseConsultationPersonTable;
  case_follow_ups: CaseFollowUpTable;
  case_rounds: CaseRoundTable;
  case_contributions: CaseContributionTable;
  case_notices: CaseNoticeTable;
  case_search: CaseSearchTable;
  case_search_trigram: CaseSearchFtsTable;
  case_search_chars: CaseSearchFtsTable;
  idempotency_keys: IdempotencyKeyTable;
  case_tracking: CaseTrackingTable;
  case_ratings: CaseRatingTable;
  case_reopen_requests: CaseReopenRequestTable;
  supervision_flags: SupervisionFlagTable;
  tracking_throttle: TrackingThrottleTable;
  // The supervision ledger (0022).
  report_number_sequences: { year: number; next_value: number };
  reports: ReportTable;
  supervision_orders: SupervisionOrderTable;
  supervision_order_answers: SupervisionOrderAnswerTable;
  supervision_order_verifications: SupervisionOrderVerificationTable;
  report_attachments: ReportAttachmentTable;
  report_cases: { report_id: string; case_id: string; linked_by: string | null; linked_at: string };
  report_referrals: ReportReferralTable;
  public_throttle: { scope: string; address: string; count: number; window_start: string };
  public_secrets: { name: string; value: string; created_at: string };
  public_challenges_used: { signature: string; expires_at: string };
}

export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type OrgUnitRow = Selectable<OrgUnitTable>;
export type DepartmentRow = Selectable<DepartmentTable>;
export type ChainAssignmentRow = Selectable<ChainAssignmentTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type CaseRow = Selectable<CaseTable>;
export type CaseDecisionRow = Selectable<CaseDecisionTable>;

export interface NotificationTable {
  id: string;
  person_id: string;
  kind: NotificationKind;
  case_id: string | null;
  title: string;
  body: string;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
  /** The kind's parameters as JSON (0020), rendered in the reader's language; null on rows written
   * before, which keep their Chinese title and body. */
  params: string | null;
}

export interface OutboxTable {
  id: string;
  channel: OutboxChannel;
  person_id: string;
  notification_id: string | null;
  dedupe_key: string;
  payload: string;
  due_at: string;
  attempts: number;
  last_error: string | null;
  locked_until: string | null;
  sent_at: string | null;
  outcome: OutboxOutcome | null;
  created_at: string;
}

export type NotificationRow = Selectable<NotificationTable>;
export type OutboxRow = Selectable<OutboxTable>;

export interface CaseAttachmentTable {
  id: string;
  case_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: string;
}

export type CaseAttachmentRow = Selectable<CaseAttachmentTable>;

export interface MatterTable {
  id: string;
  department_id: string;
  title: string;
  matter_type: MatterType;
  time_limit_workdays: number | null;
  remarks: string | null;
  active: Flag;
  version: number;
  created_at: string;
  updated_at: string;
}

export type MatterRow = Selectable<MatterTable>;

// Case facts (0007): one table each, keyed by case, written in the same transaction as the audit event.

export interface CaseHandoverTable {
  id: string;
  case_id: string;
  from_person_id: string;
  to_person_id: string;
  handed_by: string;
  note: string | null;
  handed_at: string;
}

export interface CaseReplyTable {
  id: string;
  case_id: string;
  channel: 'phone' | 'written';
  replied_by: string;
  /** The call's time for a phone reply; when it was recorded for a written one. */
  replied_at: string;
  /** replied_at's date in China (YYYY-MM-DD), to compare with cases.reply_deadline. */
  replied_on: string;
  /** The number called, in full (phone replies only): the one place it is kept. */
  phone_called: string | null;
  /** Who answered the call (phone replies only). */
  answered_by: string | null;
  content: string;
  recorded_at: string;
  /** A written reply's day sent, delivery and address (0019); null for phone replies and older ones. */
  sent_on: string | null;
  delivery: 'post' | 'hand' | 'email' | null;
  address: string | null;
}

export interface CaseFeedbackTable {
  id: string;
  case_id: string;
  accepted: 0 | 1;
  text: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface CaseConsultationTable {
  id: string;
  case_id: string;
  requested_by: string;
  requested_at: string;
  proposal: string;
  held_at: string | null;
  participants: string | null;
  conclusion: 'resolvable' | 'notResolvable' | null;
  record: string | null;
  recorded_by: string | null;
  recorded_at: string | null;
  /** Migration 0018: the leader who convened it, and where the meeting was held. */
  convener_id: string | null;
  place: string | null;
}

/** The convener and the people invited to a consultation (migration 0018). */
export interface CaseConsultationPersonTable {
  id: string;
  consultation_id: string;
  case_id: string;
  person_id: string;
  role: 'convener' | 'invitee';
  invited_by: string;
  invited_at: string;
  /** 1 until the meeting is recorded. */
  open: Flag;
  present: Flag | null;
}

/** A follow-up duty (migration 0013): open while `recorded_at` is null. */
export interface CaseFollowUpTable {
  id: string;
  case_id: string;
  person_id: string;
  form_round: number;
  /** The level whose 能办 it checks; null when a consultation found the way. */
  level: DecisionLevel | null;
  assigned_at: string;
  /** Null for a check recorded before duties had dates (and a duty from before 0013). */
  due_on: string | null;
  /** Null while open, and for a check recorded before outcomes; `superseded`: a later round replaced it. */
  outcome: 'implemented' | 'notImplemented' | 'superseded' | null;
  note: string | null;
  recorded_at: string | null;
}

/** One round of a case's approval form (migration 0013). */
export interface CaseRoundTable {
  id: string;
  case_id: string;
  form_round: number;
  kind: 'proposal' | 'reopened' | 'followUpFailed';
  opened_by: string;
  opened_at: string;
  start_level: DecisionLevel;
  tried: string | null;
  refusal_reason: RefusalReason | null;
  refusal_reason_text: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

export interface CaseContributionTable {
  id: string;
  case_id: string;
  department_id: string;
  person_id: string;
  text: string;
  recorded_at: string;
}

export interface CaseNoticeTable {
  id: string;
  case_id: string;
  given_by: string;
  notice: string;
  given_at: string;
}

export type CaseHandoverRow = Selectable<CaseHandoverTable>;
export type CaseReplyRow = Selectable<CaseReplyTable>;
export type CaseFeedbackRow = Selectable<CaseFeedbackTable>;
export type CaseConsultationRow = Selectable<CaseConsultationTable>;
export type CaseConsultationPersonRow = Selectable<CaseConsultationPersonTable>;
export type CaseFollowUpRow = Selectable<CaseFollowUpTable>;
export type CaseRoundRow = Selectable<CaseRoundTable>;
export type CaseContributionRow = Selectable<CaseContributionTable>;
export type CaseNoticeRow = Selectable<CaseNoticeTable>;

/** A case's tracking code (only its SHA-256), its answer date and handling round (migration 0017). */
export interface CaseTrackingTable {
  case_id: string;
  code_hash: string;
  code_issued_at: string;
  code_issued_by: string;
  /** The China date the case reached an answered state; null while it has none. */
  answered_on: string | null;
  /** 1, and one more each time the applicant reopens the matter. */
  handling_round: number;
}

export interface CaseRatingTable {
  id: string;
  case_id: string;
  handling_round: number;
  rating: SatisfactionRating;
  comment: string;
  source: 'applicant' | 'phone';
  /** The clerk who recorded a rating given by phone; null for the applicant's own. */
  recorded_by: string | null;
  rated_at: string;
}

export interface CaseReopenRequestTable {
  id: string;
  case_id: string;
  handling_round: number;
  reason: string;
  state_before: CaseState;
  requested_at: string;
}

export interface SupervisionFlagTable {
  id: string;
  case_id: string;
  department_id: string;
  kind: SupervisionFlagKind;
  rating_id: string | null;
  feedback_id: string | null;
  comment: string;
  flagged_at: string;
}

export interface TrackingThrottleTable {
  address: string;
  failures: number;
  window_start: string;
}

// ---- The supervision ledger (0022) ----

export interface ReportTable {
  id: string;
  number: string;
  source: ReportSource;
  unit_id: string;
  department_id: string | null;
  counter: string | null;
  what: string;
  happened_on: string | null;
  case_tracking_code: string | null;
  code_hash: string;
  reporter_name: string | null;
  reporter_phone: string | null;
  wants_sms: number;
  language: 'zh' | 'en';
  state: ReportState;
  outcome: ReportOutcome | null;
  triage: TriageDecision | null;
  triage_note: string | null;
  triaged_at: string | null;
  public_answer: string | null;
  reply_text: string | null;
  replied_at: string | null;
  reply_sms_queued: number;
  registered_by: string | null;
  flag_id: string | null;
  received_at: string;
  version: number;
  updated_at: string;
}

export interface SupervisionOrderTable {
  id: string;
  report_id: string;
  department_id: string;
  instructions: string;
  due_workdays: number;
  issued_on: string;
  due_date: string;
  state: OrderState;
  issued_by: string;
  issued_at: string;
  closed_at: string | null;
}

export interface SupervisionOrderAnswerTable {
  id: string;
  order_id: string;
  text: string;
  answered_by: string;
  answered_at: string;
}

export interface SupervisionOrderVerificationTable {
  id: string;
  order_id: string;
  accepted: number;
  reason: string | null;
  verified_by: string;
  verified_at: string;
}

export interface ReportAttachmentTable {
  id: string;
  report_id: string;
  order_id: string | null;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface ReportReferralTable {
  id: string;
  report_id: string;
  note: string;
  state: ReferralState;
  referred_by: string;
  referred_at: string;
  substantiated: number | null;
  finding_notes: string | null;
  accountability: string | null;
  found_by: string | null;
  found_at: string | null;
}

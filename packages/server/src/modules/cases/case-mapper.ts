// Case rows mapped to and from the domain, in one place: the list row, the workflow's view of a case,
// a new case's row, the columns an action changes, and the rounds of its approval form. Nothing else in the module names a row type.
import {
  LEVEL_OF_STATE,
  replyLateWorkdays,
  type CaseActionRequest,
  type CaseRound,
  type CaseSummary,
  type PersonRef,
  type RegisterCaseBody,
  type WorkflowCase,
} from '@bancheng/core';
import type { DepartmentWithUnit } from '../org/index.ts';
import type {
  CaseDecisionRow,
  CaseFollowUpRow,
  CaseHandoverRow,
  CaseReplyRow,
  CaseRoundRow,
  CaseRow,
} from '../../platform/db/schema.ts';
import { maskMobilesInText, maskPhone } from '../../platform/personal-data.ts';
import { todayInChina } from '../../platform/ids.ts';
import { OPEN_CASE_STATES } from './case-list-repository.ts';
import { summaryClockOf, type ClockContext } from './case-clocks-mapper.ts';

export interface Lookups {
  departments: Map<string, DepartmentWithUnit>;
  people: Map<string, PersonRef>;
}

export const UNKNOWN: PersonRef = { id: '', username: '', displayName: '' };

export function toSummary(r: CaseRow, l: Lookups, cc: ClockContext): CaseSummary {
  const dept = l.departments.get(r.department_id);
  const { today } = cc;
  const clock = summaryClockOf(r, cc);
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    outcome: r.outcome,
    applicantName: r.applicant_name,
    applicantPhone: maskPhone(r.applicant_phone),
    matterType: r.matter_type,
    matterTitle: r.matter_title,
    channel: r.channel,
    receivedAt: r.received_at,
    departmentId: r.department_id,
    departmentName: dept?.name ?? '',
    unitName: dept?.unitName ?? '',
    firstResponder: l.people.get(r.first_responder_id) ?? UNKNOWN,
    currentLevel: LEVEL_OF_STATE[r.state] ?? null,
    dueDate: r.reply_deadline ?? r.due_date,
    dueProvisional: r.reply_deadline !== null ? r.reply_deadline_provisional === 1 : r.due_provisional === 1,
    overdue:
      (r.state === 'refused' && r.reply_deadline !== null && r.reply_deadline < today) ||
      (OPEN_CASE_STATES.includes(r.state) && r.due_date !== null && r.due_date < today) ||
      (clock.levelDue !== null && clock.levelDue < today),
    levelDue: clock.levelDue,
    light: clock.light,
    replyLateWorkdays: replyLateWorkdays({
      due: r.reply_deadline,
      repliedOn: r.replied_on,
      calendar: cc.calendar,
    }),
    updatedAt: r.updated_at,
  };
}

/**
 * The current form's decisions: its round's rows, none when no form is live (never proposed, or the
 * proposal withdrawn — the proposer is cleared then, the withdrawn round's rows stay on the record).
 */
export function currentDecisions(r: CaseRow, allDecisions: readonly CaseDecisionRow[]): CaseDecisionRow[] {
  if (r.proposer_id === null) return [];
  return allDecisions.filter((d) => d.form_round === r.form_round);
}

export function toWorkflowCase(args: {
  row: CaseRow;
  allDecisions: readonly CaseDecisionRow[];
  /** The case's open follow-up duty, if any. */
  openFollowUp: CaseFollowUpRow | undefined;
  handovers: readonly CaseHandoverRow[];
}): WorkflowCase {
  const { row: r, handovers, openFollowUp: duty } = args;
  const decisions = currentDecisions(r, args.allDecisions);
  return {
    state: r.state,
    outcome: r.outcome,
    firstResponderId: r.first_responder_id,
    proposerId: r.proposer_id,
    decisions: decisions.map((d) => ({
      level: d.level,
      decision: d.decision,
      personId: d.person_id,
      actingFor: d.acting_for,
      byProposer: d.by_proposer === 1,
    })),
    followUp: duty ? { personId: duty.person_id, level: duty.level } : null,
    crossDepartment: r.cross_department === 1,
    convenerId: r.consultation_convener_id,
    originatorIds: [
      ...new Set([
        r.registered_by,
        r.first_responder_id,
        ...handovers.flatMap((h) => [h.from_person_id, h.to_person_id, h.handed_by]),
      ]),
    ],
  };
}

/** The row of a case just registered. */
export function newCaseRow(a: {
  id: string;
  number: string;
  year: number;
  seq: number;
  departmentId: string;
  actorId: string;
  body: RegisterCaseBody;
  matter: {
    id: string | null;
    type: CaseRow['matter_type'];
    title: string;
    due: { due: string; provisional: boolean } | null;
  };
  crossDepartment: boolean;
  now: string;
}): CaseRow {
  return {
    id: a.id,
    number: a.number,
    year: a.year,
    seq: a.seq,
    department_id: a.departmentId,
    first_responder_id: a.actorId,
    registered_by: a.actorId,
    applicant_kind: a.body.applicant.kind,
    applicant_name: a.body.applicant.name,
    applicant_credit_code: a.body.applicant.creditCode ?? null,
    applicant_phone: a.body.applicant.phone,
    applicant_address: a.body.applicant.address ?? null,
    channel: a.body.channel,
    received_at: new Date(a.body.receivedAt).toISOString(),
    matter_type: a.matter.type,
    matter_title: a.matter.title,
    description: a.body.description,
    cross_department: a.crossDepartment ? 1 : 0,
    state: 'open',
    outcome: null,
    proposer_id: null,
    proposed_at: null,
    form_round: 0,
    refusal_reason: null,
    refusal_reason_text: null,
    workable_suggestion: null,
    refused_at: null,
    reply_deadline: null,
    reply_deadline_provisional: 0,
    matter_id: a.matter.id,
    due_date: a.matter.due?.due ?? null,
    due_provisional: a.matter.due?.provisional ? 1 : 0,
    level_entered_on: null,
    closed_at: null,
    version: 0,
    created_at: a.now,
    updated_at: a.now,
    no_competent_department: a.body.noCompetentDepartment ? 1 : 0,
    consultation_convener_id: null,
    replied_on: null,
    letter_year: null,
    letter_seq: null,
    letter_number: null,
  };
}

/** Columns an action changes beyond the state, given the workflow's verdict. */
export function changesFor(
  action: CaseActionRequest['action'],
  before: CaseRow,
  next: WorkflowCase,
  extra: { now: string; replyDeadline: { due: string; provisional: boolean } | null },
): Partial<CaseRow> {
  const changes: Partial<CaseRow> = {
    state: next.state,
    outcome: next.outcome,
    first_responder_id: next.firstResponderId,
    updated_at: extra.now,
  };
  if (next.convenerId !== before.consultation_convener_id) changes.consultation_convener_id = next.convenerId;
  if (next.state === 'closed' && before.state !== 'closed') changes.closed_at = extra.now;
  // The day the form reached the level it now waits at: that level's clock starts then (0012).
  if (next.state !== before.state) {
    changes.level_entered_on = LEVEL_OF_STATE[next.state] ? todayInChina(new Date(extra.now)) : null;
  }
  // A follow-up that found the way not carried out reopens a case closed as done.
  if (next.state !== 'closed' && before.state === 'closed') changes.closed_at = null;
  if (action.type === 'proposeRefusal' || action.type === 'reopenRound') {
    changes.proposer_id = next.proposerId;
    changes.proposed_at = extra.now;
    changes.form_round = before.form_round + 1;
    changes.refusal_reason = action.reason;
    changes.refusal_reason_text = action.reasonText;
    changes.workable_suggestion = null;
  }
  if (action.type === 'withdrawProposal') changes.proposer_id = null;
  // 未落实 at a level: a new round of the same proposal, from that level.
  if (action.type === 'recordFollowUp' && LEVEL_OF_STATE[next.state]) {
    changes.form_round = before.form_round + 1;
  }
  // The first reply's day stays on the case: lists show from it how late the answer came.
  if (action.type === 'recordReply' && before.replied_on === null) {
    changes.replied_on = replyRowOf(action, {
      id: '',
      caseId: before.id,
      actorId: '',
      now: extra.now,
    }).replied_on;
  }
  if (action.type === 'decide' && next.state === 'refused' && extra.replyDeadline) {
    changes.workable_suggestion = action.workableSuggestion ?? null;
    changes.refused_at = extra.now;
    changes.reply_deadline = extra.replyDeadline.due;
    changes.reply_deadline_provisional = extra.replyDeadline.provisional ? 1 : 0;
  }
  return changes;
}

type ReplyAction = Extract<CaseActionRequest['action'], { type: 'recordReply' }>;

/**
 * A reply's row: a call at its time, a letter on the day it was sent (its China midnight as the time), so
 * that `replied_on`, compared with the reply deadline, is the day the applicant was answered.
 */
export function replyRowOf(
  action: ReplyAction,
  args: { id: string; caseId: string; actorId: string; now: string },
): CaseReplyRow {
  const phone = action.method === 'phone';
  const repliedAt = phone
    ? new Date(action.calledAt).toISOString()
    : new Date(`${action.sentOn}T00:00:00+08:00`).toISOString();
  return {
    id: args.id,
    case_id: args.caseId,
    channel: action.method,
    replied_by: args.actorId,
    replied_at: repliedAt,
    replied_on: phone ? todayInChina(new Date(repliedAt)) : action.sentOn,
    phone_called: phone ? action.phoneNumber : null,
    answered_by: phone ? action.answeredBy : null,
    content: action.content,
    recorded_at: args.now,
    sent_on: phone ? null : action.sentOn,
    delivery: phone ? null : action.delivery,
    address: phone ? null : action.address,
  };
}

export type PersonOf = (id: string | null) => PersonRef | null;

export function toDecision(d: CaseDecisionRow, person: PersonOf) {
  return {
    level: d.level,
    decision: d.decision,
    opinion: d.opinion,
    person: person(d.person_id) ?? UNKNOWN,
    actingFor: person(d.acting_for),
    byProposer: d.by_proposer === 1,
    decidedAt: d.decided_at,
  };
}

/**
 * Every round of the form with its decisions. A round without its row (written before rounds had rows,
 * or by a bulk import) is told from the case row: its one proposal.
 */
export function toRounds(args: {
  row: CaseRow;
  allDecisions: readonly CaseDecisionRow[];
  rounds: readonly CaseRoundRow[];
  person: PersonOf;
}): CaseRound[] {
  const { row: r, allDecisions, rounds: rows, person } = args;
  const rounds: CaseRound[] = [];
  for (let n = 1; n <= r.form_round; n++) {
    const row = rows.find((x) => x.form_round === n);
    const own = allDecisions.filter((d) => d.form_round === n);
    rounds.push({
      round: n,
      kind: row?.kind ?? 'proposal',
      openedBy: person(row?.opened_by ?? r.proposer_id ?? r.first_responder_id) ?? UNKNOWN,
      openedAt: row?.opened_at ?? r.proposed_at ?? r.created_at,
      startLevel: row?.start_level ?? 2,
      tried: row?.tried === null || row?.tried === undefined ? null : maskMobilesInText(row.tried),
      refusalReason: row ? row.refusal_reason : r.refusal_reason,
      refusalReasonText: row ? row.refusal_reason_text : r.refusal_reason_text,
      withdrawnAt: row?.withdrawn_at ?? null,
      decisions: own.map((d) => toDecision(d, person)),
    });
  }
  return rounds;
}

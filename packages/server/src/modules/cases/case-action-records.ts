// What an action writes besides the case row, in the action's transaction: the fact it records in its
// own table (a reply, a feedback, a consultation, …), the round of the form it opens or withdraws, the
// follow-up duty it assigns or closes, and its typed audit event.

import type { CaseActionRequest, CaseState, FollowUpDuty, RefusalReason, WorkflowCase } from '@bancheng/core';
import type { AuditEvent } from '../../platform/audit/events.ts';
import type { Trx } from '../../platform/db/database.ts';
import { insertRound, withdrawRound } from './case-repository.ts';
import { newId } from '../../platform/ids.ts';
import { replyRowOf } from './case-mapper.ts';
import { maskPhone } from '../../platform/personal-data.ts';
import {
  insertConsultationRequest,
  insertFeedback,
  insertFollowUp,
  insertHandover,
  insertNotice,
  insertReply,
  recordConsultationMeeting,
  recordFollowUpOutcome,
  supersedeOpenFollowUps,
} from './case-facts-repository.ts';
import { closeConsultationPeople, insertConsultationPeople } from './consultation-repository.ts';

/** The fact an action records, in its own table, in the action's transaction. */
export async function recordFacts(
  trx: Trx,
  args: {
    action: CaseActionRequest['action'];
    caseId: string;
    /** Who held the case before the action (a hand-over's "from"). */
    fromPersonId: string;
    actorId: string;
    now: string;
    /** The convener the workflow settled on, for a consultation requested. */
    convenerId?: string | null;
  },
): Promise<void> {
  const { action, caseId, actorId, now } = args;
  switch (action.type) {
    case 'handOver':
      return insertHandover(trx, {
        id: newId(),
        case_id: caseId,
        from_person_id: args.fromPersonId,
        to_person_id: action.toPersonId,
        handed_by: actorId,
        note: action.note ?? null,
        handed_at: now,
      });
    case 'giveOneTimeNotice':
      return insertNotice(trx, {
        id: newId(),
        case_id: caseId,
        given_by: actorId,
        notice: action.notice,
        given_at: now,
      });
    case 'requestConsultation': {
      const consultationId = newId();
      await insertConsultationRequest(trx, {
        id: consultationId,
        case_id: caseId,
        requested_by: actorId,
        requested_at: now,
        proposal: action.proposal,
        convener_id: args.convenerId ?? null,
      });
      // The convener is the consultation's first person: the case is on their to-do list until recorded.
      if (args.convenerId) {
        await insertConsultationPeople(trx, [
          {
            id: newId(),
            consultation_id: consultationId,
            case_id: caseId,
            person_id: args.convenerId,
            role: 'convener',
            invited_by: actorId,
            invited_at: now,
            open: 1,
            present: null,
          },
        ]);
      }
      return;
    }
    case 'recordConsultation': {
      const meeting = {
        heldAt: action.heldAt,
        place: action.place ?? null,
        participants: action.participants,
        conclusion: action.conclusion,
        record: action.record,
        recordedBy: actorId,
        recordedAt: now,
      };
      const recorded = await recordConsultationMeeting(trx, { caseId, ...meeting });
      if (recorded) {
        await closeConsultationPeople(trx, {
          consultationId: recorded.id,
          presentIds: action.presentIds ?? [],
          convenerId: recorded.convener_id,
        });
        return;
      }
      // A case that waited for a consultation before its request was kept as a fact: one row for both.
      await insertConsultationRequest(trx, {
        id: newId(),
        case_id: caseId,
        requested_by: actorId,
        requested_at: now,
        proposal: '',
      });
      await recordConsultationMeeting(trx, { caseId, ...meeting });
      return;
    }
    case 'recordReply':
      return insertReply(trx, replyRowOf(action, { id: newId(), caseId, actorId, now }));
    case 'recordFeedback':
      return insertFeedback(trx, {
        id: newId(),
        case_id: caseId,
        accepted: action.accepted ? 1 : 0,
        text: action.text ?? null,
        recorded_by: actorId,
        recorded_at: now,
      });
    case 'recordFollowUp':
      await recordFollowUpOutcome(trx, {
        caseId,
        personId: actorId,
        outcome: action.outcome,
        note: action.note,
        now,
      });
      return;
    default:
      return;
  }
}

/**
 * The rounds and duties an action changes: a new round of the form (a proposal, a failed way reopened, a
 * follow-up that found it not carried out) gets its row and supersedes any open duty; a withdrawal marks
 * its round; a 能办 (a level's or a consultation's) assigns its finder a follow-up duty due on `followUpDue`.
 */
export async function recordRoundAndFollowUps(
  trx: Trx,
  args: {
    action: CaseActionRequest['action'];
    caseId: string;
    /** The form's round before and after the action. */
    roundBefore: number;
    round: number;
    /** The reason on the form after the action, for a new round's record. */
    refusal: { reason: RefusalReason | null; text: string | null };
    next: WorkflowCase;
    /** The duty open before the action. */
    duty: FollowUpDuty | null;
    actorId: string;
    now: string;
    followUpDue: string | null;
  },
): Promise<void> {
  const { action, caseId, next, actorId, now } = args;
  if (args.round !== args.roundBefore) {
    await supersedeOpenFollowUps(trx, { caseId, now });
    const kind =
      action.type === 'reopenRound'
        ? 'reopened'
        : action.type === 'recordFollowUp'
          ? 'followUpFailed'
          : 'proposal';
    await insertRound(trx, {
      id: newId(),
      case_id: caseId,
      form_round: args.round,
      kind,
      opened_by: actorId,
      opened_at: now,
      start_level: kind === 'followUpFailed' ? (args.duty?.level ?? 2) : 2,
      tried:
        action.type === 'reopenRound' ? action.tried : action.type === 'recordFollowUp' ? action.note : null,
      refusal_reason: args.refusal.reason,
      refusal_reason_text: args.refusal.text,
      withdrawn_at: null,
      withdrawn_by: null,
    });
  }
  if (action.type === 'withdrawProposal') {
    await withdrawRound(trx, { caseId, formRound: args.roundBefore, by: actorId, now });
  }
  const assigned = next.followUp;
  if (assigned && (action.type === 'decide' || action.type === 'recordConsultation')) {
    await insertFollowUp(trx, {
      id: newId(),
      case_id: caseId,
      person_id: assigned.personId,
      form_round: args.round,
      level: assigned.level,
      assigned_at: now,
      due_on: args.followUpDue,
      outcome: null,
      note: null,
      recorded_at: null,
    });
  }
}

/**
 * The audit event of an action: the states before and after and the request's fields, typed per action.
 * The number called for a phone reply is kept masked: the full number lives only in case_replies.
 */
export function actionEvent(
  action: CaseActionRequest['action'],
  args: {
    caseId: string;
    before: { state: CaseState; firstResponderId: string };
    after: { state: CaseState; firstResponderId: string };
    replyDeadline: string | null;
  },
): AuditEvent {
  const { before, after, caseId: subjectId } = args;
  switch (action.type) {
    case 'recordReply': {
      const { type, ...details } = action;
      // The number called is masked; a letter's address (the applicant's, or their email) stays out of the
      // log altogether: it lives only in case_replies.
      const masked =
        details.method === 'phone'
          ? { ...details, phoneNumber: maskPhone(details.phoneNumber) }
          : {
              method: details.method,
              sentOn: details.sentOn,
              delivery: details.delivery,
              content: details.content,
            };
      return { type: `case.${type}`, subjectId, payload: { before, after, action: masked } };
    }
    case 'decide': {
      const { type, ...details } = action;
      const deadline = args.replyDeadline ? { replyDeadline: args.replyDeadline } : {};
      return {
        type: `case.${type}`,
        subjectId,
        payload: { before, after, action: { ...details, ...deadline } },
      };
    }
    case 'handOver': {
      const { type, ...details } = action;
      return { type: `case.${type}`, subjectId, payload: { before, after, action: details } };
    }
    case 'closeDone': {
      const { type, ...details } = action;
      return { type: `case.${type}`, subjectId, payload: { before, after, action: details } };
    }
    case 'giveOneTimeNotice': {
      const { type, ...details } = action;
      return { type: `case.${type}`, subjectId, payload: { before, after, action: details } };
    }
    case 'proposeRefusal': {
      const { type, ...details } = action;
      return { type: `case.${type}`, subjectId, payload: { before, after, action: details } };
    }
    case 'requestConsultation': {
      const { type, ...details } = action;
      return { type: `case.${type}`, subjectId, payload: { before, after, action: details } };
    }
    case 'recordConsultation': {
      const { type, ...details } = action;
      return { type: `case.${type}`, subjectId, payload: { before, after, action: details } };
    }
    case 'recordFeedback': {
      const { type, ...details } = action;
      return { type: `case.${type}`, subjectId, payload: { before, after, action: details } };
    }
    case 'recordFollowUp': {
      const { type, ...details } = action;
      return { type: `case.${type}`, subjectId, payload: { before, after, action: details } };
    }
    case 'reopenRound': {
      const { type, ...details } = action;
      return { type: `case.${type}`, subjectId, payload: { before, after, action: details } };
    }
    case 'withdrawProposal': {
      const { type, ...details } = action;
      return { type: `case.${type}`, subjectId, payload: { before, after, action: details } };
    }
  }
}

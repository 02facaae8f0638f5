// The fact row each generated action records in its own table, as modules/cases/case-action-records.ts
// writes it, into the batch of the case's transaction.
import type { CaseActionBody, FollowUpDuty } from '@bancheng/core';
import { replyRowOf } from '../../modules/cases/index.ts';
import type { CaseRow } from './case-story.ts';
import type { GeneratedBatch } from './generator-repository.ts';

/** The fact an action records in its own table, as case-action-records.ts writes it. */
export function recordFact(
  batch: GeneratedBatch,
  a: { body: CaseActionBody; row: CaseRow; actorId: string; now: string; id: string },
): void {
  const { body, now, id, actorId } = a;
  const case_id = a.row.id;
  switch (body.type) {
    case 'handOver':
      batch.case_handovers.push({
        id,
        case_id,
        from_person_id: a.row.first_responder_id,
        to_person_id: body.toPersonId,
        handed_by: actorId,
        note: body.note ?? null,
        handed_at: now,
      });
      return;
    case 'giveOneTimeNotice':
      batch.case_notices.push({ id, case_id, given_by: actorId, notice: body.notice, given_at: now });
      return;
    case 'requestConsultation':
      batch.case_consultations.push({
        id,
        case_id,
        requested_by: actorId,
        requested_at: now,
        proposal: body.proposal,
      });
      return;
    case 'recordConsultation': {
      // The request is the last consultation row of this case in the batch (the same transaction).
      const open = batch.case_consultations.findLast((c) => c.case_id === case_id && !c.recorded_at);
      if (!open) throw new Error('a consultation recorded without its request');
      Object.assign(open, {
        held_at: body.heldAt,
        participants: body.participants,
        conclusion: body.conclusion,
        record: body.record,
        recorded_by: actorId,
        recorded_at: now,
      });
      return;
    }
    case 'recordReply':
      batch.case_replies.push(replyRowOf(body, { id, caseId: case_id, actorId, now }));
      return;
    case 'recordFeedback':
      batch.case_feedback.push({
        id,
        case_id,
        accepted: body.accepted ? 1 : 0,
        text: body.text ?? null,
        recorded_by: actorId,
        recorded_at: now,
      });
      return;
    case 'recordFollowUp': {
      // The duty is the open one of this case in the batch, assigned with its 能办 (the same transaction).
      const open = batch.case_follow_ups.findLast((f) => f.case_id === case_id && !f.recorded_at);
      if (!open) throw new Error('a follow-up recorded without its duty');
      Object.assign(open, { outcome: body.outcome, note: body.note, recorded_at: now });
      return;
    }
    default:
      return;
  }
}

/** The round and follow-up rows an action writes, as case-action-records.ts's recordRoundAndFollowUps. */
export function recordRoundAndDuty(
  batch: GeneratedBatch,
  a: {
    body: CaseActionBody;
    before: CaseRow;
    after: CaseRow;
    duty: FollowUpDuty | null;
    actorId: string;
    now: string;
    followUpDue: string;
    newId: () => string;
  },
): void {
  const { body, after, now } = a;
  if (after.form_round !== a.before.form_round && body.type === 'proposeRefusal') {
    batch.case_rounds.push({
      id: a.newId(),
      case_id: after.id,
      form_round: after.form_round,
      kind: 'proposal',
      opened_by: a.actorId,
      opened_at: now,
      start_level: 2,
      tried: null,
      refusal_reason: after.refusal_reason,
      refusal_reason_text: after.refusal_reason_text,
      withdrawn_at: null,
      withdrawn_by: null,
    });
  }
  if (a.duty && (body.type === 'decide' || body.type === 'recordConsultation')) {
    batch.case_follow_ups.push({
      id: a.newId(),
      case_id: after.id,
      person_id: a.duty.personId,
      form_round: after.form_round,
      level: a.duty.level,
      assigned_at: now,
      due_on: a.followUpDue,
      outcome: null,
      note: null,
      recorded_at: null,
    });
  }
}

// Case facts (migration 0007): hand-overs, replies, feedback, consultations, follow-ups, contributions and
// one-time notices. Each is written in the transaction that appends its audit event; readers use these
// tables, never the audit payloads.
import type { Db, Trx } from '../../platform/db/database.ts';
import type {
  CaseConsultationRow,
  CaseContributionRow,
  CaseFeedbackRow,
  CaseFollowUpRow,
  CaseHandoverRow,
  CaseNoticeRow,
  CaseReplyRow,
} from '../../platform/db/schema.ts';

type Executor = Db | Trx;

export async function insertHandover(trx: Trx, row: CaseHandoverRow): Promise<void> {
  await trx.insertInto('case_handovers').values(row).execute();
}

export async function insertReply(trx: Trx, row: CaseReplyRow): Promise<void> {
  await trx.insertInto('case_replies').values(row).execute();
}

export async function insertFeedback(trx: Trx, row: CaseFeedbackRow): Promise<void> {
  await trx.insertInto('case_feedback').values(row).execute();
}

export async function insertConsultationRequest(
  trx: Trx,
  row: Pick<CaseConsultationRow, 'id' | 'case_id' | 'requested_by' | 'requested_at' | 'proposal'>,
): Promise<void> {
  await trx.insertInto('case_consultations').values(row).execute();
}

/** Records the meeting of the case's consultation still waiting for one. False when there is none. */
export async function recordConsultationMeeting(
  trx: Trx,
  args: {
    caseId: string;
    heldAt: string;
    participants: string;
    conclusion: 'resolvable' | 'notResolvable';
    record: string;
    recordedBy: string;
    recordedAt: string;
  },
): Promise<boolean> {
  const open = await trx
    .selectFrom('case_consultations')
    .select('id')
    .where('case_id', '=', args.caseId)
    .where('recorded_at', 'is', null)
    .orderBy('requested_at', 'desc')
    .executeTakeFirst();
  if (!open) return false;
  await trx
    .updateTable('case_consultations')
    .set({
      held_at: args.heldAt,
      participants: args.participants,
      conclusion: args.conclusion,
      record: args.record,
      recorded_by: args.recordedBy,
      recorded_at: args.recordedAt,
    })
    .where('id', '=', open.id)
    .execute();
  return true;
}

export async function insertFollowUp(trx: Trx, row: CaseFollowUpRow): Promise<void> {
  await trx.insertInto('case_follow_ups').values(row).execute();
}

export async function insertContribution(trx: Trx, row: CaseContributionRow): Promise<void> {
  await trx.insertInto('case_contributions').values(row).execute();
}

export async function insertNotice(trx: Trx, row: CaseNoticeRow): Promise<void> {
  await trx.insertInto('case_notices').values(row).execute();
}

export async function handoversOf(db: Executor, caseId: string): Promise<CaseHandoverRow[]> {
  return db
    .selectFrom('case_handovers')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('handed_at')
    .orderBy('id')
    .execute();
}

export async function contributionsOf(db: Executor, caseId: string): Promise<CaseContributionRow[]> {
  return db
    .selectFrom('case_contributions')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

export interface CaseFactRows {
  handovers: CaseHandoverRow[];
  replies: CaseReplyRow[];
  feedback: CaseFeedbackRow[];
  consultations: CaseConsultationRow[];
  followUps: CaseFollowUpRow[];
  notices: CaseNoticeRow[];
}

export async function caseFactRows(db: Executor, caseId: string): Promise<CaseFactRows> {
  const [handovers, replies, feedback, consultations, followUps, notices] = await Promise.all([
    handoversOf(db, caseId),
    db
      .selectFrom('case_replies')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('recorded_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_feedback')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('recorded_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_consultations')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('requested_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_follow_ups')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('recorded_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_notices')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('given_at')
      .orderBy('id')
      .execute(),
  ]);
  return { handovers, replies, feedback, consultations, followUps, notices };
}

/** Everyone a row of these tables names, for one lookup of their names. */
export function peopleInFacts(f: CaseFactRows): string[] {
  return [
    ...f.handovers.flatMap((h) => [h.from_person_id, h.to_person_id, h.handed_by]),
    ...f.replies.map((r) => r.replied_by),
    ...f.feedback.map((r) => r.recorded_by),
    ...f.consultations.flatMap((c) => [c.requested_by, c.recorded_by ?? '']).filter(Boolean),
    ...f.followUps.map((r) => r.person_id),
    ...f.notices.map((r) => r.given_by),
  ];
}

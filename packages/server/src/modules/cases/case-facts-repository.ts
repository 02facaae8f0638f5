// Case facts (migration 0007): hand-overs, replies, feedback, consultations, follow-up duties (0013),
// contributions and one-time notices. Each is written in the transaction that appends its audit event; readers use these
// tables, never the audit payloads.
import type { CaseScope } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import { visibleCaseIds } from './case-list-repository.ts';
import { consultationPeopleOf } from './consultation-repository.ts';
import type {
  CaseConsultationPersonRow,
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
  row: Pick<CaseConsultationRow, 'id' | 'case_id' | 'requested_by' | 'requested_at' | 'proposal'> &
    Partial<Pick<CaseConsultationRow, 'convener_id'>>,
): Promise<void> {
  await trx.insertInto('case_consultations').values(row).execute();
}

/** Records the meeting of the case's consultation still waiting for one. False when there is none. */
export async function recordConsultationMeeting(
  trx: Trx,
  args: {
    caseId: string;
    heldAt: string;
    place?: string | null;
    participants: string;
    conclusion: 'resolvable' | 'notResolvable';
    record: string;
    recordedBy: string;
    recordedAt: string;
  },
): Promise<{ id: string; convener_id: string | null } | false> {
  const open = await trx
    .selectFrom('case_consultations')
    .select(['id', 'convener_id'])
    .where('case_id', '=', args.caseId)
    .where('recorded_at', 'is', null)
    .orderBy('requested_at', 'desc')
    .executeTakeFirst();
  if (!open) return false;
  await trx
    .updateTable('case_consultations')
    .set({
      held_at: args.heldAt,
      place: args.place ?? null,
      participants: args.participants,
      conclusion: args.conclusion,
      record: args.record,
      recorded_by: args.recordedBy,
      recorded_at: args.recordedAt,
    })
    .where('id', '=', open.id)
    .execute();
  return open;
}

/** A follow-up duty, assigned with a 能办. */
export async function insertFollowUp(trx: Trx, row: CaseFollowUpRow): Promise<void> {
  await trx.insertInto('case_follow_ups').values(row).execute();
}

/** Records the outcome of the person's open duty on the case; false when they have none. */
export async function recordFollowUpOutcome(
  trx: Trx,
  args: {
    caseId: string;
    personId: string;
    outcome: 'implemented' | 'notImplemented';
    note: string;
    now: string;
  },
): Promise<boolean> {
  const r = await trx
    .updateTable('case_follow_ups')
    .set({ outcome: args.outcome, note: args.note, recorded_at: args.now })
    .where('case_id', '=', args.caseId)
    .where('person_id', '=', args.personId)
    .where('recorded_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Closes the case's open duties without a check: a new round replaced the way they were to check. */
export async function supersedeOpenFollowUps(trx: Trx, args: { caseId: string; now: string }): Promise<void> {
  await trx
    .updateTable('case_follow_ups')
    .set({ outcome: 'superseded', recorded_at: args.now })
    .where('case_id', '=', args.caseId)
    .where('recorded_at', 'is', null)
    .execute();
}

/** The open duty on a case (at most one: each new round supersedes the last). */
export async function openFollowUpOf(db: Executor, caseId: string): Promise<CaseFollowUpRow | undefined> {
  return db
    .selectFrom('case_follow_ups')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('recorded_at', 'is', null)
    .orderBy('assigned_at')
    .executeTakeFirst();
}

/** The open duties of a person on cases their scope reaches, soonest due first (undated last). */
export async function followUpsDueFor(db: Executor, args: { personId: string; scope: CaseScope }) {
  return followUpsDueQuery(db, args).execute();
}

/** `followUpsDueFor`'s query, unexecuted (the query-plan test explains it). */
export function followUpsDueQuery(db: Executor, args: { personId: string; scope: CaseScope }) {
  const { personId } = args;
  return db
    .selectFrom('case_follow_ups')
    .innerJoin('cases', 'cases.id', 'case_follow_ups.case_id')
    .select([
      'case_follow_ups.case_id',
      'case_follow_ups.form_round',
      'case_follow_ups.level',
      'case_follow_ups.assigned_at',
      'case_follow_ups.due_on',
      'cases.number',
      'cases.matter_title',
      'cases.state',
    ])
    .where('case_follow_ups.person_id', '=', personId)
    .where('case_follow_ups.recorded_at', 'is', null)
    .where('case_follow_ups.case_id', 'in', visibleCaseIds(db, args.scope))
    .orderBy((eb) => eb.case().when('case_follow_ups.due_on', 'is', null).then(1).else(0).end())
    .orderBy('case_follow_ups.due_on')
    .orderBy('case_follow_ups.assigned_at')
    .limit(500);
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
  /** The conveners and invitees of the consultations (0018). */
  consultationPeople: CaseConsultationPersonRow[];
}

export async function caseFactRows(db: Executor, caseId: string): Promise<CaseFactRows> {
  const [handovers, replies, feedback, consultations, followUps, notices, consultationPeople] =
    await Promise.all([
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
        .orderBy('form_round')
        .orderBy('assigned_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('case_notices')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('given_at')
        .orderBy('id')
        .execute(),
      consultationPeopleOf(db, caseId),
    ]);
  return { handovers, replies, feedback, consultations, followUps, notices, consultationPeople };
}

/** Everyone a row of these tables names, for one lookup of their names. */
export function peopleInFacts(f: CaseFactRows): string[] {
  return [
    ...f.handovers.flatMap((h) => [h.from_person_id, h.to_person_id, h.handed_by]),
    ...f.replies.map((r) => r.replied_by),
    ...f.feedback.map((r) => r.recorded_by),
    ...f.consultations
      .flatMap((c) => [c.requested_by, c.recorded_by ?? '', c.convener_id ?? ''])
      .filter(Boolean),
    ...f.followUps.map((r) => r.person_id),
    ...f.notices.map((r) => r.given_by),
    ...f.consultationPeople.map((p) => p.person_id),
  ];
}

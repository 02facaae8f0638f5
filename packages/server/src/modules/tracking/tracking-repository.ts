// The SQL of the applicant's own view: codes (hashes only), the case as the public page shows it, ratings,
// reopen requests, the supervision office's flags, and the per-address throttle. Rows are mapped here.
import { sql } from 'kysely';
import type {
  CaseOutcome,
  CaseState,
  RefusalReason,
  SatisfactionRating,
  SupervisionFlag,
  SupervisionFlagKind,
} from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { CaseRatingTable } from '../../platform/db/schema.ts';

type Executor = Db | Trx;

export interface TrackingRecord {
  caseId: string;
  codeHash: string;
  codeIssuedAt: string;
  answeredOn: string | null;
  handlingRound: number;
}

function toRecord(r: {
  case_id: string;
  code_hash: string;
  code_issued_at: string;
  answered_on: string | null;
  handling_round: number;
}): TrackingRecord {
  return {
    caseId: r.case_id,
    codeHash: r.code_hash,
    codeIssuedAt: r.code_issued_at,
    answeredOn: r.answered_on,
    handlingRound: r.handling_round,
  };
}

/** Sets the case's code (a new one replaces the old, which stops working at once). */
export async function upsertTrackingCode(
  trx: Trx,
  args: { caseId: string; codeHash: string; now: string; by: string; answeredOn: string | null },
): Promise<void> {
  await trx
    .insertInto('case_tracking')
    .values({
      case_id: args.caseId,
      code_hash: args.codeHash,
      code_issued_at: args.now,
      code_issued_by: args.by,
      answered_on: args.answeredOn,
      handling_round: 1,
    })
    .onConflict((oc) =>
      oc.column('case_id').doUpdateSet({
        code_hash: args.codeHash,
        code_issued_at: args.now,
        code_issued_by: args.by,
      }),
    )
    .execute();
}

export async function findTrackingByHash(
  db: Executor,
  codeHash: string,
): Promise<TrackingRecord | undefined> {
  const row = await db
    .selectFrom('case_tracking')
    .selectAll()
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function findTrackingOfCase(db: Executor, caseId: string): Promise<TrackingRecord | undefined> {
  const row = await db
    .selectFrom('case_tracking')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row && toRecord(row);
}

/** A case registered before tracking existed gets its row (without a code that anyone holds) when needed. */
export async function setAnsweredOn(
  trx: Trx,
  args: { caseId: string; answeredOn: string | null },
): Promise<void> {
  await trx
    .updateTable('case_tracking')
    .set({ answered_on: args.answeredOn })
    .where('case_id', '=', args.caseId)
    .execute();
}

/** The case as the public page may show it: no names, no phone numbers, no opinions. */
export interface PublicCaseRow {
  id: string;
  number: string;
  matterTitle: string;
  receivedAt: string;
  departmentId: string;
  departmentName: string;
  unitName: string;
  state: CaseState;
  outcome: CaseOutcome | null;
  firstResponderId: string;
  version: number;
  dueDate: string | null;
  replyDeadline: string | null;
  refusalReason: RefusalReason | null;
  refusalReasonText: string | null;
  workableSuggestion: string | null;
  repliedOn: string | null;
  updatedAt: string;
}

export async function findPublicCase(db: Executor, caseId: string): Promise<PublicCaseRow | undefined> {
  const r = await db
    .selectFrom('cases')
    .innerJoin('departments', 'departments.id', 'cases.department_id')
    .innerJoin('org_units', 'org_units.id', 'departments.unit_id')
    .select((eb) => [
      'cases.id',
      'cases.number',
      'cases.matter_title',
      'cases.received_at',
      'cases.department_id',
      'departments.name as department_name',
      'org_units.name as unit_name',
      'cases.state',
      'cases.outcome',
      'cases.first_responder_id',
      'cases.version',
      'cases.due_date',
      'cases.reply_deadline',
      'cases.refusal_reason',
      'cases.refusal_reason_text',
      'cases.workable_suggestion',
      'cases.updated_at',
      eb
        .selectFrom('case_replies')
        .select((e) => e.fn.max('case_replies.replied_on').as('d'))
        .whereRef('case_replies.case_id', '=', 'cases.id')
        .as('replied_on'),
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    number: r.number,
    matterTitle: r.matter_title,
    receivedAt: r.received_at,
    departmentId: r.department_id,
    departmentName: r.department_name,
    unitName: r.unit_name,
    state: r.state,
    outcome: r.outcome,
    firstResponderId: r.first_responder_id,
    version: r.version,
    dueDate: r.due_date,
    replyDeadline: r.reply_deadline,
    refusalReason: r.refusal_reason,
    refusalReasonText: r.refusal_reason_text,
    workableSuggestion: r.workable_suggestion,
    repliedOn: r.replied_on ?? null,
    updatedAt: r.updated_at,
  };
}

export interface RatingRecord {
  id: string;
  rating: SatisfactionRating;
  comment: string;
  source: 'applicant' | 'phone';
  round: number;
  ratedAt: string;
}

export async function ratingsOf(db: Executor, caseId: string): Promise<RatingRecord[]> {
  const rows = await db
    .selectFrom('case_ratings')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('handling_round')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    rating: r.rating,
    comment: r.comment,
    source: r.source,
    round: r.handling_round,
    ratedAt: r.rated_at,
  }));
}

/** Inserts a rating unless this answer has one; true when this call inserted it. */
export async function insertRating(trx: Trx, row: CaseRatingTable): Promise<boolean> {
  const r = await trx
    .insertInto('case_ratings')
    .values(row)
    .onConflict((oc) => oc.columns(['case_id', 'handling_round']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function reopenRequestsOf(
  db: Executor,
  caseId: string,
): Promise<{ requestedAt: string; reason: string; round: number }[]> {
  const rows = await db
    .selectFrom('case_reopen_requests')
    .select(['requested_at', 'reason', 'handling_round'])
    .where('case_id', '=', caseId)
    .orderBy('handling_round')
    .execute();
  return rows.map((r) => ({ requestedAt: r.requested_at, reason: r.reason, round: r.handling_round }));
}

/**
 * The applicant's reopen, written guarded by the case's version: the case back to `open` (no proposal,
 * outcome and close cleared), its open follow-up duty superseded, the handling round moved on, and the
 * request recorded. False when the case changed in between (the caller answers a conflict).
 */
export async function writeReopen(
  trx: Trx,
  args: {
    id: string;
    caseId: string;
    version: number;
    round: number;
    reason: string;
    stateBefore: CaseState;
    now: string;
  },
): Promise<boolean> {
  const updated = await trx
    .updateTable('cases')
    .set({
      state: 'open',
      outcome: null,
      proposer_id: null,
      closed_at: null,
      level_entered_on: null,
      version: args.version + 1,
      updated_at: args.now,
    })
    .where('id', '=', args.caseId)
    .where('version', '=', args.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await trx
    .updateTable('case_follow_ups')
    .set({ outcome: 'superseded', recorded_at: args.now })
    .where('case_id', '=', args.caseId)
    .where('recorded_at', 'is', null)
    .execute();
  await trx
    .updateTable('case_tracking')
    .set({ handling_round: args.round + 1, answered_on: null })
    .where('case_id', '=', args.caseId)
    .execute();
  await trx
    .insertInto('case_reopen_requests')
    .values({
      id: args.id,
      case_id: args.caseId,
      handling_round: args.round,
      reason: args.reason,
      state_before: args.stateBefore,
      requested_at: args.now,
    })
    .execute();
  return true;
}

export async function insertFlag(
  trx: Trx,
  row: {
    id: string;
    caseId: string;
    departmentId: string;
    kind: SupervisionFlagKind;
    ratingId: string | null;
    feedbackId: string | null;
    comment: string;
    now: string;
  },
): Promise<void> {
  await trx
    .insertInto('supervision_flags')
    .values({
      id: row.id,
      case_id: row.caseId,
      department_id: row.departmentId,
      kind: row.kind,
      rating_id: row.ratingId,
      feedback_id: row.feedbackId,
      comment: row.comment,
      flagged_at: row.now,
    })
    .execute();
}

/** The latest 不认可 feedback of a case, just written in this transaction. */
export async function latestDisagreement(
  trx: Trx,
  caseId: string,
): Promise<{ id: string; text: string | null } | undefined> {
  return trx
    .selectFrom('case_feedback')
    .select(['id', 'text'])
    .where('case_id', '=', caseId)
    .where('accepted', '=', 0)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The flags, newest first (the supervision ledger of a later issue picks them up from this table). */
export async function listFlags(db: Executor, limit: number): Promise<SupervisionFlag[]> {
  const rows = await db
    .selectFrom('supervision_flags')
    .innerJoin('cases', 'cases.id', 'supervision_flags.case_id')
    .innerJoin('departments', 'departments.id', 'supervision_flags.department_id')
    .leftJoin('case_ratings', 'case_ratings.id', 'supervision_flags.rating_id')
    .select([
      'supervision_flags.id',
      'supervision_flags.case_id',
      'cases.number',
      'cases.matter_title',
      'departments.name as department_name',
      'supervision_flags.kind',
      'case_ratings.rating',
      'supervision_flags.comment',
      'supervision_flags.flagged_at',
    ])
    .orderBy('supervision_flags.flagged_at', 'desc')
    .orderBy('supervision_flags.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.number,
    matterTitle: r.matter_title,
    departmentName: r.department_name,
    kind: r.kind,
    rating: r.rating ?? null,
    comment: r.comment,
    flaggedAt: r.flagged_at,
  }));
}

export async function flaggedRatingIds(db: Executor, caseId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('supervision_flags')
    .select('rating_id')
    .where('case_id', '=', caseId)
    .where('rating_id', 'is not', null)
    .execute();
  return new Set(rows.flatMap((r) => (r.rating_id ? [r.rating_id] : [])));
}

/**
 * Counts one more wrong code from the address in its window (a new window once the old one ran out)
 * unless it already has `max`; answers the count, or undefined when the address is over its limit.
 * One statement, so several server processes share the count (decision 0006's way).
 */
export async function reserveTrackingAttempt(
  trx: Trx,
  args: { address: string; max: number; now: string; windowStartedBefore: string },
): Promise<number | undefined> {
  const expired = sql<boolean>`tracking_throttle.window_start <= ${args.windowStartedBefore}`;
  const row = await trx
    .insertInto('tracking_throttle')
    .values({ address: args.address, failures: 1, window_start: args.now })
    .onConflict((oc) =>
      oc
        .column('address')
        .doUpdateSet({
          failures: sql<number>`case when ${expired} then 1 else tracking_throttle.failures + 1 end`,
          window_start: sql<string>`case when ${expired} then ${args.now} else tracking_throttle.window_start end`,
        })
        .where((eb) => eb.or([expired, eb('tracking_throttle.failures', '<', args.max)])),
    )
    .returning('failures')
    .executeTakeFirst();
  return row?.failures;
}

/** Whether the address is over its limit now (checked before a lookup, so a right code is refused too). */
export async function trackingThrottleOf(
  db: Executor,
  address: string,
): Promise<{ failures: number; windowStart: string } | undefined> {
  const row = await db
    .selectFrom('tracking_throttle')
    .select(['failures', 'window_start'])
    .where('address', '=', address)
    .executeTakeFirst();
  return row && { failures: row.failures, windowStart: row.window_start };
}

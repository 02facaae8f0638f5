// The applicant's own view of a case: the tracking code (issued at registration, re-issued by the first
// responder), the public page it opens, the applicant's rating and reopen, a rating recorded by phone, and
// the flags for the supervision office. Each change is one transaction with its audit event.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  AppError,
  answeredOnAfter,
  formatTrackingCode,
  isFlaggedRating,
  normalizeTrackingCode,
  publicAbilitiesOf,
  publicStageOf,
  showsReply,
  staffTrackingAbilitiesOf,
  trackingCodeFromBytes,
  TRACKING_CODE_LENGTH,
  type CaseActionRequest,
  type CaseState,
  type CaseTracking,
  type PublicCaseView,
  type SatisfactionRating,
  type SupervisionFlagList,
  type TrackingCodeIssued,
} from '@bancheng/core';
import { clockOf, todayOf, type AppContext } from '../../platform/context.ts';
import type { Config } from '../../platform/config.ts';
import type { Trx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { newId, todayInChina } from '../../platform/ids.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { requireCase, type CaseViewer } from '../cases/index.ts';
import { deliveryChannelsOf, enqueueNotifications, queueApplicantSms } from '../notifications/index.ts';
import { activePeopleWithRole } from '../people/index.ts';
import { raiseReportFromFlag } from '../ledger/index.ts';
import {
  findPublicCase,
  findTrackingByHash,
  findTrackingOfCase,
  flaggedRatingIds,
  insertFlag,
  insertRating,
  latestDisagreement,
  listFlags,
  ratingsOf,
  reopenRequestsOf,
  reserveTrackingAttempt,
  setAnsweredOn,
  trackingThrottleOf,
  upsertTrackingCode,
  writeReopen,
  type PublicCaseRow,
  type TrackingRecord,
} from './tracking-repository.ts';

/** Wrong codes one client address may send in a window before the page refuses it for the window's rest. */
export const TRACKING_MAX_FAILURES_PER_ADDRESS = 10;
export const TRACKING_WINDOW_MINUTES = 15;

function hashCode(code: string): Buffer {
  return createHash('sha256').update(code, 'utf8').digest();
}

function newTrackingCode(): string {
  return trackingCodeFromBytes(randomBytes(TRACKING_CODE_LENGTH));
}

/**
 * Issues a case's code inside the caller's transaction (registration's, or a re-issue's): stores its hash,
 * replacing any earlier code, and queues the SMS with it to the applicant (or records it as skipped).
 */
export async function issueTrackingCode(
  trx: Trx,
  args: {
    config: Config;
    caseId: string;
    number: string;
    phone: string;
    byPersonId: string;
    now: string;
    answeredOn: string | null;
  },
): Promise<TrackingCodeIssued> {
  const code = newTrackingCode();
  await upsertTrackingCode(trx, {
    caseId: args.caseId,
    codeHash: hashCode(code).toString('hex'),
    now: args.now,
    by: args.byPersonId,
    answeredOn: args.answeredOn,
  });
  const shown = formatTrackingCode(code);
  const sms = await queueApplicantSms(trx, {
    config: args.config,
    caseId: args.caseId,
    phone: args.phone,
    senderId: args.byPersonId,
    text: `【办成】您的事项（${args.number}）已受理，查询码：${shown}。请在办成网站“办理进度查询”页输入查询码查看进度，请妥善保管。`,
    redacted: `【办成】您的事项（${args.number}）已受理，查询码：（已发送，不再保存）。`,
    dedupeKey: `sms:tracking:${newId()}`,
    now: args.now,
  });
  return { trackingCode: shown, issuedAt: args.now, sms };
}

/** A new code for a case whose receipt was lost: the first responder only; the old code stops working. */
export async function reissueTrackingCode(
  ctx: AppContext,
  actor: Actor & { personId: string; subject: CaseViewer },
  caseId: string,
): Promise<TrackingCodeIssued> {
  const access = await requireCase(ctx, actor.subject, caseId, 'case.read');
  const row = access.loaded.row;
  const may = staffTrackingAbilitiesOf({
    isFirstResponder: row.first_responder_id === actor.personId,
    facts: { state: row.state, answeredOn: null, rated: true },
  });
  if (!may.reissue) throw new AppError('FORBIDDEN');
  const now = clockOf(ctx).toISOString();
  return ctx.database.db.transaction().execute(async (trx) => {
    const existing = await findTrackingOfCase(trx, caseId);
    const issued = await issueTrackingCode(trx, {
      config: ctx.config,
      caseId,
      number: row.number,
      phone: row.applicant_phone,
      byPersonId: actor.personId,
      now,
      answeredOn: existing?.answeredOn ?? null,
    });
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'case.trackingCodeIssued',
        subjectId: caseId,
        payload: { reissued: existing !== undefined, sms: issued.sms },
      },
      now,
    );
    return issued;
  });
}

/** The audit event of the code issued at registration (its own type, the code itself never in it). */
export function registrationCodeEvent(caseId: string, sms: 'queued' | 'skipped') {
  return { type: 'case.trackingCodeIssued' as const, subjectId: caseId, payload: { reissued: false, sms } };
}

// ---------------------------------------------------------------------------------------------------
// The public page

interface Found {
  tracking: TrackingRecord;
  row: PublicCaseRow;
}

/**
 * The one way in for the public: the address's limit first (a right code is refused too while it is over
 * it), then the code. A malformed, unknown, replaced or wrong code is one and the same answer, and counts
 * against the address; the hash found is compared in constant time.
 */
async function findByCode(ctx: AppContext, address: string, input: string): Promise<Found> {
  const db = ctx.database.db;
  const now = clockOf(ctx);
  const windowStartedBefore = new Date(now.getTime() - TRACKING_WINDOW_MINUTES * 60_000).toISOString();
  const throttle = await trackingThrottleOf(db, address);
  if (
    throttle &&
    throttle.failures >= TRACKING_MAX_FAILURES_PER_ADDRESS &&
    throttle.windowStart > windowStartedBefore
  ) {
    throw busy(throttle.windowStart, now);
  }
  const code = normalizeTrackingCode(input);
  // A malformed code is hashed too, so every wrong answer takes the same path.
  const presented = hashCode(code ?? `invalid:${input}`);
  const tracking = code ? await findTrackingByHash(db, presented.toString('hex')) : undefined;
  const matches =
    tracking !== undefined &&
    timingSafeEqual(Buffer.from(tracking.codeHash, 'hex'), presented) &&
    code !== null;
  const row = matches ? await findPublicCase(db, tracking.caseId) : undefined;
  if (!tracking || !matches || !row) {
    const counted = await db.transaction().execute((trx) =>
      reserveTrackingAttempt(trx, {
        address,
        max: TRACKING_MAX_FAILURES_PER_ADDRESS,
        now: now.toISOString(),
        windowStartedBefore,
      }),
    );
    if (counted === undefined) throw busy(now.toISOString(), now);
    throw new AppError('TRACKING_CODE_UNKNOWN');
  }
  return { tracking, row };
}

function busy(windowStart: string, now: Date): AppError {
  const until = Math.max(Date.parse(windowStart) + TRACKING_WINDOW_MINUTES * 60_000, now.getTime() + 1000);
  return new AppError('TRACKING_BUSY', { details: { lockedUntil: new Date(until).toISOString() } });
}

async function viewOf(ctx: AppContext, found: Found): Promise<PublicCaseView> {
  const { row, tracking } = found;
  const db = ctx.database.db;
  const [ratings, reopens, calendar] = await Promise.all([
    ratingsOf(db, row.id),
    reopenRequestsOf(db, row.id),
    getWorkCalendar(ctx),
  ]);
  const rating = ratings.find((r) => r.round === tracking.handlingRound) ?? null;
  const may = publicAbilitiesOf(
    { state: row.state, answeredOn: tracking.answeredOn, rated: rating !== null },
    { today: todayOf(ctx), calendar },
  );
  const { stage, level } = publicStageOf(row.state);
  return {
    number: row.number,
    matterTitle: row.matterTitle,
    receivedAt: row.receivedAt,
    departmentName: row.departmentName,
    unitName: row.unitName,
    stage,
    level,
    outcome: row.state === 'closed' ? row.outcome : null,
    dueDate: row.dueDate,
    replyDeadline: row.state === 'refused' || showsReply(row.state, row.outcome) ? row.replyDeadline : null,
    reply: showsReply(row.state, row.outcome)
      ? {
          reason: row.refusalReason,
          reasonText: row.refusalReasonText,
          workableSuggestion: row.workableSuggestion,
          repliedOn: row.repliedOn,
        }
      : null,
    answeredOn: tracking.answeredOn,
    rating: rating && { rating: rating.rating, comment: rating.comment, ratedAt: rating.ratedAt },
    reopenRequestedAt: reopens.at(-1)?.requestedAt ?? null,
    may: {
      rate: may.rate,
      reopen: may.reopen,
      reopenUntil: may.reopenUntil,
      reopenExpired: may.reopenExpired,
    },
  };
}

export async function trackCase(ctx: AppContext, address: string, code: string): Promise<PublicCaseView> {
  return viewOf(ctx, await findByCode(ctx, address, code));
}

/** Tells the supervision office of a flag, in the flag's transaction. */
async function flagForSupervision(
  trx: Trx,
  args: {
    config: Config;
    caseId: string;
    number: string;
    departmentId: string;
    kind: 'rating' | 'feedback';
    ratingId: string | null;
    feedbackId: string | null;
    comment: string;
    now: string;
  },
): Promise<void> {
  const flagId = newId();
  await insertFlag(trx, { id: flagId, ...args });
  // The flag enters the supervision ledger as a report linked to the case, in the same transaction.
  await raiseReportFromFlag(trx, {
    config: args.config,
    flagId,
    kind: args.kind,
    caseId: args.caseId,
    caseNumber: args.number,
    departmentId: args.departmentId,
    comment: args.comment,
    now: args.now,
  });
  const office = await activePeopleWithRole(trx, 'supervisionOffice');
  await enqueueNotifications(trx, {
    channels: deliveryChannelsOf(args.config),
    now: args.now,
    notifications: office.map((personId) => ({
      personId,
      kind: 'applicantFlagged' as const,
      caseId: args.caseId,
      params: { caseNumber: args.number, reason: args.kind },
    })),
  });
}

/** Writes a rating once per answer (the unique index settles a double submit); flags 不满意 or worse. */
async function writeRating(
  ctx: AppContext,
  args: {
    actor: Actor;
    found: Found;
    rating: SatisfactionRating;
    comment: string;
    source: 'applicant' | 'phone';
  },
): Promise<void> {
  const { found, actor } = args;
  const now = clockOf(ctx).toISOString();
  const id = newId();
  await ctx.database.db.transaction().execute(async (trx) => {
    const inserted = await insertRating(trx, {
      id,
      case_id: found.row.id,
      handling_round: found.tracking.handlingRound,
      rating: args.rating,
      comment: args.comment,
      source: args.source,
      recorded_by: args.source === 'phone' ? actor.personId : null,
      rated_at: now,
    });
    if (!inserted) {
      // The same rating sent twice is the one rating; another one for the same answer is refused.
      const existing = (await ratingsOf(trx, found.row.id)).find(
        (r) => r.round === found.tracking.handlingRound,
      );
      if (existing?.rating === args.rating && existing.comment === args.comment) return;
      throw new AppError('RATING_NOT_ALLOWED');
    }
    const flagged = isFlaggedRating(args.rating);
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'case.rated',
        subjectId: found.row.id,
        // The comment is the applicant's own words: kept in case_ratings, not copied into the log.
        payload: {
          rating: args.rating,
          source: args.source,
          round: found.tracking.handlingRound,
          hasComment: args.comment !== '',
          flagged,
        },
      },
      now,
    );
    if (flagged) {
      await flagForSupervision(trx, {
        config: ctx.config,
        caseId: found.row.id,
        number: found.row.number,
        departmentId: found.row.departmentId,
        kind: 'rating',
        ratingId: id,
        feedbackId: null,
        comment: args.comment,
        now,
      });
    }
  });
}

export async function rateByApplicant(
  ctx: AppContext,
  address: string,
  body: { code: string; rating: SatisfactionRating; comment: string },
): Promise<PublicCaseView> {
  const found = await findByCode(ctx, address, body.code);
  const view = await viewOf(ctx, found);
  const repeat = view.rating?.rating === body.rating && view.rating.comment === body.comment;
  if (!view.may.rate && !repeat) throw new AppError('RATING_NOT_ALLOWED');
  if (!repeat) {
    await writeRating(ctx, {
      actor: { personId: null, address },
      found,
      rating: body.rating,
      comment: body.comment,
      source: 'applicant',
    });
  }
  return viewOf(ctx, found);
}

export async function reopenByApplicant(
  ctx: AppContext,
  address: string,
  body: { code: string; reason: string },
): Promise<PublicCaseView> {
  const found = await findByCode(ctx, address, body.code);
  const view = await viewOf(ctx, found);
  if (!view.may.reopen) throw new AppError('REOPEN_NOT_ALLOWED');
  const { row, tracking } = found;
  const now = clockOf(ctx).toISOString();
  await ctx.database.db.transaction().execute(async (trx) => {
    const written = await writeReopen(trx, {
      id: newId(),
      caseId: row.id,
      version: row.version,
      round: tracking.handlingRound,
      reason: body.reason,
      stateBefore: row.state,
      now,
    });
    // Changed in between (a clerk acted, or the same request twice): nothing is written.
    if (!written) throw new AppError('REOPEN_NOT_ALLOWED');
    await appendAuditEvent(
      trx,
      { personId: null, address },
      {
        type: 'case.reopenedByApplicant',
        subjectId: row.id,
        payload: { round: tracking.handlingRound, before: { state: row.state }, after: { state: 'open' } },
      },
      now,
    );
    await enqueueNotifications(trx, {
      channels: deliveryChannelsOf(ctx.config),
      now,
      notifications: [
        {
          personId: row.firstResponderId,
          kind: 'reopenRequested',
          caseId: row.id,
          params: { caseNumber: row.number, matterTitle: row.matterTitle },
        },
      ],
    });
  });
  const after = await findPublicCase(ctx.database.db, row.id);
  const again = await findTrackingOfCase(ctx.database.db, row.id);
  if (!after || !again) throw new AppError('TRACKING_CODE_UNKNOWN');
  return viewOf(ctx, { row: after, tracking: again });
}

// ---------------------------------------------------------------------------------------------------
// Staff

async function staffFound(ctx: AppContext, viewer: CaseViewer, caseId: string) {
  const access = await requireCase(ctx, viewer, caseId, 'case.read');
  const db = ctx.database.db;
  const [row, tracking] = await Promise.all([findPublicCase(db, caseId), findTrackingOfCase(db, caseId)]);
  if (!row) throw new AppError('NOT_FOUND');
  return { access, row, tracking };
}

export async function getCaseTracking(
  ctx: AppContext,
  viewer: CaseViewer,
  caseId: string,
): Promise<CaseTracking> {
  const { row, tracking } = await staffFound(ctx, viewer, caseId);
  const db = ctx.database.db;
  const [ratings, reopens, flagged] = await Promise.all([
    ratingsOf(db, caseId),
    reopenRequestsOf(db, caseId),
    flaggedRatingIds(db, caseId),
  ]);
  const round = tracking?.handlingRound ?? 1;
  const may = staffTrackingAbilitiesOf({
    isFirstResponder: row.firstResponderId === viewer.personId,
    facts: {
      state: row.state,
      answeredOn: tracking?.answeredOn ?? null,
      rated: tracking === undefined || ratings.some((r) => r.round === round),
    },
  });
  return {
    codeIssuedAt: tracking?.codeIssuedAt ?? null,
    answeredOn: tracking?.answeredOn ?? null,
    ratings: ratings.map((r) => ({ ...r, flagged: flagged.has(r.id) })),
    reopenRequests: reopens,
    may,
  };
}

/** A rating the applicant gave by phone, recorded by the first responder. */
export async function recordPhoneRating(
  ctx: AppContext,
  actor: Actor & { personId: string; subject: CaseViewer },
  args: { caseId: string; rating: SatisfactionRating; comment: string },
): Promise<CaseTracking> {
  const before = await getCaseTracking(ctx, actor.subject, args.caseId);
  const { row, tracking } = await staffFound(ctx, actor.subject, args.caseId);
  const current = before.ratings.find((r) => r.round === (tracking?.handlingRound ?? 1));
  const repeat =
    current?.rating === args.rating && current.comment === args.comment && current.source === 'phone';
  if (row.firstResponderId !== actor.personId) throw new AppError('FORBIDDEN');
  if (!before.may.rate && !repeat) throw new AppError('RATING_NOT_ALLOWED');
  if (!repeat && tracking) {
    await writeRating(ctx, { actor, found: { row, tracking }, ...args, source: 'phone' });
  }
  return getCaseTracking(ctx, actor.subject, args.caseId);
}

export async function listSupervisionFlags(ctx: AppContext): Promise<SupervisionFlagList> {
  return { items: await listFlags(ctx.database.db, 200) };
}

// ---------------------------------------------------------------------------------------------------
// Called by the cases module inside an action's transaction

/**
 * Keeps the answer date in step with the case's state, and flags a 不认可 feedback for the supervision
 * office. Called after the action's facts are written.
 */
export async function noteCaseAction(
  trx: Trx,
  args: {
    config: Config;
    caseId: string;
    number: string;
    departmentId: string;
    action: CaseActionRequest['action'];
    before: CaseState;
    after: CaseState;
    now: string;
  },
): Promise<void> {
  const tracking = await findTrackingOfCase(trx, args.caseId);
  if (tracking) {
    const answeredOn = answeredOnAfter({
      before: args.before,
      after: args.after,
      answeredOn: tracking.answeredOn,
      today: todayInChina(new Date(args.now)),
    });
    if (answeredOn !== tracking.answeredOn) await setAnsweredOn(trx, { caseId: args.caseId, answeredOn });
  }
  if (args.action.type === 'recordFeedback' && !args.action.accepted) {
    const feedback = await latestDisagreement(trx, args.caseId);
    if (feedback) {
      await flagForSupervision(trx, {
        config: args.config,
        caseId: args.caseId,
        number: args.number,
        departmentId: args.departmentId,
        kind: 'feedback',
        ratingId: null,
        feedbackId: feedback.id,
        comment: feedback.text ?? '',
        now: args.now,
      });
    }
  }
}

// Cases: registration, lists, the case page, and every action — each action one transaction that
// checks the workflow rules, writes the change guarded by the case's version, and appends its event.
import {
  AppError,
  MATTER_TYPES,
  WORKFLOW_ERROR_CODES,
  addCalendarDays,
  addWorkingDays,
  applyAction,
  replyDueOf,
  startedBeforeForDueBefore,
  workflowInputOf,
  decodeListCursor,
  encodeListCursor,
  formatCaseNumber,
  leadDepartmentOf,
  type CaseActionRequest,
  type CaseDetail,
  type RegisteredCase,
  type MatterType,
  type CaseList,
  type ChainHolders,
  type DecisionLevel,
  type caseListQuerySchema,
  type registerCaseBodySchema,
} from '@bancheng/core';
import type { z } from 'zod';
import { clockOf, todayOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import type { Db } from '../../platform/db/database.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import {
  allocateCaseSeq,
  findCaseRow,
  insertCase,
  insertDecisions,
  updateCaseGuarded,
  allDecisionsOf,
} from './case-repository.ts';
import { handoversOf, openFollowUpOf } from './case-facts-repository.ts';
import { listCaseRows, type DueCut } from './case-list-repository.ts';
import type { ClockContext } from './case-clocks-mapper.ts';
import { findMatterRow } from '../matters/index.ts';
import { departmentsWithUnit } from '../org/index.ts';
import { peopleRefsByIds } from '../people/index.ts';
import { convenersFor, holdersFor, requireCase, scopesOf, type CaseViewer } from './case-access.ts';
import { subjectOf } from '../access/index.ts';
import { getClockSettings } from '../settings/index.ts';
import { buildDetail, clockContextOf, getCaseDetail, lookupsFor } from './case-view.ts';
import { actionEvent, recordFacts, recordRoundAndFollowUps } from './case-action-records.ts';
import { refuseImpossibleReplyTime } from './reply-checks.ts';
import { changesFor, currentDecisions, newCaseRow, toSummary, toWorkflowCase } from './case-mapper.ts';
import { computeDueDate } from '../calendar/index.ts';
import { coDepartmentRecipients, notifyCoDepartmentsNamed, notifyPeople } from './co-department-notices.ts';
import { notifyCaseChange } from '../notifications/index.ts';
import { issueTrackingCode, noteCaseAction, registrationCodeEvent } from '../tracking/index.ts';
import { maskPhone } from '../../platform/personal-data.ts';
import { newId, todayInChina } from '../../platform/ids.ts';
import {
  claimIdempotencyKey,
  keepAnswer,
  type IdempotencyClaim,
} from '../../platform/idempotency/idempotency.ts';

/**
 * A final refusal confirmed today is answered by this date: the bureau's reply working days (3 by the work
 * plan, 三(一)) counted from the day of receipt or from today, as its settings say (decision 0015).
 */
async function replyDeadlineOf(ctx: AppContext, receivedAt: string) {
  const cc = await clockContextOf(ctx);
  return replyDueOf({
    receivedOn: todayInChina(new Date(receivedAt)),
    refusedOn: cc.today,
    settings: cc.settings,
    calendar: cc.calendar,
  });
}

export async function registerCase(
  ctx: AppContext,
  actor: CaseActor,
  body: z.output<typeof registerCaseBodySchema>,
  claim?: IdempotencyClaim,
): Promise<RegisteredCase> {
  const db = ctx.database.db;
  if (Date.parse(body.receivedAt) > clockOf(ctx).getTime() + FUTURE_GRACE_MS) {
    throw new AppError('VALIDATION_FAILED', { fields: { receivedAt: 'inFuture' } });
  }
  const viewer = await viewerOf(ctx, actor);
  const homeDepartmentId = await homeDepartmentOf(db, actor.personId);
  // 没有明确主管部门: the first-inquiry department leads (core `leadDepartmentOf`).
  const departmentId = leadDepartmentOf({
    noCompetentDepartment: body.noCompetentDepartment ?? false,
    chosenDepartmentId: body.departmentId,
    firstResponderDepartmentId: homeDepartmentId,
  });
  if (departmentId === null) {
    throw new AppError('VALIDATION_FAILED', { fields: { departmentId: 'noCompetentDepartmentLeadsHome' } });
  }
  const holders = await holdersFor(db, departmentId, todayOf(ctx));
  if (!holders.firstResponders.includes(actor.personId)) {
    throw new AppError('NOT_A_FIRST_RESPONDER', { fields: { departmentId: 'notFirstResponder' } });
  }
  const coDepartmentIds = [...new Set(body.coDepartmentIds)].filter((id) => id !== departmentId);
  const known = await departmentsWithUnit(db, [departmentId, ...coDepartmentIds]);
  if (known.length !== coDepartmentIds.length + 1) {
    throw new AppError('VALIDATION_FAILED', { fields: { coDepartmentIds: 'notFound' } });
  }
  const matter = await matterOfCase(ctx, { body, departmentId });
  const namedTold = await coDepartmentRecipients(db, coDepartmentIds, todayOf(ctx));
  const id = newId();
  // With a key, the answer is built inside the transaction: what the clocks read is read before it.
  const clockContext = claim ? await clockContextOf(ctx) : undefined;
  const written = await db.transaction().execute(async (trx) => {
    await claimIdempotencyKey(trx, claim);
    const year = Number(matter.receivedOn.slice(0, 4));
    const seq = await allocateCaseSeq(trx, year);
    const number = formatCaseNumber(ctx.config.caseNumberFormat, year, seq);
    const now = clockOf(ctx).toISOString();
    const row = newCaseRow({
      id,
      number,
      year,
      seq,
      departmentId,
      actorId: actor.personId,
      body,
      matter,
      crossDepartment: coDepartmentIds.length > 0 || (body.noCompetentDepartment ?? false),
      now,
    });
    await insertCase(trx, row, coDepartmentIds);
    await notifyCoDepartmentsNamed(trx, ctx, {
      recipients: namedTold,
      caseId: id,
      caseNumber: number,
      matterTitle: row.matter_title,
      actorId: actor.personId,
      now,
    });
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'case.registered',
        subjectId: id,
        payload: {
          number,
          departmentId,
          after: {
            channel: body.channel,
            matterType: matter.type,
            matterTitle: row.matter_title,
            ...(row.matter_id && { matterId: row.matter_id, dueDate: row.due_date }),
            applicantName: row.applicant_name,
            applicantPhone: maskPhone(row.applicant_phone),
            coDepartmentIds,
          },
        },
      },
      now,
    );
    // The applicant's receipt: a tracking code, its hash kept, the code itself only in this answer.
    const receipt = await issueTrackingCode(trx, {
      config: ctx.config,
      caseId: id,
      number,
      phone: row.applicant_phone,
      byPersonId: actor.personId,
      now,
      answeredOn: null,
    });
    await appendAuditEvent(trx, actor, registrationCodeEvent(id, receipt.sms), now);
    // The registrar is the case's first responder and reads it: the page is built from what was written.
    const loaded = { row, coDepartmentIds, allDecisions: [], noFactsYet: true };
    // An answer kept with its key is built inside the transaction, to be stored with the change. The code
    // is not kept with it (a replay answers without it: the first responder issues a new one if needed).
    const detail =
      claim && (await keepAnswer(trx, claim, await buildDetail(ctx, trx, viewer, id, loaded, clockContext)));
    return { loaded, detail, receipt };
  });
  const detail = written.detail ?? (await buildDetail(ctx, db, viewer, id, written.loaded));
  return { ...detail, receipt: written.receipt };
}

/**
 * The matter as registered: picked from the handling department's list (its type and title unless typed,
 * and a due date from its statutory time limit, counted from the day of receipt in China), or typed.
 * Worked out before the transaction: the calendar is read (and cached) on the database handle, which
 * may not be used inside a transaction.
 */
async function matterOfCase(
  ctx: AppContext,
  args: { body: z.output<typeof registerCaseBodySchema>; departmentId: string },
): Promise<{
  id: string | null;
  type: MatterType;
  title: string;
  receivedOn: string;
  due: { due: string; provisional: boolean } | null;
}> {
  const { body } = args;
  const receivedOn = todayInChina(new Date(body.receivedAt));
  const listed = body.matterId ? await findMatterRow(ctx.database.db, body.matterId) : undefined;
  if (body.matterId && (!listed || listed.active !== 1 || listed.department_id !== args.departmentId)) {
    throw new AppError('VALIDATION_FAILED', { fields: { matterId: 'notInMatterList' } });
  }
  const type = body.matterType ?? MATTER_TYPES.find((t) => t === listed?.matter_type);
  const title = body.matterTitle ?? listed?.title;
  if (!type || !title) {
    throw new AppError('VALIDATION_FAILED', {
      fields: { ...(!type && { matterType: 'required' }), ...(!title && { matterTitle: 'required' }) },
    });
  }
  const workdays = listed?.time_limit_workdays ?? null;
  return {
    id: listed?.id ?? null,
    type,
    title,
    receivedOn,
    due: workdays === null ? null : await computeDueDate(ctx, { from: receivedOn, workdays }),
  };
}

async function homeDepartmentOf(db: Db, personId: string): Promise<string> {
  const [me] = await peopleRefsByIds(db, [personId]);
  if (!me) throw new AppError('UNAUTHENTICATED');
  return me.departmentId;
}

/** The person acting, as the access policy sees them today (routes have it from the guard already). */
/** Who is acting on a case: the person, and the subject the guard resolved for them (looked up when a
 * caller outside a request, such as the demo data, acts on a case). */
export type CaseActor = Actor & { personId: string; subject?: CaseViewer };

async function viewerOf(ctx: AppContext, actor: CaseActor): Promise<CaseViewer> {
  return actor.subject ?? subjectOf(ctx.database.db, actor.personId, todayOf(ctx));
}

export async function listCases(
  ctx: AppContext,
  viewer: CaseViewer,
  query: z.output<typeof caseListQuerySchema>,
): Promise<CaseList> {
  const db = ctx.database.db;
  const scopes = scopesOf(viewer);
  const empty = { items: [], total: 0, totalExact: true, nextCursor: null, pageSize: query.pageSize };
  if (query.view === 'all' && !scopes.scope.all && scopes.scope.departmentIds.length === 0) return empty;
  const cursor = query.cursor === undefined ? undefined : decodeListCursor(query.cursor);
  const searching = query.q !== undefined && query.q.trim() !== '';
  if (cursor === null || (cursor !== undefined && (cursor.kind === 'search') !== searching)) {
    throw new AppError('VALIDATION_FAILED', { fields: { cursor: 'invalidCursor' } });
  }
  const cc = await clockContextOf(ctx);
  const { today } = cc;
  const dueSoonBy = addWorkingDays({ from: today, workdays: 1, calendar: cc.calendar }).due;
  const page = await listCaseRows(db, ctx.database.dialect, {
    ...scopes,
    view: query.view,
    state: query.state,
    overdueBefore: query.overdue === 'true' ? dueCutOf(cc, today, today) : undefined,
    dueBy: query.dueSoon === 'true' ? dueCutOf(cc, dueSoonBy, addCalendarDays(dueSoonBy, 1)) : undefined,
    open: query.open === 'true' ? true : undefined,
    refused: query.refused === 'true' ? true : undefined,
    matterType: query.matterType,
    channel: query.channel,
    departmentId: query.departmentId,
    from: query.from,
    to: query.to ? nextDay(query.to) : undefined,
    q: query.q,
    cursor,
    pageSize: query.pageSize,
  });
  const lookups = await lookupsFor(db, page.rows);
  return {
    items: page.rows.map((r) => toSummary(r, lookups, cc)),
    total: page.total,
    totalExact: page.totalExact,
    nextCursor: page.next === null ? null : encodeListCursor(page.next),
    pageSize: query.pageSize,
  };
}

/** A list's due-date cut at `date`, each level's threshold worked out for clocks due before `before`. */
export function dueCutOf(cc: ClockContext, date: string, before: string): DueCut {
  const threshold = (level: DecisionLevel) =>
    startedBeforeForDueBefore({
      dueBefore: before,
      workdays: cc.settings.levelWorkdays[level],
      calendar: cc.calendar,
    });
  return { date, levelEnteredBefore: { 2: threshold(2), 3: threshold(3), 4: threshold(4) } };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A request cannot have come in the future (five minutes' grace for clocks that differ). */
const FUTURE_GRACE_MS = 5 * 60_000;

export async function actOnCase(
  ctx: AppContext,
  actor: CaseActor,
  args: { id: string; request: CaseActionRequest; claim?: IdempotencyClaim | undefined },
  /** `followUpWorkingDays`: instead of the bureau's setting (settings' follow-up working days). */
  options: { followUpWorkingDays?: number } = {},
): Promise<CaseDetail> {
  const db = ctx.database.db;
  const viewer = await viewerOf(ctx, actor);
  const access = await requireCase(ctx, viewer, args.id, 'case.act');
  const { action, version } = args.request;
  if (action.type === 'recordReply') refuseImpossibleReplyTime(ctx, action, access.loaded.row.received_at);
  // Worked out before the transaction: the calendar is read (and cached) on the database handle, which
  // may not be used inside a transaction.
  const replyDeadline =
    action.type === 'decide' && action.decision === 'refuse'
      ? await replyDeadlineOf(ctx, access.loaded.row.received_at)
      : null;
  // A 能办 (a level's, or a consultation's) assigns its finder a follow-up due this many working days on.
  const findsAWay =
    (action.type === 'decide' && action.decision === 'resolvable') ||
    (action.type === 'recordConsultation' && action.conclusion === 'resolvable');
  const followUpDue = findsAWay
    ? await computeDueDate(ctx, {
        from: todayInChina(clockOf(ctx)),
        workdays: options.followUpWorkingDays ?? (await getClockSettings(ctx)).followUpWorkdays,
      })
    : null;
  const chain = await holdersFor(db, access.departmentId, todayOf(ctx));
  // Who may convene is read from every department concerned only when a consultation is asked for.
  const holders: ChainHolders =
    action.type === 'requestConsultation'
      ? {
          ...chain,
          conveners: await convenersFor(db, {
            departmentId: access.departmentId,
            coDepartmentIds: access.coDepartmentIds,
            date: todayOf(ctx),
          }),
        }
      : chain;
  const clockContext = args.claim ? await clockContextOf(ctx) : undefined;
  const written = await db.transaction().execute(async (trx) => {
    // First, so that a repeat of this request in flight at the same time waits for this one, then fails
    // on the key and is answered with this answer, rather than with a version conflict.
    await claimIdempotencyKey(trx, args.claim);
    const before = await findCaseRow(trx, args.id);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== version)
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: before.version } });
    const previous = await allDecisionsOf(trx, before);
    const decisions = currentDecisions(before, previous);
    const wf = toWorkflowCase({
      row: before,
      allDecisions: previous,
      openFollowUp: await openFollowUpOf(trx, before.id),
      handovers: await handoversOf(trx, before.id),
    });
    const result = applyAction(wf, workflowInputOf(action), actor.personId, holders);
    if (!result.ok) throw new AppError(WORKFLOW_ERROR_CODES[result.error]);
    const now = clockOf(ctx).toISOString();
    const changes = changesFor(action, before, result.next, { now, replyDeadline });
    if (!(await updateCaseGuarded(trx, { id: before.id, version, changes }))) {
      throw new AppError('VERSION_CONFLICT');
    }
    // New decision records: everything the workflow appended to this round's form. A new round starts
    // empty, or (a follow-up's 未落实) with the levels below the one reopened carried over as decided.
    const round = changes.form_round ?? before.form_round;
    const existing = round !== before.form_round ? 0 : decisions.length;
    const opinion =
      action.type === 'decide'
        ? action.opinion
        : action.type === 'proposeRefusal' || action.type === 'reopenRound'
          ? action.reasonText
          : '';
    const carried = (level: number) =>
      action.type === 'recordFollowUp' ? decisions.find((d) => d.level === level) : undefined;
    const added: Parameters<typeof insertDecisions>[1] = result.next.decisions.slice(existing).map((d) => ({
      id: newId(),
      case_id: before.id,
      form_round: round,
      level: d.level,
      decision: d.decision,
      opinion: carried(d.level)?.opinion ?? opinion,
      person_id: d.personId,
      acting_for: d.actingFor,
      by_proposer: d.byProposer ? 1 : 0,
      decided_at: carried(d.level)?.decided_at ?? now,
    }));
    await insertDecisions(trx, added);
    // The follow-up's outcome first: a new round then supersedes only the duties still open.
    await recordFacts(trx, {
      action,
      caseId: before.id,
      fromPersonId: before.first_responder_id,
      actorId: actor.personId,
      now,
      convenerId: result.next.convenerId,
    });
    const after = { ...before, ...changes };
    await recordRoundAndFollowUps(trx, {
      action,
      caseId: before.id,
      roundBefore: before.form_round,
      round,
      refusal: { reason: after.refusal_reason, text: after.refusal_reason_text },
      next: result.next,
      duty: wf.followUp,
      actorId: actor.personId,
      now,
      followUpDue: followUpDue?.due ?? null,
    });
    await appendAuditEvent(
      trx,
      actor,
      actionEvent(action, {
        caseId: before.id,
        before: { state: before.state, firstResponderId: before.first_responder_id },
        after: { state: result.next.state, firstResponderId: result.next.firstResponderId },
        replyDeadline: replyDeadline?.due ?? null,
      }),
      now,
    );
    await noteCaseAction(trx, {
      config: ctx.config,
      caseId: before.id,
      number: before.number,
      departmentId: before.department_id,
      action,
      before: before.state,
      after: result.next.state,
      now,
    });
    if (action.type === 'requestConsultation' && result.next.convenerId) {
      await notifyPeople(trx, ctx, {
        personIds: [result.next.convenerId],
        message: {
          kind: 'consultationRequested',
          params: { caseNumber: before.number, matterTitle: before.matter_title },
        },
        caseId: before.id,
        actorId: actor.personId,
        now,
      });
    }
    await notifyCaseChange(trx, {
      config: ctx.config,
      before,
      after: { ...before, ...changes },
      action,
      actorId: actor.personId,
      holders,
      now,
    });
    // The case as written: the page is built from it (and from today's holders) without reading back
    // what this transaction wrote; inside the transaction when the answer is kept with its key.
    const loaded = {
      row: { ...before, ...changes, version: version + 1 },
      coDepartmentIds: access.coDepartmentIds,
      allDecisions: [...previous, ...added],
      holders,
    };
    const detail =
      args.claim &&
      (await keepAnswer(trx, args.claim, await buildDetail(ctx, trx, viewer, args.id, loaded, clockContext)));
    return { loaded, detail };
  });
  return written.detail ?? buildDetail(ctx, db, viewer, args.id, written.loaded);
}

export async function revealApplicantPhone(
  ctx: AppContext,
  actor: CaseActor,
  id: string,
): Promise<{ phone: string }> {
  const db = ctx.database.db;
  await requireCase(ctx, await viewerOf(ctx, actor), id, 'case.revealPhone');
  const row = await findCaseRow(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  await appendAuditEvent(
    db,
    actor,
    { type: 'case.phoneRevealed', subjectId: id, payload: {} },
    clockOf(ctx).toISOString(),
  );
  return { phone: row.applicant_phone };
}

export { getCaseDetail };

// The supervision ledger's steps for staff: the preliminary assessment, linked cases, supervision orders
// (issue, answer, verify), the reply, the referral and its finding, materials, and the audited reveal of
// the reporter. Each change is one transaction with its audit event, decided by core `applyReportAction`;
// the reporter's name and phone never leave this module except through `revealReporter` (and the masked
// name to the offices). Reading is report-reading.ts, intake report-intake.ts, the tasks of the people a
// report is sent to ledger-tasks.ts.
import {
  AppError,
  addWorkingDays,
  applyReportAction,
  availableReportActions,
  readsFullRecord,
  type OrderDetail,
  type ReportActionInput,
  type ReportDetail,
  type ReportWorkflowError,
  type Subject,
  type WorkCalendar,
  type WorkflowReport,
} from '@bancheng/core';
import { nowIsoOf, todayOf, type AppContext } from '../../platform/context.ts';
import type { Trx } from '../../platform/db/database.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { newId } from '../../platform/ids.ts';
import {
  claimIdempotencyKey,
  keepAnswer,
  type IdempotencyClaim,
} from '../../platform/idempotency/idempotency.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { requireCase } from '../cases/index.ts';
import { deliveryChannelsOf, enqueueNotifications } from '../notifications/index.ts';
import {
  departmentOf,
  deleteLink,
  deptHeadsOn,
  findReferral,
  insertLink,
  insertOrder,
  insertOrderAnswer,
  insertOrderVerification,
  insertReferral,
  peopleWithRoleInUnits,
  recordFinding,
  setOrderState,
  updateReport,
  type NewReportRow,
  type ReportRecord,
} from './ledger-repository.ts';
import {
  type LedgerActor,
  type Loaded,
  detailOf,
  load,
  reportIdOfOrder,
  workflowOf,
} from './report-reading.ts';
import { receiversOf, smsToReporter } from './report-intake.ts';
import { orderDetailOf } from './ledger-tasks.ts';

// ---------------------------------------------------------------------------------------------------
// Acting

const WORKFLOW_ERRORS: Record<ReportWorkflowError, AppError> = {
  ACTION_NOT_ALLOWED: new AppError('REPORT_ACTION_NOT_ALLOWED'),
  NOT_YOURS_TO_ACT: new AppError('NOT_FOUND'),
  ORDER_NOT_FOUND: new AppError('NOT_FOUND'),
  ORDER_NOT_OPEN: new AppError('REPORT_ACTION_NOT_ALLOWED'),
  ALREADY_LINKED: new AppError('REPORT_ALREADY_LINKED'),
  NOT_LINKED: new AppError('NOT_FOUND'),
  ORDER_ALREADY_OPEN: new AppError('REPORT_ORDER_ALREADY_OPEN'),
  ANSWER_REQUIRED: new AppError('VALIDATION_FAILED', { fields: { publicAnswer: 'required' } }),
};

function workflowError(e: ReportWorkflowError): AppError {
  const template = WORKFLOW_ERRORS[e];
  return new AppError(template.code, {
    ...(template.fields && { fields: template.fields }),
  });
}

interface Step {
  trx: Trx;
  l: Loaded;
  next: WorkflowReport;
  now: string;
  today: string;
  calendar: WorkCalendar;
}

/**
 * The one way a report changes: load it as the actor sees it, let core decide, then write in one
 * transaction (the report's version guards against a change in between) with the audit event.
 * People without any role on the report get 404 and nothing changes.
 */
async function act<T>(
  ctx: AppContext,
  actor: LedgerActor,
  args: {
    id: string;
    input: (l: Loaded) => ReportActionInput;
    write: (s: Step) => Promise<Partial<NewReportRow> | void>;
    event: (s: Step) => {
      type: Parameters<typeof appendAuditEvent>[2]['type'];
      payload: Record<string, unknown>;
    };
    answer: (ctx: AppContext, trx: Trx, id: string, calendar: WorkCalendar) => Promise<T>;
    claim?: IdempotencyClaim | undefined;
  },
): Promise<T> {
  const db = ctx.database.db;
  const calendar = await getWorkCalendar(ctx);
  const now = nowIsoOf(ctx);
  const today = todayOf(ctx);
  return db.transaction().execute(async (trx) => {
    await claimIdempotencyKey(trx, args.claim);
    const l = await load(trx, actor.subject, args.id);
    const input = args.input(l);
    const result = applyReportAction(workflowOf(l), input, {
      roles: l.roles,
      headOfDepartmentIds: l.ls.headOfDepartmentIds,
    });
    if (!result.ok) throw workflowError(result.error);
    const step = { trx, l, next: result.next, now, today, calendar };
    const set = (await args.write(step)) ?? {};
    const changed = await updateReport(trx, {
      id: l.row.id,
      version: l.row.version,
      set: { state: result.next.state, outcome: result.next.outcome, triage: result.next.triage, ...set },
      now,
    });
    if (!changed) throw new AppError('VERSION_CONFLICT');
    const event = args.event(step);
    await appendAuditEvent(
      trx,
      actor,
      {
        type: event.type as 'report.triaged',
        subjectId: l.row.id,
        payload: { before: { state: l.row.state }, after: { state: result.next.state }, ...event.payload },
      },
      now,
    );
    const answer = await args.answer(ctx, trx, l.row.id, calendar);
    if (args.claim) await keepAnswer(trx, args.claim, answer);
    return answer;
  });
}

const detailAnswer =
  (actor: LedgerActor) => async (ctx: AppContext, trx: Trx, id: string, calendar: WorkCalendar) =>
    detailOf(ctx, trx, await load(trx, actor.subject, id), calendar);

async function handlingOfficeIds(trx: Trx, row: ReportRecord): Promise<string[]> {
  return receiversOf(trx, row.unit_id);
}

export async function triageReport(
  ctx: AppContext,
  actor: LedgerActor,
  id: string,
  body:
    | { decision: 'inScope'; note?: string | undefined }
    | { decision: 'outOfScope'; publicAnswer: string; sendSms: boolean },
  claim?: IdempotencyClaim,
): Promise<ReportDetail> {
  return act(ctx, actor, {
    id,
    claim,
    input: () =>
      body.decision === 'inScope'
        ? { type: 'triage', decision: 'inScope' }
        : { type: 'triage', decision: 'outOfScope', publicAnswer: body.publicAnswer },
    write: async ({ trx, l, now }) => {
      if (body.decision === 'inScope') return { triage_note: body.note ?? null, triaged_at: now };
      const sms = await smsToReporter(trx, {
        config: ctx.config,
        reportId: l.row.id,
        phone: l.row.reporter_phone,
        wantsSms: body.sendSms && l.row.wants_sms === 1,
        senderId: actor.personId,
        text: `【办成】您反映的问题（${l.row.number}）已答复，请在办成网站“反映进度查询”页查看。`,
        redacted: `【办成】您反映的问题（${l.row.number}）已答复。`,
        now,
      });
      return { public_answer: body.publicAnswer, triaged_at: now, reply_sms_queued: sms ? 1 : 0 };
    },
    event: () => ({ type: 'report.triaged', payload: { decision: body.decision } }),
    answer: detailAnswer(actor),
  });
}

export async function linkCase(
  ctx: AppContext,
  actor: LedgerActor,
  id: string,
  caseId: string,
  claim?: IdempotencyClaim,
): Promise<ReportDetail> {
  // The case must be one the office reads (the case module's one access decision).
  await requireCase(ctx, actor.subject, caseId, 'case.read');
  return act(ctx, actor, {
    id,
    claim,
    input: () => ({ type: 'linkCase', caseId }),
    write: async ({ trx, now }) => {
      await insertLink(trx, { report_id: id, case_id: caseId, linked_by: actor.personId, linked_at: now });
    },
    event: () => ({ type: 'report.caseLinked', payload: { caseId } }),
    answer: detailAnswer(actor),
  });
}

export async function unlinkCase(
  ctx: AppContext,
  actor: LedgerActor,
  id: string,
  caseId: string,
): Promise<ReportDetail> {
  return act(ctx, actor, {
    id,
    input: () => ({ type: 'unlinkCase', caseId }),
    write: async ({ trx }) => {
      await deleteLink(trx, { reportId: id, caseId });
    },
    event: () => ({ type: 'report.caseUnlinked', payload: { caseId } }),
    answer: detailAnswer(actor),
  });
}

export async function superviseReport(
  ctx: AppContext,
  actor: LedgerActor,
  id: string,
  body: { departmentId: string; instructions: string; dueWorkdays: number },
  claim?: IdempotencyClaim,
): Promise<ReportDetail> {
  const orderId = newId();
  // Who may act is decided before anything about the input is said.
  await load(ctx.database.db, actor.subject, id);
  const dep = await departmentOf(ctx.database.db, body.departmentId);
  if (!dep) throw new AppError('VALIDATION_FAILED', { fields: { departmentId: 'notFound' } });
  return act(ctx, actor, {
    id,
    claim,
    input: () => ({ type: 'supervise', orderId, departmentId: body.departmentId }),
    write: async ({ trx, l, now, today, calendar }) => {
      const due = addWorkingDays({ from: today, workdays: body.dueWorkdays, calendar }).due;
      await insertOrder(trx, {
        id: orderId,
        report_id: id,
        department_id: body.departmentId,
        instructions: body.instructions,
        due_workdays: body.dueWorkdays,
        issued_on: today,
        due_date: due,
        state: 'open',
        issued_by: actor.personId,
        issued_at: now,
        closed_at: null,
      });
      const heads = await deptHeadsOn(trx, body.departmentId, today);
      // The department head learns the matter and the due date: never who reported it.
      await enqueueNotifications(trx, {
        channels: deliveryChannelsOf(ctx.config),
        now,
        notifications: heads.map((personId) => ({
          personId,
          caseId: null,
          kind: 'supervisionOrdered' as const,
          params: { reportNumber: l.row.number, departmentName: dep.name, due },
        })),
      });
    },
    event: () => ({
      type: 'report.supervised',
      payload: { orderId, departmentId: body.departmentId, dueWorkdays: body.dueWorkdays },
    }),
    answer: detailAnswer(actor),
  });
}

export async function answerOrder(
  ctx: AppContext,
  actor: LedgerActor,
  orderId: string,
  body: { text: string },
  claim?: IdempotencyClaim,
): Promise<OrderDetail> {
  const order = await reportIdOfOrder(ctx, orderId);
  return act(ctx, actor, {
    id: order.report_id,
    claim,
    input: () => ({ type: 'answerOrder', orderId }),
    write: async ({ trx, l, now }) => {
      await insertOrderAnswer(trx, {
        id: newId(),
        order_id: orderId,
        text: body.text,
        answered_by: actor.personId,
        answered_at: now,
      });
      if (!(await setOrderState(trx, { id: orderId, from: 'open', to: 'answered', closedAt: null }))) {
        throw new AppError('VERSION_CONFLICT');
      }
      const office = await handlingOfficeIds(trx, l.row);
      await enqueueNotifications(trx, {
        channels: deliveryChannelsOf(ctx.config),
        now,
        notifications: office.map((personId) => ({
          personId,
          caseId: null,
          kind: 'orderAnswered' as const,
          params: { reportNumber: l.row.number, departmentName: order.department_name },
        })),
      });
    },
    event: () => ({ type: 'report.orderAnswered', payload: { orderId } }),
    answer: (c, trx, _id, calendar) => orderDetailOf(c, trx, actor, orderId, calendar),
  });
}

export async function verifyOrder(
  ctx: AppContext,
  actor: LedgerActor,
  orderId: string,
  body: { accept: true } | { accept: false; reason: string },
  claim?: IdempotencyClaim,
): Promise<ReportDetail> {
  const order = await reportIdOfOrder(ctx, orderId);
  return act(ctx, actor, {
    id: order.report_id,
    claim,
    input: () => ({ type: 'verifyOrder', orderId, accept: body.accept }),
    write: async ({ trx, l, now, today }) => {
      await insertOrderVerification(trx, {
        id: newId(),
        order_id: orderId,
        accepted: body.accept ? 1 : 0,
        reason: body.accept ? null : body.reason,
        verified_by: actor.personId,
        verified_at: now,
      });
      const to = body.accept ? 'accepted' : 'open';
      if (
        !(await setOrderState(trx, { id: orderId, from: 'answered', to, closedAt: body.accept ? now : null }))
      ) {
        throw new AppError('VERSION_CONFLICT');
      }
      if (!body.accept) {
        const heads = await deptHeadsOn(trx, order.department_id, today);
        await enqueueNotifications(trx, {
          channels: deliveryChannelsOf(ctx.config),
          now,
          notifications: heads.map((personId) => ({
            personId,
            caseId: null,
            kind: 'orderSentBack' as const,
            params: { reportNumber: l.row.number, departmentName: order.department_name },
          })),
        });
      }
    },
    event: () => ({ type: 'report.orderVerified', payload: { orderId, accepted: body.accept } }),
    answer: detailAnswer(actor),
  });
}

export async function replyToReporter(
  ctx: AppContext,
  actor: LedgerActor,
  id: string,
  body: { text: string; sendSms: boolean },
  claim?: IdempotencyClaim,
): Promise<ReportDetail> {
  return act(ctx, actor, {
    id,
    claim,
    input: () => ({ type: 'reply' }),
    write: async ({ trx, l, now }) => {
      const sms = await smsToReporter(trx, {
        config: ctx.config,
        reportId: id,
        phone: l.row.reporter_phone,
        wantsSms: body.sendSms && l.row.wants_sms === 1,
        senderId: actor.personId,
        text: `【办成】您反映的问题（${l.row.number}）已办理并答复，请在办成网站“反映进度查询”页查看。`,
        redacted: `【办成】您反映的问题（${l.row.number}）已答复。`,
        now,
      });
      return { reply_text: body.text, replied_at: now, reply_sms_queued: sms ? 1 : 0 };
    },
    event: () => ({ type: 'report.replied', payload: { sms: body.sendSms } }),
    answer: detailAnswer(actor),
  });
}

export async function referToDiscipline(
  ctx: AppContext,
  actor: LedgerActor,
  id: string,
  body: { note: string },
  claim?: IdempotencyClaim,
): Promise<ReportDetail> {
  const referralId = newId();
  return act(ctx, actor, {
    id,
    claim,
    input: () => ({ type: 'referToDiscipline' }),
    write: async ({ trx, l, now }) => {
      await insertReferral(trx, {
        id: referralId,
        report_id: id,
        note: body.note,
        state: 'open',
        referred_by: actor.personId,
        referred_at: now,
        substantiated: null,
        finding_notes: null,
        accountability: null,
        found_by: null,
        found_at: null,
      });
      const inspectors = await peopleWithRoleInUnits(trx, 'disciplineInspection', [l.row.unit_id]);
      await enqueueNotifications(trx, {
        channels: deliveryChannelsOf(ctx.config),
        now,
        notifications: inspectors.map((personId) => ({
          personId,
          caseId: null,
          kind: 'referralReceived' as const,
          params: { reportNumber: l.row.number },
        })),
      });
    },
    event: ({ l }) => ({
      type: 'report.referred',
      payload: { referralId, linkedCaseIds: l.links.map((c) => c.caseId) },
    }),
    answer: detailAnswer(actor),
  });
}

export async function recordReferralFinding(
  ctx: AppContext,
  actor: LedgerActor,
  referralId: string,
  body: { substantiated: boolean; notes: string; accountability: string | null },
  claim?: IdempotencyClaim,
): Promise<ReportDetail> {
  const db = ctx.database.db;
  const referral = await findReferral(db, referralId);
  if (!referral) throw new AppError('NOT_FOUND');
  return act(ctx, actor, {
    id: referral.report_id,
    claim,
    input: () => ({ type: 'recordFinding' }),
    write: async ({ trx, now }) => {
      const done = await recordFinding(trx, {
        id: referralId,
        substantiated: body.substantiated,
        notes: body.notes,
        accountability: body.accountability,
        by: actor.personId,
        at: now,
      });
      if (!done) throw new AppError('VERSION_CONFLICT');
    },
    event: () => ({
      type: 'report.findingRecorded',
      payload: {
        referralId,
        substantiated: body.substantiated,
        accountability: body.accountability !== null,
      },
    }),
    answer: detailAnswer(actor),
  });
}

/** The reporter's name and phone: the handling office and discipline inspection; every reveal audited. */
export async function revealReporter(
  ctx: AppContext,
  actor: LedgerActor,
  id: string,
): Promise<{ name: string | null; phone: string | null }> {
  let revealed: { name: string | null; phone: string | null } = { name: null, phone: null };
  await act(ctx, actor, {
    id,
    input: () => ({ type: 'revealReporter' }),
    write: async ({ l }) => {
      revealed = { name: l.row.reporter_name, phone: l.row.reporter_phone };
    },
    event: () => ({ type: 'report.reporterRevealed', payload: {} }),
    answer: async () => undefined,
  });
  return revealed;
}

/** Records an added material as a workflow step (who may add decides `addMaterial`). */
export async function noteMaterialAdded(
  ctx: AppContext,
  actor: LedgerActor,
  id: string,
  write: (trx: Trx, now: string) => Promise<Record<string, unknown>>,
): Promise<void> {
  let payload: Record<string, unknown> = {};
  await act(ctx, actor, {
    id,
    input: () => ({ type: 'addMaterial' }),
    write: async ({ trx, now }) => {
      payload = await write(trx, now);
    },
    event: () => ({ type: 'report.attachmentAdded', payload }),
    answer: async () => undefined,
  });
}

/** Whether the actor may add a material to the report (before any byte is read). */
export async function mayAddMaterial(ctx: AppContext, subject: Subject, id: string): Promise<void> {
  const l = await load(ctx.database.db, subject, id);
  const ok = availableReportActions(workflowOf(l), {
    roles: l.roles,
    headOfDepartmentIds: l.ls.headOfDepartmentIds,
  }).includes('addMaterial');
  if (!ok)
    throw readsFullRecord(l.roles) ? new AppError('REPORT_ACTION_NOT_ALLOWED') : new AppError('NOT_FOUND');
}

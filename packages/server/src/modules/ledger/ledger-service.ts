// The supervision ledger for staff: the list, one report's page, registration from a call, letter or
// visit, the preliminary assessment, linked cases, supervision orders (issue, answer, verify), the reply,
// the referral and its finding, and the audited reveal of the reporter. Each change is one transaction
// with its audit event, decided by core `applyReportAction`; the reporter's name and phone never leave
// this module except through `revealReporter` (and the masked name to the offices).
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  AppError,
  addWorkingDays,
  applyReportAction,
  availableReportActions,
  decodeListCursor,
  encodeListCursor,
  formatReportCode,
  lightOf,
  maskReporterName,
  newWorkflowReport,
  readsFullRecord,
  reportCodeFromBytes,
  reportRolesOf,
  TRACKING_CODE_LENGTH,
  type LedgerSubject,
  type Light,
  type OrderDetail,
  type PersonRef,
  type RegisterReportInput,
  type ReportActionInput,
  type ReportDetail,
  type ReportList,
  type ReportRole,
  type ReportSource,
  type ReportSummary,
  type ReportWorkflowError,
  type Subject,
  type SupervisionOrder,
  type WorkCalendar,
  type WorkflowReport,
  type reportListQuerySchema,
} from '@bancheng/core';
import { nowIsoOf, todayOf, type AppContext } from '../../platform/context.ts';
import type { Config } from '../../platform/config.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { newId, todayInChina } from '../../platform/ids.ts';
import {
  claimIdempotencyKey,
  keepAnswer,
  type IdempotencyClaim,
} from '../../platform/idempotency/idempotency.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { requireCase } from '../cases/index.ts';
import { deliveryChannelsOf, enqueueNotifications, queueApplicantSms } from '../notifications/index.ts';
import type { ReportTable } from '../../platform/db/schema.ts';
import { ledgerSubjectOf, requireFullRecord } from './ledger-access.ts';
import {
  answersOf,
  attachmentsOf,
  bureauUnitId,
  cursorOf,
  departmentOf,
  deleteLink,
  deptHeadsOn,
  findOrder,
  findReferral,
  findReport,
  insertLink,
  insertOrder,
  insertOrderAnswer,
  insertOrderVerification,
  insertReferral,
  insertReport,
  linkedCasesOf,
  listReports,
  nextReportSeq,
  ordersOf,
  ordersOfDepartments,
  peopleRefs,
  peopleWithRoleInUnits,
  recordFinding,
  referralOf,
  referralsOfUnits,
  setOrderState,
  unitOf,
  updateReport,
  verificationsOf,
  type OrderRecord,
  type ReportRecord,
} from './ledger-repository.ts';

type Executor = Db | Trx;
export type LedgerActor = Actor & { personId: string; subject: Subject };

export function hashReportCode(code: string): Buffer {
  return createHash('sha256').update(code, 'utf8').digest();
}

const DELETED: PersonRef = { id: 'unknown', username: '', displayName: '' };

// ---------------------------------------------------------------------------------------------------
// Loading and mapping

interface Loaded {
  row: ReportRecord;
  orders: OrderRecord[];
  referral: Awaited<ReturnType<typeof referralOf>>;
  links: Awaited<ReturnType<typeof linkedCasesOf>>;
  roles: ReportRole[];
  ls: LedgerSubject & { personId: string };
}

async function load(db: Executor, subject: Subject, id: string): Promise<Loaded> {
  const row = await findReport(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [orders, referral, links, ls] = await Promise.all([
    ordersOf(db, id),
    referralOf(db, id),
    linkedCasesOf(db, id),
    ledgerSubjectOf(db, subject),
  ]);
  const roles = reportRolesOf(ls, {
    aboutBureau: row.unit_kind === 'bureau',
    unitId: row.unit_id,
    orderDepartmentIds: orders.map((o) => o.department_id),
    referred: referral !== undefined,
  });
  if (roles.includes('none')) throw new AppError('NOT_FOUND');
  return { row, orders, referral, links, roles, ls };
}

function workflowOf(l: Pick<Loaded, 'row' | 'orders' | 'referral' | 'links'>): WorkflowReport {
  return {
    state: l.row.state,
    outcome: l.row.outcome,
    triage: l.row.triage,
    orders: l.orders.map((o) => ({ id: o.id, departmentId: o.department_id, state: o.state })),
    referral: l.referral ? { state: l.referral.state } : null,
    linkedCaseIds: l.links.map((c) => c.caseId),
    replied: l.row.public_answer !== null || l.row.reply_text !== null,
  };
}

function orderClock(o: OrderRecord, today: string, calendar: WorkCalendar) {
  const light: Light | null = o.state === 'open' ? lightOf({ due: o.due_date, today, calendar }) : null;
  return {
    dueWorkdays: o.due_workdays,
    dueDate: o.due_date,
    light,
    dueSoon: light === 'yellow',
    overdue: light === 'red',
  };
}

async function ordersView(
  db: Executor,
  orders: OrderRecord[],
  attachments: Awaited<ReturnType<typeof attachmentsOf>>,
  today: string,
  calendar: WorkCalendar,
): Promise<SupervisionOrder[]> {
  const ids = orders.map((o) => o.id);
  const [answers, verifications] = await Promise.all([answersOf(db, ids), verificationsOf(db, ids)]);
  const refs = await peopleRefs(
    db,
    orders.map((o) => o.issued_by),
  );
  const ref = (id: string, username: string, displayName: string) => ({ id, username, displayName });
  return orders.map((o) => ({
    id: o.id,
    reportId: o.report_id,
    departmentId: o.department_id,
    departmentName: o.department_name,
    unitName: o.unit_name,
    instructions: o.instructions,
    state: o.state,
    issuedBy: refs.get(o.issued_by) ?? DELETED,
    issuedAt: o.issued_at,
    ...orderClock(o, today, calendar),
    answers: answers
      .filter((a) => a.order_id === o.id)
      .map((a) => ({
        text: a.text,
        answeredBy: ref(a.answered_by, a.username, a.display_name),
        answeredAt: a.answered_at,
      })),
    verifications: verifications
      .filter((v) => v.order_id === o.id)
      .map((v) => ({
        accepted: v.accepted === 1,
        reason: v.reason,
        verifiedBy: ref(v.verified_by, v.username, v.display_name),
        verifiedAt: v.verified_at,
      })),
    attachments: attachments.filter((a) => a.orderId === o.id).map(({ orderId: _o, ...a }) => a),
  }));
}

function summaryOf(
  row: ReportRecord,
  orders: OrderRecord[],
  today: string,
  calendar: WorkCalendar,
): ReportSummary {
  const lights = orders
    .filter((o) => o.state === 'open')
    .map((o) => lightOf({ due: o.due_date, today, calendar }));
  const light: Light | null = lights.includes('red')
    ? 'red'
    : lights.includes('yellow')
      ? 'yellow'
      : lights.length > 0
        ? 'green'
        : null;
  return {
    id: row.id,
    number: row.number,
    state: row.state,
    outcome: row.outcome,
    source: row.source,
    receivedAt: row.received_at,
    what: row.what,
    unitId: row.unit_id,
    unitName: row.unit_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    counter: row.counter,
    reporter: {
      anonymous: row.reporter_name === null && row.reporter_phone === null,
      maskedName: maskReporterName(row.reporter_name),
      hasPhone: row.reporter_phone !== null,
      wantsSms: row.wants_sms === 1,
    },
    triage: row.triage,
    light,
    overdue: light === 'red',
    openOrders: orders.filter((o) => o.state !== 'accepted').length,
  };
}

async function detailOf(ctx: AppContext, db: Executor, l: Loaded): Promise<ReportDetail> {
  const [calendar, attachments] = await Promise.all([getWorkCalendar(ctx), attachmentsOf(db, l.row.id)]);
  const today = todayOf(ctx);
  const refs = await peopleRefs(
    db,
    [l.row.registered_by, l.referral?.referred_by, l.referral?.found_by].filter(
      (x): x is string => typeof x === 'string',
    ),
  );
  const actor = { roles: l.roles, headOfDepartmentIds: l.ls.headOfDepartmentIds };
  const r = l.row;
  return {
    ...summaryOf(r, l.orders, today, calendar),
    happenedOn: r.happened_on,
    caseTrackingCode: r.case_tracking_code,
    registeredBy: r.registered_by ? (refs.get(r.registered_by) ?? DELETED) : null,
    publicAnswer:
      r.public_answer !== null ? { text: r.public_answer, answeredAt: r.triaged_at ?? r.updated_at } : null,
    reply:
      r.reply_text !== null
        ? { text: r.reply_text, repliedAt: r.replied_at ?? r.updated_at, smsQueued: r.reply_sms_queued === 1 }
        : null,
    flagCaseId: r.flag_id ? (l.links[0]?.caseId ?? null) : null,
    attachments: attachments.filter((a) => a.orderId === null).map(({ orderId: _o, ...a }) => a),
    linkedCases: l.links.map((c) => ({
      ...c,
      state: c.state as ReportDetail['linkedCases'][number]['state'],
    })),
    orders: await ordersView(db, l.orders, attachments, today, calendar),
    referral: l.referral
      ? {
          id: l.referral.id,
          reportId: r.id,
          state: l.referral.state,
          note: l.referral.note,
          referredBy: refs.get(l.referral.referred_by) ?? DELETED,
          referredAt: l.referral.referred_at,
          finding:
            l.referral.state === 'found'
              ? {
                  substantiated: l.referral.substantiated === 1,
                  notes: l.referral.finding_notes ?? '',
                  accountability: l.referral.accountability,
                  foundBy: refs.get(l.referral.found_by ?? '') ?? DELETED,
                  foundAt: l.referral.found_at ?? '',
                }
              : null,
        }
      : null,
    roles: l.roles,
    actions: availableReportActions(workflowOf(l), actor),
    version: r.version,
  };
}

// ---------------------------------------------------------------------------------------------------
// Reading

export async function getReportDetail(ctx: AppContext, subject: Subject, id: string): Promise<ReportDetail> {
  const db = ctx.database.db;
  const l = await load(db, subject, id);
  requireFullRecord(l.roles);
  return detailOf(ctx, db, l);
}

/** The scope of the list: the city office reads every report; discipline inspection its units'. */
async function listScope(db: Executor, ls: LedgerSubject) {
  const handled: string[] = [];
  const referred: string[] = [];
  for (const id of ls.disciplineUnitIds) {
    // A unit's discipline inspection handles its unit's reports; the bureau's reads the referred ones.
    if ((await unitOf(db, id))?.kind === 'bureau') referred.push(id);
    else handled.push(id);
  }
  return { all: ls.isSupervisionOffice, unitIds: handled, referredUnitIds: referred };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function listLedger(
  ctx: AppContext,
  subject: Subject,
  query: Omit<z.output<typeof reportListQuerySchema>, 'pageSize' | 'cursor'> & {
    cursor?: string | undefined;
    pageSize: number;
  },
): Promise<ReportList> {
  const db = ctx.database.db;
  const ls = await ledgerSubjectOf(db, subject);
  const decoded = query.cursor === undefined ? undefined : decodeListCursor(query.cursor);
  if (decoded === null || (decoded !== undefined && decoded.kind !== 'received')) {
    throw new AppError('VALIDATION_FAILED', { fields: { cursor: 'invalidCursor' } });
  }
  const calendar = await getWorkCalendar(ctx);
  const today = todayOf(ctx);
  const rows = await listReports(db, {
    ...(await listScope(db, ls)),
    state: query.state,
    source: query.source,
    unitId: query.unitId,
    departmentId: query.departmentId,
    from: query.from,
    to: query.to ? nextDay(query.to) : undefined,
    overdueBefore: query.overdue === 'true' ? today : undefined,
    q: query.q?.trim() || undefined,
    cursor: decoded,
    limit: query.pageSize + 1,
  });
  const page = rows.slice(0, query.pageSize);
  const items: ReportSummary[] = [];
  for (const row of page) items.push(summaryOf(row, await ordersOf(db, row.id), today, calendar));
  const last = page.at(-1);
  const more = rows.length > query.pageSize;
  return {
    items,
    total: page.length + (more ? 1 : 0),
    totalExact: !more,
    nextCursor: more && last ? encodeListCursor(cursorOf(last)) : null,
    pageSize: query.pageSize,
  };
}

/** Every report of the list's filters, for the XLSX export (the list's scope). */
export async function ledgerRowsForExport(
  ctx: AppContext,
  subject: Subject,
  query: Parameters<typeof listLedger>[2],
): Promise<ReportDetail[]> {
  const details: ReportDetail[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await listLedger(ctx, subject, { ...query, pageSize: 100, cursor });
    for (const item of page.items) details.push(await getReportDetail(ctx, subject, item.id));
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return details;
}

// ---------------------------------------------------------------------------------------------------
// Creating a report (the public site, the office's registration, a case's flag)

export interface NewReport {
  source: ReportSource;
  unitId: string;
  departmentId: string | null;
  counter: string | null;
  what: string;
  happenedOn: string | null;
  caseTrackingCode: string | null;
  name: string | null;
  phone: string | null;
  wantsSms: boolean;
  language: 'zh' | 'en';
  registeredBy: string | null;
  flagId: string | null;
  receivedAt: string;
}

/** Checks the unit and department exist and belong together; the report's unit is the department's. */
export async function placeOfReport(
  db: Executor,
  input: { unitId: string; departmentId?: string | undefined },
): Promise<{ unitId: string; departmentId: string | null; aboutBureau: boolean }> {
  const unit = await unitOf(db, input.unitId);
  if (!unit) throw new AppError('VALIDATION_FAILED', { fields: { unitId: 'notFound' } });
  if (input.departmentId === undefined) {
    return { unitId: unit.id, departmentId: null, aboutBureau: unit.kind === 'bureau' };
  }
  const dep = await departmentOf(db, input.departmentId);
  if (!dep || dep.unit_id !== unit.id) {
    throw new AppError('VALIDATION_FAILED', { fields: { departmentId: 'notFound' } });
  }
  return { unitId: unit.id, departmentId: dep.id, aboutBureau: unit.kind === 'bureau' };
}

/** The office that receives a report about this unit: the city office, or the unit's discipline inspection. */
export async function receiversOf(db: Executor, unitId: string): Promise<string[]> {
  const unit = await unitOf(db, unitId);
  if (!unit) return [];
  return unit.kind === 'bureau'
    ? peopleWithRoleInUnits(db, 'supervisionOffice', [unitId])
    : peopleWithRoleInUnits(db, 'disciplineInspection', [unitId]);
}

/**
 * Writes a new report in the caller's transaction: its number, the hash of a fresh code, the office's
 * notification. Returns the code (to show once) and the row's id.
 */
export async function insertNewReport(
  trx: Trx,
  args: {
    config: Config;
    report: NewReport;
    actor: Actor;
    now: string;
    eventType: 'report.received' | 'report.registered' | 'report.raisedFromFlag';
  },
): Promise<{ id: string; number: string; code: string; receivers: string[] }> {
  const { report, now } = args;
  const code = reportCodeFromBytes(randomBytes(TRACKING_CODE_LENGTH));
  const year = Number(todayInChina(new Date(now)).slice(0, 4));
  const seq = await nextReportSeq(trx, year);
  const number = `DB-${year}-${String(seq).padStart(4, '0')}`;
  const id = newId();
  const row: ReportTable = {
    id,
    number,
    source: report.source,
    unit_id: report.unitId,
    department_id: report.departmentId,
    counter: report.counter,
    what: report.what,
    happened_on: report.happenedOn,
    case_tracking_code: report.caseTrackingCode,
    code_hash: hashReportCode(code).toString('hex'),
    reporter_name: report.name,
    reporter_phone: report.phone,
    wants_sms: report.wantsSms ? 1 : 0,
    language: report.language,
    state: newWorkflowReport().state,
    outcome: null,
    triage: null,
    triage_note: null,
    triaged_at: null,
    public_answer: null,
    reply_text: null,
    replied_at: null,
    reply_sms_queued: 0,
    registered_by: report.registeredBy,
    flag_id: report.flagId,
    received_at: report.receivedAt,
    version: 0,
    updated_at: now,
  };
  await insertReport(trx, row);
  await appendAuditEvent(
    trx,
    args.actor,
    {
      type: args.eventType,
      subjectId: id,
      // Never the reporter: whether they gave a name or a phone, not what.
      payload: {
        number,
        source: report.source,
        unitId: report.unitId,
        departmentId: report.departmentId,
        anonymous: report.name === null && report.phone === null,
        flagId: report.flagId,
      },
    },
    now,
  );
  const receivers = await receiversOf(trx, report.unitId);
  await enqueueNotifications(trx, {
    channels: deliveryChannelsOf(args.config),
    now,
    notifications: receivers.map((personId) => ({
      personId,
      caseId: null,
      kind: 'reportReceived' as const,
      params: { reportNumber: number, source: report.source },
    })),
  });
  return { id, number, code, receivers };
}

/** Queues an SMS to the reporter (a phone given and SMS asked for), on behalf of `senderId`. */
export async function smsToReporter(
  trx: Trx,
  args: {
    config: Config;
    reportId: string;
    phone: string | null;
    wantsSms: boolean;
    senderId: string | undefined;
    text: string;
    redacted: string;
    now: string;
  },
): Promise<boolean> {
  if (!args.phone || !args.wantsSms || !args.senderId) return false;
  const sent = await queueApplicantSms(trx, {
    config: args.config,
    reportId: args.reportId,
    phone: args.phone,
    senderId: args.senderId,
    text: args.text,
    redacted: args.redacted,
    dedupeKey: `sms:report:${newId()}`,
    now: args.now,
  });
  return sent === 'queued';
}

export async function registerReport(
  ctx: AppContext,
  actor: LedgerActor,
  input: RegisterReportInput,
  claim?: IdempotencyClaim,
): Promise<{ report: ReportDetail; receipt?: { code: string; receivedAt: string; smsSent: boolean } }> {
  const db = ctx.database.db;
  const place = await placeOfReport(db, input);
  const ls = await ledgerSubjectOf(db, actor.subject);
  const roles = reportRolesOf(ls, {
    aboutBureau: place.aboutBureau,
    unitId: place.unitId,
    orderDepartmentIds: [],
    referred: false,
  });
  // Only the office that will handle it registers a report (the city office for the bureau, a unit's
  // discipline inspection for its unit).
  if (!roles.includes('handlingOffice')) throw new AppError('FORBIDDEN');
  const now = nowIsoOf(ctx);
  return db.transaction().execute(async (trx) => {
    await claimIdempotencyKey(trx, claim);
    const created = await insertNewReport(trx, {
      config: ctx.config,
      actor,
      now,
      eventType: 'report.registered',
      report: {
        source: input.source,
        unitId: place.unitId,
        departmentId: place.departmentId,
        counter: input.counter ?? null,
        what: input.what,
        happenedOn: input.happenedOn ?? null,
        caseTrackingCode: input.caseTrackingCode ?? null,
        name: input.name ?? null,
        phone: input.phone ?? null,
        wantsSms: input.wantsSms,
        language: 'zh',
        registeredBy: actor.personId,
        flagId: null,
        receivedAt: input.receivedAt ? new Date(input.receivedAt).toISOString() : now,
      },
    });
    const code = formatReportCode(created.code);
    const smsSent = await smsToReporter(trx, {
      config: ctx.config,
      reportId: created.id,
      phone: input.phone ?? null,
      wantsSms: input.wantsSms,
      senderId: actor.personId,
      text: `【办成】您反映的问题已登记，查询码：${code}。可在办成网站“反映进度查询”页查看办理情况。`,
      redacted: '【办成】您反映的问题已登记，查询码：（已发送，不再保存）。',
      now,
    });
    const report = await detailOf(ctx, trx, await load(trx, actor.subject, created.id));
    // The replay of the same request gets the page, not the code: it is not kept anywhere.
    if (claim) await keepAnswer(trx, claim, { report });
    return { report, receipt: { code, receivedAt: now, smsSent } };
  });
}

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
    write: (s: Step) => Promise<Partial<ReportTable> | void>;
    event: (s: Step) => {
      type: Parameters<typeof appendAuditEvent>[2]['type'];
      payload: Record<string, unknown>;
    };
    answer: (ctx: AppContext, trx: Trx, id: string) => Promise<T>;
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
    const answer = await args.answer(ctx, trx, l.row.id);
    if (args.claim) await keepAnswer(trx, args.claim, answer);
    return answer;
  });
}

const detailAnswer = (actor: LedgerActor) => async (ctx: AppContext, trx: Trx, id: string) =>
  detailOf(ctx, trx, await load(trx, actor.subject, id));

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

async function reportIdOfOrder(ctx: AppContext, orderId: string): Promise<OrderRecord> {
  const order = await findOrder(ctx.database.db, orderId);
  if (!order) throw new AppError('NOT_FOUND');
  return order;
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
    answer: (c, trx) => orderDetailOf(c, trx, actor, orderId),
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

// ---------------------------------------------------------------------------------------------------
// The department ordered to act: its own view, with no reporter anywhere

export async function listOrderTasks(ctx: AppContext, subject: Subject) {
  const db = ctx.database.db;
  const ls = await ledgerSubjectOf(db, subject);
  const [calendar, rows] = await Promise.all([
    getWorkCalendar(ctx),
    ordersOfDepartments(db, ls.headOfDepartmentIds),
  ]);
  const today = todayOf(ctx);
  return {
    items: rows.map((o) => ({
      id: o.id,
      reportNumber: o.report_number,
      departmentName: o.department_name,
      state: o.state,
      issuedAt: o.issued_at,
      instructions: o.instructions,
      ...orderClock(o, today, calendar),
    })),
  };
}

async function orderDetailOf(
  ctx: AppContext,
  db: Executor,
  actor: { subject: Subject },
  orderId: string,
): Promise<OrderDetail> {
  const order = await findOrder(db, orderId);
  if (!order) throw new AppError('NOT_FOUND');
  const ls = await ledgerSubjectOf(db, actor.subject);
  // Only the head of the department the order is addressed to reads it here.
  if (!ls.headOfDepartmentIds.includes(order.department_id)) throw new AppError('NOT_FOUND');
  const row = await findReport(db, order.report_id);
  if (!row) throw new AppError('NOT_FOUND');
  const [calendar, attachments, links] = await Promise.all([
    getWorkCalendar(ctx),
    attachmentsOf(db, row.id),
    linkedCasesOf(db, row.id),
  ]);
  const [view] = await ordersView(db, [order], attachments, todayOf(ctx), calendar);
  if (!view) throw new AppError('NOT_FOUND');
  return {
    order: view,
    report: {
      id: row.id,
      number: row.number,
      receivedAt: row.received_at,
      what: row.what,
      unitName: row.unit_name,
      departmentName: row.department_name,
      counter: row.counter,
      happenedOn: row.happened_on,
      // The reporter's own files and the office's materials, and this order's answers' files.
      attachments: attachments
        .filter((a) => a.orderId === null || a.orderId === orderId)
        .map(({ orderId: _o, ...a }) => a),
      linkedCases: links.map((c) => ({
        ...c,
        state: c.state as OrderDetail['report']['linkedCases'][number]['state'],
      })),
    },
    mayAnswer: order.state === 'open',
  };
}

export async function getOrderDetail(
  ctx: AppContext,
  subject: Subject,
  orderId: string,
): Promise<OrderDetail> {
  return orderDetailOf(ctx, ctx.database.db, { subject }, orderId);
}

/** The order's department head may add answer material while the order is open. */
export async function requireOrderUpload(
  ctx: AppContext,
  subject: Subject,
  orderId: string,
): Promise<OrderRecord> {
  const detail = await getOrderDetail(ctx, subject, orderId);
  if (!detail.mayAnswer) throw new AppError('REPORT_ACTION_NOT_ALLOWED');
  return reportIdOfOrder(ctx, orderId);
}

// ---------------------------------------------------------------------------------------------------
// Discipline inspection's referrals

export async function listReferralTasks(ctx: AppContext, subject: Subject) {
  const db = ctx.database.db;
  const ls = await ledgerSubjectOf(db, subject);
  const rows = await referralsOfUnits(db, ls.disciplineUnitIds);
  return {
    items: rows.map((r) => ({
      id: r.id,
      reportId: r.report_id,
      reportNumber: r.report_number,
      unitName: r.unit_name,
      state: r.state,
      referredAt: r.referred_at,
      note: r.note,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Raised from a case's flag (the tracking module, in its transaction)

/**
 * A 不满意 rating or a 不认可 feedback flagged for the supervision office enters the ledger as a report
 * (source rating / feedback) about the case's department, linked to the case. No reporter is recorded:
 * the applicant is the case's, and the case keeps their data.
 */
export async function raiseReportFromFlag(
  trx: Trx,
  args: {
    config: Config;
    flagId: string;
    kind: 'rating' | 'feedback';
    caseId: string;
    caseNumber: string;
    departmentId: string;
    comment: string;
    now: string;
  },
): Promise<string> {
  const dep = await departmentOf(trx, args.departmentId);
  const unitId = dep?.unit_id ?? (await bureauUnitId(trx));
  if (!unitId) throw new Error('no unit for a flagged case');
  const label = args.kind === 'rating' ? '申请人评价为不满意' : '申请人对答复不认可';
  const what = `${label}（事项 ${args.caseNumber}）${args.comment ? `：${args.comment}` : ''}`;
  const created = await insertNewReport(trx, {
    config: args.config,
    actor: { personId: null, address: null },
    now: args.now,
    eventType: 'report.raisedFromFlag',
    report: {
      source: args.kind,
      unitId,
      departmentId: dep?.id ?? null,
      counter: null,
      what,
      happenedOn: null,
      caseTrackingCode: null,
      name: null,
      phone: null,
      wantsSms: false,
      language: 'zh',
      registeredBy: null,
      flagId: args.flagId,
      receivedAt: args.now,
    },
  });
  await insertLink(trx, {
    report_id: created.id,
    case_id: args.caseId,
    linked_by: null,
    linked_at: args.now,
  });
  return created.id;
}

// The ledger as staff read it: loading a report with its orders, referral and links, the page (with the
// actions the reader may take, from core), the list with its filters and the export's rows.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  AppError,
  availableReportActions,
  decodeListCursor,
  encodeListCursor,
  lightOf,
  maskReporterName,
  reportRolesOf,
  type LedgerSubject,
  type Light,
  type PersonRef,
  type ReportDetail,
  type ReportList,
  type ReportRole,
  type ReportSummary,
  type Subject,
  type SupervisionOrder,
  type WorkCalendar,
  type WorkflowReport,
  type reportListQuerySchema,
} from '@bancheng/core';
import { todayOf, type AppContext } from '../../platform/context.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { ledgerSubjectOf, requireFullRecord } from './ledger-access.ts';
import {
  answersOf,
  attachmentsOf,
  cursorOf,
  findOrder,
  findReport,
  linkedCasesOf,
  listReports,
  ordersOf,
  peopleRefs,
  referralOf,
  unitOf,
  verificationsOf,
  type OrderRecord,
  type ReportRecord,
} from './ledger-repository.ts';

export type Executor = Db | Trx;
export type LedgerActor = Actor & { personId: string; subject: Subject };

export function hashReportCode(code: string): Buffer {
  return createHash('sha256').update(code, 'utf8').digest();
}

const DELETED: PersonRef = { id: 'unknown', username: '', displayName: '' };

// ---------------------------------------------------------------------------------------------------
// Loading and mapping

export interface Loaded {
  row: ReportRecord;
  orders: OrderRecord[];
  referral: Awaited<ReturnType<typeof referralOf>>;
  links: Awaited<ReturnType<typeof linkedCasesOf>>;
  roles: ReportRole[];
  ls: LedgerSubject & { personId: string };
}

export async function load(db: Executor, subject: Subject, id: string): Promise<Loaded> {
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

export function workflowOf(l: Pick<Loaded, 'row' | 'orders' | 'referral' | 'links'>): WorkflowReport {
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

export function orderClock(o: OrderRecord, today: string, calendar: WorkCalendar) {
  const light: Light | null = o.state === 'open' ? lightOf({ due: o.due_date, today, calendar }) : null;
  return {
    dueWorkdays: o.due_workdays,
    dueDate: o.due_date,
    light,
    dueSoon: light === 'yellow',
    overdue: light === 'red',
  };
}

export async function ordersView(
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

/** The report's page. The calendar is loaded by the caller before any transaction (its cache reads the
 * database handle, which a transaction may not). */
export async function detailOf(
  ctx: AppContext,
  db: Executor,
  l: Loaded,
  calendar: WorkCalendar,
): Promise<ReportDetail> {
  const attachments = await attachmentsOf(db, l.row.id);
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
  return detailOf(ctx, db, l, await getWorkCalendar(ctx));
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

/** The order by its id (404 when there is none). */
export async function reportIdOfOrder(ctx: AppContext, orderId: string): Promise<OrderRecord> {
  const order = await findOrder(ctx.database.db, orderId);
  if (!order) throw new AppError('NOT_FOUND');
  return order;
}

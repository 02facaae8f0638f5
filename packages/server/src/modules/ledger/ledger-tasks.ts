// What waits on the people a report is sent to: the department ordered to act (its own view of an order,
// with no reporter anywhere) and discipline inspection (its referrals).
import { AppError, type OrderDetail, type Subject, type WorkCalendar } from '@bancheng/core';
import { todayOf, type AppContext } from '../../platform/context.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { ledgerSubjectOf } from './ledger-access.ts';
import {
  attachmentsOf,
  findOrder,
  findReport,
  linkedCasesOf,
  ordersOfDepartments,
  referralsOfUnits,
  type OrderRecord,
} from './ledger-repository.ts';
import { type Executor, orderClock, ordersView, reportIdOfOrder } from './report-reading.ts';

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

export async function orderDetailOf(
  ctx: AppContext,
  db: Executor,
  actor: { subject: Subject },
  orderId: string,
  calendar: WorkCalendar,
): Promise<OrderDetail> {
  const order = await findOrder(db, orderId);
  if (!order) throw new AppError('NOT_FOUND');
  const ls = await ledgerSubjectOf(db, actor.subject);
  // Only the head of the department the order is addressed to reads it here.
  if (!ls.headOfDepartmentIds.includes(order.department_id)) throw new AppError('NOT_FOUND');
  const row = await findReport(db, order.report_id);
  if (!row) throw new AppError('NOT_FOUND');
  const [attachments, links] = await Promise.all([attachmentsOf(db, row.id), linkedCasesOf(db, row.id)]);
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
      // The reporter's own files go by a neutral name: a file name can carry who they are.
      attachments: attachments
        .filter((a) => a.orderId === null || a.orderId === orderId)
        .map(({ orderId: _o, ...a }, i) =>
          a.uploadedBy === null ? { ...a, fileName: `反映人材料${i + 1}.${extensionOf(a.fileName)}` } : a,
        ),
      linkedCases: links.map((c) => ({
        ...c,
        state: c.state as OrderDetail['report']['linkedCases'][number]['state'],
      })),
    },
    mayAnswer: order.state === 'open',
  };
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1) : 'bin';
}

export async function getOrderDetail(
  ctx: AppContext,
  subject: Subject,
  orderId: string,
): Promise<OrderDetail> {
  return orderDetailOf(ctx, ctx.database.db, { subject }, orderId, await getWorkCalendar(ctx));
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

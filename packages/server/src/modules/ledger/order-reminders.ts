// Reminders of the supervision orders' clocks, as the case clocks' (core `reminderOn`, docs/decisions/0015):
// the department head the working day before and on the due day (黄灯); every working day after it (红灯)
// the department head and the office handling the report. Each reminder has a stable key per day and
// person, so ticks, restarts and several servers never double one. Called from the outbox worker's run.
import { reminderOn } from '@bancheng/core';
import { nowIsoOf, todayOf, type AppContext } from '../../platform/context.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { deliveryChannelsOf, enqueueNotifications } from '../notifications/index.ts';
import { deptHeadsOn, pendingOrders } from './ledger-repository.ts';
import { receiversOf } from './report-intake.ts';

export function orderClockKey(orderId: string): string {
  return `ledger:order:${orderId}`;
}

export async function scheduleOrderReminders(ctx: AppContext): Promise<number> {
  const db = ctx.database.db;
  const today = todayOf(ctx);
  const calendar = await getWorkCalendar(ctx);
  const channels = deliveryChannelsOf(ctx.config);
  let created = 0;
  for (const o of await pendingOrders(db)) {
    const reminder = reminderOn({ keyPrefix: orderClockKey(o.id), due: o.due_date, today, calendar });
    if (!reminder) continue;
    const overdue = reminder.kind === 'overdue';
    const heads = await deptHeadsOn(db, o.department_id, today);
    const office = overdue ? await receiversOf(db, o.report_unit_id) : [];
    const people = [...new Set([...heads, ...office])];
    const params = { reportNumber: o.report_number, departmentName: o.department_name, due: o.due_date };
    created += await db.transaction().execute((trx) =>
      enqueueNotifications(trx, {
        channels,
        now: nowIsoOf(ctx),
        notifications: people.map((personId) => ({
          personId,
          caseId: null,
          dedupeKey: `${reminder.key}:${personId}`,
          ...(overdue
            ? { kind: 'orderOverdue' as const, params }
            : { kind: 'orderDueSoon' as const, params }),
        })),
      }),
    );
  }
  return created;
}

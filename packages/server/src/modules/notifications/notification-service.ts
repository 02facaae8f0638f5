// Notifications: what a case change or an approaching reply deadline tells whom, written with its
// outbox messages in the caller's transaction; and the inbox each person reads (only their own).
import {
  AppError,
  LEVEL_OF_STATE,
  addWorkingDays,
  missingCalendarYears,
  nextHeldLevelAbove,
  vacantLevelOf,
  type CaseActionRequest,
  type CaseState,
  type ChainHolders,
  type DecisionLevel,
  renderNotification,
  renderOutboxMessage,
  type Lang,
  type NotificationKind,
  type NotificationMessage,
  type NotificationList,
  type NotificationView,
  type NotificationsReadAll,
  type notificationListQuerySchema,
} from '@bancheng/core';
import type { z } from 'zod';
import { nowIsoOf, todayOf, type AppContext } from '../../platform/context.ts';
import type { Config } from '../../platform/config.ts';
import type { Trx } from '../../platform/db/database.ts';
import {
  activeAdministratorIds,
  contactsOf,
  countUnread,
  existingNotificationKeys,
  insertNotification,
  insertOutboxMessages,
  listPersonNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  refusedCasesDueBy,
  type NewNotification,
  type StoredNotification,
} from './notification-repository.ts';
import type { NewOutboxMessage, OutboxChannel, OutboxPayload } from './outbox.ts';
import { holdersFor } from '../cases/index.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { newId } from '../../platform/ids.ts';

export type { OutboxPayload };

/** The channels this installation sends through; messages for the others are not queued. */
export function deliveryChannelsOf(config: Config): OutboxChannel[] {
  return [
    ...(config.smtpUrl ? (['email'] as const) : []),
    ...(config.smsGatewayUrl ? (['sms'] as const) : []),
  ];
}

/** A notification to create: its kind and parameters (core `NotificationParamsByKind`), rendered in the
 * reader's language when it is listed and in the recipient's when it is mailed. */
export type PlannedNotification = NotificationMessage & {
  personId: string;
  caseId: string | null;
  /** Set for reminders, so each is created once. */
  dedupeKey?: string;
};

/** What a case change's notifications say of the case, before and after it. */
export interface NotifiedCase {
  id: string;
  number: string;
  matterTitle: string;
  state: CaseState;
  firstResponderId: string;
  proposerId: string | null;
  replyDeadline: string | null;
}

/** Holders of a level and the deputies acting for them: each once. */
function peopleAtLevel(holders: ChainHolders, level: DecisionLevel): string[] {
  return [...new Set(holders.levels[level].map((h) => h.personId))];
}

/**
 * Who a case action tells what: the form reaching a level tells that level's holders; a decision tells
 * the proposer; a final refusal tells the first responder the reply date; a hand-over tells the new first
 * responder. Nobody is told of their own act.
 */
export function planCaseNotifications(change: {
  before: NotifiedCase;
  after: NotifiedCase;
  action: CaseActionRequest['action'];
  actorId: string;
  holders: ChainHolders;
}): PlannedNotification[] {
  const { before, after, action } = change;
  const planned: PlannedNotification[] = [];
  const ref = { caseNumber: after.number, matterTitle: after.matterTitle };
  const add = (personIds: string[], n: NotificationMessage) => {
    for (const personId of personIds) {
      if (personId !== change.actorId) planned.push({ personId, caseId: after.id, ...n });
    }
  };
  const arrivedAt = LEVEL_OF_STATE[after.state];
  if (arrivedAt && after.state !== before.state) {
    add(peopleAtLevel(change.holders, arrivedAt), {
      kind: 'caseArrived',
      params: { ...ref, level: arrivedAt },
    });
  }
  if (action.type === 'handOver' && after.firstResponderId !== before.firstResponderId) {
    add([after.firstResponderId], {
      kind: 'caseHandedOver',
      params: ref,
    });
  }
  if (action.type === 'decide') {
    const refused = after.state === 'refused';
    const level = LEVEL_OF_STATE[before.state] ?? null;
    if (refused) {
      add([after.firstResponderId], {
        kind: 'caseRefused',
        params: { ...ref, replyDeadline: after.replyDeadline ?? '' },
      });
    }
    // With a final refusal the proposer is normally the first responder, already told above.
    const proposer = before.proposerId;
    if (proposer && !(refused && proposer === after.firstResponderId)) {
      add([proposer], {
        kind: 'decisionMade',
        params: { ...ref, level, decision: action.decision },
      });
    }
  }
  return planned;
}

/**
 * Writes the notifications and, for each person with an address on a configured channel, an outbox
 * message — all in the caller's transaction, so they exist exactly when the change does.
 */
export async function enqueueNotifications(
  trx: Trx,
  args: { channels: readonly OutboxChannel[]; notifications: PlannedNotification[]; now: string },
): Promise<number> {
  if (args.notifications.length === 0) return 0;
  const contacts = await contactsOf(trx, [...new Set(args.notifications.map((n) => n.personId))]);
  const { now } = args;
  let created = 0;
  for (const n of args.notifications) {
    const message: NotificationMessage = { kind: n.kind, params: n.params } as NotificationMessage;
    // The Chinese text is kept beside the parameters: the record of what was said, and what a reader
    // older than the parameters shows.
    const zh = renderNotification('zh', message);
    const notification: NewNotification = {
      id: newId(),
      personId: n.personId,
      kind: n.kind,
      caseId: n.caseId,
      title: zh.title,
      body: zh.body,
      params: JSON.stringify(n.params),
      dedupeKey: n.dedupeKey ?? null,
      createdAt: now,
    };
    if (!(await insertNotification(trx, notification))) continue;
    created++;
    const contact = contacts.get(n.personId);
    if (!contact?.active) continue;
    const payload: OutboxPayload = renderOutboxMessage(contact.language, message);
    const messages: NewOutboxMessage[] = args.channels
      .filter((channel) => (channel === 'email' ? contact.email : contact.phone))
      .map((channel) => ({
        id: newId(),
        channel,
        personId: n.personId,
        notificationId: notification.id,
        dedupeKey: `${channel}:${notification.id}`,
        payload: JSON.stringify(payload),
        dueAt: now,
        createdAt: now,
      }));
    await insertOutboxMessages(trx, messages);
  }
  return created;
}

/** Called inside actOnCase's transaction, after the change and its audit event. */
export async function notifyCaseChange(
  trx: Trx,
  change: Parameters<typeof planCaseNotifications>[0] & { config: Config; now: string },
): Promise<void> {
  const vacant = vacantLevelOf(change.after.state, change.holders);
  const arrivedVacant = vacant !== null && change.after.state !== change.before.state;
  await enqueueNotifications(trx, {
    now: change.now,
    channels: deliveryChannelsOf(change.config),
    notifications: [
      ...planCaseNotifications(change),
      ...(arrivedVacant
        ? planVacantLevelNotifications({
            case: change.after,
            level: vacant,
            recipients: [
              ...(await activeAdministratorIds(trx)),
              ...nextHeldLevelAbove(change.holders, vacant),
            ],
          })
        : []),
    ],
  });
}

/**
 * A case reached a level nobody holds or acts for today: the administrators (who fill chains and appoint
 * deputies) and the nearest held level above are told, each once per case and level (the dedupe key), in
 * whatever round it reaches that level again.
 */
export function planVacantLevelNotifications(args: {
  case: Pick<NotifiedCase, 'id' | 'number' | 'matterTitle'>;
  level: DecisionLevel;
  recipients: readonly string[];
}): PlannedNotification[] {
  const c = args.case;
  return [...new Set(args.recipients)].map((personId) => ({
    personId,
    kind: 'levelVacant',
    caseId: c.id,
    dedupeKey: `levelVacant:${c.id}:${String(args.level)}:${personId}`,
    params: { caseNumber: c.number, matterTitle: c.matterTitle, level: args.level },
  }));
}

/**
 * Reply reminders for refused cases: due today or on the next working day → the first responder; past
 * due → the first responder and the department head. Each (kind, case, due date, person) once, however
 * many ticks or processes look; a reminder that fell due while the server was stopped goes out at start.
 */
export async function scheduleReplyReminders(ctx: AppContext): Promise<number> {
  const db = ctx.database.db;
  const today = todayOf(ctx);
  const calendar = await getWorkCalendar(ctx);
  const soon = addWorkingDays({ from: today, workdays: 1, calendar }).due;
  const channels = deliveryChannelsOf(ctx.config);
  let created = 0;
  for (const c of await refusedCasesDueBy(db, soon)) {
    const overdue = c.replyDeadline < today;
    const kind: NotificationKind = overdue ? 'replyOverdue' : 'replyDueSoon';
    const recipients = overdue
      ? [c.firstResponderId, ...peopleAtLevel(await holdersFor(db, c.departmentId, today), 2)]
      : [c.firstResponderId];
    const planned = [...new Set(recipients)].map((personId): PlannedNotification => ({
      personId,
      kind,
      caseId: c.id,
      dedupeKey: `${kind}:${c.id}:${c.replyDeadline}:${personId}`,
      params: { caseNumber: c.number, matterTitle: c.matterTitle, replyDeadline: c.replyDeadline },
    }));
    const taken = await existingNotificationKeys(
      db,
      planned.map((p) => p.dedupeKey ?? ''),
    );
    const missing = planned.filter((p) => !taken.has(p.dedupeKey ?? ''));
    if (missing.length === 0) continue;
    created += await db
      .transaction()
      .execute((trx) => enqueueNotifications(trx, { channels, notifications: missing, now: nowIsoOf(ctx) }));
  }
  return created;
}

/**
 * From 1 November (China date), while next year's State Council schedule is not loaded (or this year's,
 * after New Year), each active administrator is told once per missing year: the key
 * `calendar-missing:<year>:<person>` is unique, so restarts, ticks and other servers never double it.
 */
export async function scheduleCalendarWarnings(ctx: AppContext): Promise<number> {
  const db = ctx.database.db;
  const missing = missingCalendarYears(todayOf(ctx), await getWorkCalendar(ctx));
  if (missing.length === 0) return 0;
  const admins = await activeAdministratorIds(db);
  const planned = missing.flatMap((year) =>
    admins.map((personId): PlannedNotification => ({
      personId,
      kind: 'calendarMissing',
      caseId: null,
      dedupeKey: `calendar-missing:${String(year)}:${personId}`,
      params: { year },
    })),
  );
  const taken = await existingNotificationKeys(
    db,
    planned.map((p) => p.dedupeKey ?? ''),
  );
  const wanted = planned.filter((p) => !taken.has(p.dedupeKey ?? ''));
  if (wanted.length === 0) return 0;
  const channels = deliveryChannelsOf(ctx.config);
  return db
    .transaction()
    .execute((trx) => enqueueNotifications(trx, { channels, notifications: wanted, now: nowIsoOf(ctx) }));
}

/** A stored notification as its reader sees it: rendered from its parameters in their language; a row
 * written before parameters were stored (or whose parameters no longer render) shows its stored text. */
function present(n: StoredNotification, lang: Lang): NotificationView {
  const { params, ...view } = n;
  if (params !== null) {
    try {
      const message = { kind: n.kind, params: JSON.parse(params) as unknown } as NotificationMessage;
      return { ...view, ...renderNotification(lang, message) };
    } catch {
      // Falls through to the stored text.
    }
  }
  return view;
}

export async function listNotifications(
  ctx: AppContext,
  who: { personId: string; lang: Lang },
  query: z.output<typeof notificationListQuerySchema>,
): Promise<NotificationList> {
  const { items, total, unreadCount } = await listPersonNotifications(ctx.database.db, {
    personId: who.personId,
    unreadOnly: query.unread === 'true',
    page: query.page,
    pageSize: query.pageSize,
  });
  return {
    items: items.map((n) => present(n, who.lang)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    unreadCount,
  };
}

export async function readNotification(
  ctx: AppContext,
  who: { personId: string; lang: Lang },
  id: string,
): Promise<NotificationView> {
  const notification = await markNotificationRead(ctx.database.db, {
    personId: who.personId,
    id,
    now: nowIsoOf(ctx),
  });
  if (!notification) throw new AppError('NOT_FOUND');
  return present(notification, who.lang);
}

export async function readAllNotifications(ctx: AppContext, personId: string): Promise<NotificationsReadAll> {
  const marked = await markAllNotificationsRead(ctx.database.db, { personId, now: nowIsoOf(ctx) });
  // Counted again: something may have arrived in between.
  return { marked, unreadCount: await countUnread(ctx.database.db, personId) };
}

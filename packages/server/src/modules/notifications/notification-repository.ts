// Notifications (the in-app inbox) and the outbox of messages to send, mapped from their rows here.
// Claiming outbox messages locks them: that function takes a Transaction, so it cannot be called outside
// one.
import type { CaseState, Lang, NotificationKind, NotificationView } from '@bancheng/core';
import type { Db, Dialect, Trx } from '../../platform/db/database.ts';
import type { NotificationRow, OutboxRow } from '../../platform/db/schema.ts';
import type { NewOutboxMessage, OutboxMessage, OutboxOutcome } from './outbox.ts';

type Executor = Db | Trx;

/** A notification to create for one person, unread. */
export interface NewNotification {
  id: string;
  personId: string;
  kind: NotificationKind;
  caseId: string | null;
  /** The Chinese text, kept as the record of what was said. */
  title: string;
  body: string;
  /** The kind's parameters as JSON, rendered in each reader's language. */
  params: string;
  /** Set for reminders, so each is created once. */
  dedupeKey: string | null;
  createdAt: string;
}

/** A notification as stored: its Chinese text and, from 0020 on, its parameters (JSON) to render. */
export type StoredNotification = NotificationView & { params: string | null };

function toStoredNotification(r: NotificationRow): StoredNotification {
  return {
    id: r.id,
    kind: r.kind,
    caseId: r.case_id,
    title: r.title,
    body: r.body,
    params: r.params,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

function toOutboxMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    channel: r.channel,
    personId: r.person_id,
    notificationId: r.notification_id,
    dedupeKey: r.dedupe_key,
    payload: r.payload,
    dueAt: r.due_at,
    attempts: r.attempts,
    lastError: r.last_error,
    lockedUntil: r.locked_until,
    sentAt: r.sent_at,
    outcome: r.outcome,
    createdAt: r.created_at,
  };
}

/** Inserts a notification unless one with its dedupe key exists; true when it was inserted. */
export async function insertNotification(trx: Trx, n: NewNotification): Promise<boolean> {
  const inserted = await trx
    .insertInto('notifications')
    .values({
      id: n.id,
      person_id: n.personId,
      kind: n.kind,
      case_id: n.caseId,
      title: n.title,
      body: n.body,
      params: n.params,
      dedupe_key: n.dedupeKey,
      created_at: n.createdAt,
      read_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return inserted.length > 0;
}

/** Queues messages, each not yet tried; one already queued under its dedupe key is left alone. */
export async function insertOutboxMessages(trx: Trx, messages: NewOutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(
      messages.map((m) => ({
        id: m.id,
        channel: m.channel,
        person_id: m.personId,
        notification_id: m.notificationId,
        dedupe_key: m.dedupeKey,
        payload: m.payload,
        due_at: m.dueAt,
        attempts: 0,
        last_error: null,
        locked_until: null,
        sent_at: null,
        outcome: null,
        created_at: m.createdAt,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** A message whose delivery ended as it was queued (skipped: nothing to send it by). */
export async function insertFinishedOutboxMessage(
  trx: Trx,
  m: NewOutboxMessage & { outcome: OutboxOutcome; error: string | null },
): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      id: m.id,
      channel: m.channel,
      person_id: m.personId,
      notification_id: m.notificationId,
      dedupe_key: m.dedupeKey,
      payload: m.payload,
      due_at: m.dueAt,
      attempts: 0,
      last_error: m.error,
      locked_until: null,
      sent_at: m.createdAt,
      outcome: m.outcome,
      created_at: m.createdAt,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** The applicant's number of a case, for an SMS to them (never copied into the outbox). */
export async function applicantPhoneOf(db: Executor, caseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('cases')
    .select('applicant_phone')
    .where('id', '=', caseId)
    .executeTakeFirst();
  return row?.applicant_phone.replace(/\s/g, '') ?? null;
}

/** A report's reporter's number (the ledger's SMS to the reporter), looked up when it is sent. */
export async function reporterPhoneOf(db: Executor, reportId: string): Promise<string | null> {
  const row = await db
    .selectFrom('reports')
    .select('reporter_phone')
    .where('id', '=', reportId)
    .executeTakeFirst();
  return row?.reporter_phone?.replace(/\s/g, '') ?? null;
}

/** Of these dedupe keys, the ones already used. */
export async function existingNotificationKeys(db: Executor, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('notifications')
    .select('dedupe_key')
    .where('dedupe_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.dedupe_key ?? ''));
}

/** Administrators whose account is active: they keep the calendar. */
export async function activeAdministratorIds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('person_roles')
    .innerJoin('people', 'people.id', 'person_roles.person_id')
    .select('people.id')
    .where('person_roles.role', '=', 'admin')
    .where('people.status', '=', 'active')
    .orderBy('people.id')
    .execute();
  return rows.map((r) => r.id);
}

export interface Contact {
  id: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  /** The language their email and SMS are written in. */
  language: Lang;
}

export async function contactsOf(db: Executor, personIds: string[]): Promise<Map<string, Contact>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'email', 'phone', 'status', 'language'])
    .where('id', 'in', personIds)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, email: r.email, phone: r.phone, active: r.status !== 'disabled', language: r.language },
    ]),
  );
}

/** A page of the person's own notifications, newest first. */
export async function listPersonNotifications(
  db: Db,
  args: { personId: string; unreadOnly: boolean; page: number; pageSize: number },
): Promise<{ items: StoredNotification[]; total: number; unreadCount: number }> {
  let base = db.selectFrom('notifications').where('person_id', '=', args.personId);
  if (args.unreadOnly) base = base.where('read_at', 'is', null);
  const [rows, total, unreadCount] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(args.pageSize)
      .offset((args.page - 1) * args.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    countUnread(db, args.personId),
  ]);
  return { items: rows.map(toStoredNotification), total: Number(total.n), unreadCount };
}

export async function countUnread(db: Executor, personId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one of the person's notifications read (kept as first read); undefined when it is not theirs. */
export async function markNotificationRead(
  db: Db,
  args: { personId: string; id: string; now: string },
): Promise<StoredNotification | undefined> {
  await db
    .updateTable('notifications')
    .set({ read_at: args.now })
    .where('id', '=', args.id)
    .where('person_id', '=', args.personId)
    .where('read_at', 'is', null)
    .execute();
  const row = await db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', args.id)
    .where('person_id', '=', args.personId)
    .executeTakeFirst();
  return row && toStoredNotification(row);
}

export async function markAllNotificationsRead(
  db: Db,
  args: { personId: string; now: string },
): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: args.now })
    .where('person_id', '=', args.personId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A case a reminder names, and whom it goes to. */
export interface DueCase {
  id: string;
  number: string;
  matterTitle: string;
  departmentId: string;
  firstResponderId: string;
}

/** Refused cases whose reply is due on or before `dueBy` (reminders look at these). */
export async function refusedCasesDueBy(
  db: Db,
  dueBy: string,
): Promise<(DueCase & { replyDeadline: string })[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'number', 'matter_title', 'department_id', 'first_responder_id', 'reply_deadline'])
    .where('state', '=', 'refused')
    .where('reply_deadline', 'is not', null)
    .where('reply_deadline', '<=', dueBy)
    .orderBy('reply_deadline')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    matterTitle: r.matter_title,
    departmentId: r.department_id,
    firstResponderId: r.first_responder_id,
    replyDeadline: r.reply_deadline ?? '',
  }));
}

/**
 * Claims up to `limit` due, unclaimed messages for this worker until `lockedUntil`, counting the attempt.
 * On PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED, so workers in other processes pick other
 * rows; on SQLite the transaction is the single writer (BEGIN IMMEDIATE).
 */
export async function claimDueOutboxMessages(
  trx: Trx,
  args: { dialect: Dialect; now: string; lockedUntil: string; limit: number },
): Promise<OutboxMessage[]> {
  let pick = trx
    .selectFrom('outbox')
    .select('id')
    .where('sent_at', 'is', null)
    .where('due_at', '<=', args.now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', args.now)]))
    .orderBy('due_at')
    .orderBy('id')
    .limit(args.limit);
  if (args.dialect === 'postgres') pick = pick.forUpdate().skipLocked();
  const ids = (await pick.execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  const claimed = await trx
    .updateTable('outbox')
    .set((eb) => ({ locked_until: args.lockedUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', ids)
    .returningAll()
    .execute();
  return claimed.map(toOutboxMessage);
}

/** Finishes a message this worker still holds; false when its claim had lapsed and someone else took it. */
export async function finishOutboxMessage(
  db: Db,
  args: {
    id: string;
    claim: string;
    now: string;
    outcome: OutboxOutcome;
    error: string | null;
    /** A payload to keep instead of the one sent (its secret redacted). */
    payload?: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({
      sent_at: args.now,
      outcome: args.outcome,
      locked_until: null,
      last_error: args.error,
      ...(args.payload !== undefined && { payload: args.payload }),
    })
    .where('id', '=', args.id)
    .where('locked_until', '=', args.claim)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Puts a failed message back to be tried again at `dueAt`. */
export async function retryOutboxMessageLater(
  db: Db,
  args: { id: string; claim: string; dueAt: string; error: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ due_at: args.dueAt, locked_until: null, last_error: args.error })
    .where('id', '=', args.id)
    .where('locked_until', '=', args.claim)
    .where('sent_at', 'is', null)
    .execute();
}

/** A case waiting at an approval level, as the level reminders need it. */
export interface CaseAtLevel {
  id: string;
  number: string;
  matterTitle: string;
  departmentId: string;
  state: 'atDeptHead' | 'atLeaderInCharge' | 'atPrincipalLeader';
  formRound: number;
  levelEnteredOn: string;
}

/** Cases waiting at `state` that entered it before `enteredBefore` (by the index on (state, level_entered_on)). */
export async function casesAtLevelEnteredBefore(
  db: Db,
  args: { state: CaseAtLevel['state']; enteredBefore: string },
): Promise<CaseAtLevel[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'number', 'matter_title', 'department_id', 'form_round', 'level_entered_on'])
    .where('state', '=', args.state)
    .where('level_entered_on', '<', args.enteredBefore)
    .orderBy('level_entered_on')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    matterTitle: r.matter_title,
    departmentId: r.department_id,
    state: args.state,
    formRound: r.form_round,
    levelEnteredOn: r.level_entered_on ?? '',
  }));
}

/** Open cases whose matter's time limit falls on or before `dueBy` (by the index on (state, due_date)). */
export async function openCasesDueBy(
  db: Db,
  args: { states: readonly CaseState[]; dueBy: string },
): Promise<(DueCase & { dueDate: string })[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'number', 'matter_title', 'department_id', 'first_responder_id', 'due_date'])
    .where('state', 'in', [...args.states])
    .where('due_date', 'is not', null)
    .where('due_date', '<=', args.dueBy)
    .orderBy('due_date')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    matterTitle: r.matter_title,
    departmentId: r.department_id,
    firstResponderId: r.first_responder_id,
    dueDate: r.due_date ?? '',
  }));
}

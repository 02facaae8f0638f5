// Notifications (the in-app inbox) and the outbox of messages to send. Claiming outbox rows locks them:
// that function takes a Transaction, so it cannot be called outside one.
import type { Db, Dialect, Trx } from '../../platform/db/database.ts';
import type { NotificationRow, OutboxRow } from '../../platform/db/schema.ts';

type Executor = Db | Trx;

/** Inserts a notification unless one with its dedupe key exists; true when it was inserted. */
export async function insertNotification(trx: Trx, row: NotificationRow): Promise<boolean> {
  const inserted = await trx
    .insertInto('notifications')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return inserted.length > 0;
}

export async function insertOutboxRows(trx: Trx, rows: OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
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

export interface Contact {
  id: string;
  email: string | null;
  phone: string | null;
  active: boolean;
}

export async function contactsOf(db: Executor, personIds: string[]): Promise<Map<string, Contact>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'email', 'phone', 'status'])
    .where('id', 'in', personIds)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { id: r.id, email: r.email, phone: r.phone, active: r.status !== 'disabled' }]),
  );
}

export async function listNotificationRows(
  db: Db,
  args: { personId: string; unreadOnly: boolean; page: number; pageSize: number },
): Promise<{ rows: NotificationRow[]; total: number; unreadCount: number }> {
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
  return { rows, total: Number(total.n), unreadCount };
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
): Promise<NotificationRow | undefined> {
  await db
    .updateTable('notifications')
    .set({ read_at: args.now })
    .where('id', '=', args.id)
    .where('person_id', '=', args.personId)
    .where('read_at', 'is', null)
    .execute();
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', args.id)
    .where('person_id', '=', args.personId)
    .executeTakeFirst();
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

/** Refused cases whose reply is due on or before `dueBy` (reminders look at these). */
export async function refusedCasesDueBy(
  db: Db,
  dueBy: string,
): Promise<
  {
    id: string;
    number: string;
    matter_title: string;
    department_id: string;
    first_responder_id: string;
    reply_deadline: string;
  }[]
> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'number', 'matter_title', 'department_id', 'first_responder_id', 'reply_deadline'])
    .where('state', '=', 'refused')
    .where('reply_deadline', 'is not', null)
    .where('reply_deadline', '<=', dueBy)
    .orderBy('reply_deadline')
    .execute();
  return rows.map((r) => ({ ...r, reply_deadline: r.reply_deadline ?? '' }));
}

/**
 * Claims up to `limit` due, unclaimed rows for this worker until `lockedUntil`, counting the attempt.
 * On PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED, so workers in other processes pick other
 * rows; on SQLite the transaction is the single writer (BEGIN IMMEDIATE).
 */
export async function claimDueOutboxRows(
  trx: Trx,
  args: { dialect: Dialect; now: string; lockedUntil: string; limit: number },
): Promise<OutboxRow[]> {
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
  return trx
    .updateTable('outbox')
    .set((eb) => ({ locked_until: args.lockedUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', ids)
    .returningAll()
    .execute();
}

/** Finishes a row this worker still holds; false when its claim had lapsed and someone else took it. */
export async function finishOutboxRow(
  db: Db,
  args: {
    id: string;
    claim: string;
    now: string;
    outcome: 'sent' | 'skipped' | 'failed';
    error: string | null;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ sent_at: args.now, outcome: args.outcome, locked_until: null, last_error: args.error })
    .where('id', '=', args.id)
    .where('locked_until', '=', args.claim)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Puts a failed row back to be tried again at `dueAt`. */
export async function retryOutboxRowLater(
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

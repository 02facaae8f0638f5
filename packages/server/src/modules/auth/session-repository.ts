// Sessions live in the database so several server processes share them. The id stored is the
// SHA-256 of the cookie's token: a leaked table does not hand out live sessions.
import type { Db, Trx } from '../../platform/db/database.ts';
import type { SessionRow } from '../../platform/db/schema.ts';

export async function insertSession(trx: Trx | Db, row: SessionRow): Promise<void> {
  await trx.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db | Trx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOf(trx: Trx | Db, personId: string, exceptId?: string): Promise<void> {
  let q = trx.deleteFrom('sessions').where('person_id', '=', personId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(
  db: Db,
  args: { now: string; idleBefore: string },
): Promise<number> {
  const r = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', args.now), eb('last_seen_at', '<=', args.idleBefore)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

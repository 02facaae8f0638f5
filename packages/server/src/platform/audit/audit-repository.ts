// The append-only audit log.
import type { Db, Trx } from '../db/database.ts';
import { subjectTypeOf, type Actor, type AuditEvent } from './events.ts';

export async function appendAuditEvent(
  trx: Trx | Db,
  actor: Actor,
  event: AuditEvent,
  at: string,
): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      occurred_at: at,
      type: event.type,
      actor_id: actor.personId,
      actor_address: actor.address,
      subject_type: subjectTypeOf(event.type),
      subject_id: event.subjectId,
      payload: JSON.stringify(event.payload),
    })
    .execute();
}

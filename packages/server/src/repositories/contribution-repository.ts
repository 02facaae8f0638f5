// Co-department contributions are audit events of their case; this reads them back.
import type { Db, Trx } from '../db/database.ts';

export async function contributionEvents(db: Db | Trx, caseId: string) {
  const rows = await db
    .selectFrom('audit_events')
    .leftJoin('people', 'people.id', 'audit_events.actor_id')
    .select([
      'audit_events.occurred_at',
      'audit_events.payload',
      'people.id as person_id',
      'people.username',
      'people.display_name',
    ])
    .where('audit_events.subject_type', '=', 'case')
    .where('audit_events.subject_id', '=', caseId)
    .where('audit_events.type', '=', 'case.contributionRecorded')
    .orderBy('audit_events.id')
    .execute();
  return rows.map((r) => {
    const payload = JSON.parse(r.payload) as { departmentId: string; text: string };
    return {
      at: r.occurred_at,
      departmentId: payload.departmentId,
      text: payload.text,
      person: r.person_id
        ? { id: r.person_id, username: r.username ?? '', displayName: r.display_name ?? '' }
        : null,
    };
  });
}

// Who is asking, as the access policy sees them: roles, home department, and the chain positions they hold
// on the day (their own, and those of the people they deputise for).
import type { Subject } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import { assignmentsOn } from '../chains/index.ts';
import { actingForOn } from '../cases/index.ts';
import { findPersonRowById, rolesOfPerson } from '../people/index.ts';

/** `homeDepartmentId`, when the caller has just read the person (the guard has, from the session), saves
 * reading them again on every request. */
export async function subjectOf(
  db: Db | Trx,
  personId: string,
  date: string,
  known: { homeDepartmentId?: string } = {},
): Promise<Subject> {
  const [roles, homeDepartmentId, principals] = await Promise.all([
    rolesOfPerson(db, personId),
    known.homeDepartmentId ?? findPersonRowById(db, personId).then((p) => p?.department_id),
    actingForOn(db, { date, deputyId: personId }),
  ]);
  const positions = (
    await Promise.all(
      [personId, ...principals].map(async (id) =>
        (await assignmentsOn(db, { date, personId: id })).map((p) => ({
          departmentId: p.departmentId,
          position: p.position,
          actingFor: id === personId ? null : id,
        })),
      ),
    )
  ).flat();
  return { personId, roles, homeDepartmentIds: homeDepartmentId ? [homeDepartmentId] : [], positions };
}

// Who is asking, as the access policy sees them: roles, home department, and the chain positions they hold
// on the day (their own, and those of the people they deputise for).
import type { Subject } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import { assignmentsOn } from '../chains/index.ts';
import { actingForOn } from '../cases/index.ts';
import { findPersonRowById, rolesOfPerson } from '../people/index.ts';

export async function subjectOf(db: Db | Trx, personId: string, date: string): Promise<Subject> {
  const [roles, person, principals] = await Promise.all([
    rolesOfPerson(db, personId),
    findPersonRowById(db, personId),
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
  return { personId, roles, homeDepartmentIds: person ? [person.department_id] : [], positions };
}

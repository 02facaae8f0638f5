// The one place that decides who sees which cases and who holds each level for a case's department.
// Visibility: your own cases; your department's; the departments whose chain names you (a leader in
// charge sees those in their charge, a unit's principal leader every department of the unit); deputies
// see what the person they act for sees; the supervision office and discipline inspection see all.
import type { ChainHolders, Role } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import { assignmentsOn } from '../chains/index.ts';
import { actingDeputiesOn, actingForOn, type CaseScope, type TodoScope } from './case-repository.ts';
import { findPersonRowById } from '../people/index.ts';

export interface CaseViewer {
  personId: string;
  roles: readonly Role[];
}

const READ_ALL_ROLES: readonly Role[] = ['supervisionOffice', 'disciplineInspection'];

export interface ViewerScopes {
  scope: CaseScope;
  todo: TodoScope;
  homeDepartmentIds: string[];
}

/** `date` is the day (in China) whose chains and deputies count: today, by the context's clock. */
export async function scopesFor(db: Db | Trx, viewer: CaseViewer, date: string): Promise<ViewerScopes> {
  const principals = [viewer.personId, ...(await actingForOn(db, { date, deputyId: viewer.personId }))];
  const positions = (
    await Promise.all(principals.map((personId) => assignmentsOn(db, { date, personId })))
  ).flat();
  const person = await findPersonRowById(db, viewer.personId);
  const home = person ? [person.department_id] : [];
  const at = (position: string) => [
    ...new Set(positions.filter((p) => p.position === position).map((p) => p.departmentId)),
  ];
  return {
    scope: {
      all: viewer.roles.some((r) => READ_ALL_ROLES.includes(r)),
      personId: viewer.personId,
      departmentIds: [...new Set([...home, ...positions.map((p) => p.departmentId)])],
    },
    todo: {
      personId: viewer.personId,
      levelDepartments: { 2: at('deptHead'), 3: at('leaderInCharge'), 4: at('principalLeader') },
    },
    homeDepartmentIds: [...new Set([...home, ...at('firstResponder'), ...at('deptHead')])],
  };
}

/** Who holds each level of the department's chain on `date`, with the deputies acting for them. */
export async function holdersFor(db: Db | Trx, departmentId: string, date: string): Promise<ChainHolders> {
  const assignments = await assignmentsOn(db, { date, departmentId });
  const deputies = await actingDeputiesOn(db, {
    date,
    forPersonIds: assignments.filter((a) => a.position !== 'firstResponder').map((a) => a.personId),
  });
  const level = (position: string) =>
    assignments
      .filter((a) => a.position === position)
      .flatMap((a) => [
        { personId: a.personId, actingFor: null },
        ...deputies
          .filter((d) => d.forPersonId === a.personId)
          .map((d) => ({ personId: d.deputyId, actingFor: a.personId })),
      ]);
  return {
    firstResponders: assignments.filter((a) => a.position === 'firstResponder').map((a) => a.personId),
    levels: { 2: level('deptHead'), 3: level('leaderInCharge'), 4: level('principalLeader') },
  };
}

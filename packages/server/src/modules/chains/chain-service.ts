// Responsibility chains: reading the roster on a date, and setting a department's chain from a date on.
import {
  AppError,
  CHAIN_POSITIONS,
  type Chain,
  type ChainHistory,
  type ChainPosition,
  type Roster,
  type SetChainBody,
} from '@bancheng/core';
import { nowIsoOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import {
  assignmentHistory,
  assignmentsOn,
  closeAssignment,
  insertAssignment,
  lastChangeDates,
  latestEffectiveFrom,
  type AssignmentWithPerson,
} from './chain-repository.ts';
import { departmentsWithUnit, findDepartment, loadOrgTree } from '../org/index.ts';
import { addRole, findPersonRowById } from '../people/index.ts';
import { newId } from '../../platform/ids.ts';

export type ChainPeople = Record<ChainPosition, string[]>;

export function chainPeopleOf(body: SetChainBody): ChainPeople {
  return {
    firstResponder: [...new Set(body.firstResponderIds)],
    deptHead: [body.deptHeadId],
    leaderInCharge: [body.leaderInChargeId],
    principalLeader: [body.principalLeaderId],
  };
}

const FIELD_OF: Record<ChainPosition, keyof SetChainBody> = {
  firstResponder: 'firstResponderIds',
  deptHead: 'deptHeadId',
  leaderInCharge: 'leaderInChargeId',
  principalLeader: 'principalLeaderId',
};

function ref(a: AssignmentWithPerson) {
  return { id: a.personId, username: a.username, displayName: a.displayName };
}

function buildChain(
  dept: { id: string; name: string; unitId: string; unitName: string },
  assignments: AssignmentWithPerson[],
  changedOn: string | null,
): Chain {
  const at = (p: ChainPosition) => assignments.filter((a) => a.position === p).map(ref);
  return {
    departmentId: dept.id,
    departmentName: dept.name,
    unitId: dept.unitId,
    unitName: dept.unitName,
    firstResponders: at('firstResponder'),
    deptHead: at('deptHead')[0] ?? null,
    leaderInCharge: at('leaderInCharge')[0] ?? null,
    principalLeader: at('principalLeader')[0] ?? null,
    changedOn,
  };
}

export async function getRoster(ctx: AppContext, date: string): Promise<Roster> {
  const db = ctx.database.db;
  const [units, assignments, changes] = await Promise.all([
    loadOrgTree(db),
    assignmentsOn(db, { date }),
    lastChangeDates(db),
  ]);
  const chains: Chain[] = [];
  for (const unit of units) {
    for (const d of unit.departments) {
      chains.push(
        buildChain(
          { id: d.id, name: d.name, unitId: unit.id, unitName: unit.name },
          assignments.filter((a) => a.departmentId === d.id),
          changes.get(d.id) ?? null,
        ),
      );
    }
  }
  return { date, chains };
}

export async function getChainHistory(ctx: AppContext, departmentId: string): Promise<ChainHistory> {
  const db = ctx.database.db;
  if (!(await findDepartment(db, departmentId))) throw new AppError('NOT_FOUND');
  const rows = await assignmentHistory(db, departmentId);
  return {
    departmentId,
    assignments: rows.map((a) => ({
      id: a.id,
      position: a.position,
      person: ref(a),
      effectiveFrom: a.effectiveFrom,
      effectiveTo: a.effectiveTo,
    })),
  };
}

async function chainOn(db: Db | Trx, departmentId: string, date: string): Promise<Chain> {
  const [dept] = await departmentsWithUnit(db, [departmentId]);
  if (!dept) throw new AppError('NOT_FOUND');
  const assignments = await assignmentsOn(db, { date, departmentId });
  const changedOn = (await lastChangeDates(db)).get(departmentId) ?? null;
  return buildChain(dept, assignments, changedOn);
}

function namesOf(chain: Chain): Record<string, unknown> {
  return {
    firstResponders: chain.firstResponders.map((p) => p.username),
    deptHead: chain.deptHead?.username ?? null,
    leaderInCharge: chain.leaderInCharge?.username ?? null,
    principalLeader: chain.principalLeader?.username ?? null,
  };
}

/**
 * Sets the department's chain from `effectiveFrom` on, inside the caller's transaction: assignments that
 * change are closed on that date and new ones open, so history always tells who was responsible when.
 * Field errors use the form's field names; the import prefixes them with its row.
 */
export async function setChainInTransaction(
  trx: Trx,
  args: {
    actor: Actor;
    departmentId: string;
    effectiveFrom: string;
    people: ChainPeople;
    source: 'form' | 'import';
    /** When the change is made (the assignments' created_at and the audit event). */
    now: string;
  },
): Promise<void> {
  const { departmentId, effectiveFrom, people } = args;
  if (!(await findDepartment(trx, departmentId))) throw new AppError('NOT_FOUND');
  const latest = await latestEffectiveFrom(trx, departmentId);
  if (latest && effectiveFrom < latest) {
    throw new AppError('VALIDATION_FAILED', { fields: { effectiveFrom: 'beforeLastChange' } });
  }
  const fields: Record<string, string> = {};
  for (const position of CHAIN_POSITIONS) {
    for (const personId of people[position]) {
      const person = await findPersonRowById(trx, personId);
      if (!person) fields[FIELD_OF[position]] = 'notFound';
      else if (person.status !== 'active') fields[FIELD_OF[position]] = 'disabledPerson';
    }
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });

  const before = await chainOn(trx, departmentId, effectiveFrom);
  const current = await assignmentsOn(trx, { date: effectiveFrom, departmentId });
  const { now } = args;
  for (const a of current) {
    if (!people[a.position].includes(a.personId)) await closeAssignment(trx, a.id, effectiveFrom);
  }
  for (const position of CHAIN_POSITIONS) {
    for (const personId of people[position]) {
      if (current.some((a) => a.position === position && a.personId === personId)) continue;
      await insertAssignment(trx, {
        id: newId(),
        departmentId,
        position,
        personId,
        effectiveFrom,
        createdAt: now,
        createdBy: args.actor.personId,
      });
      // Holding a chain position means holding its role.
      await addRole(trx, personId, position);
    }
  }
  const after = await chainOn(trx, departmentId, effectiveFrom);
  await appendAuditEvent(
    trx,
    args.actor,
    {
      type: 'chain.set',
      subjectId: departmentId,
      payload: { effectiveFrom, before: namesOf(before), after: namesOf(after), source: args.source },
    },
    now,
  );
}

export async function setChain(
  ctx: AppContext,
  actor: Actor,
  departmentId: string,
  body: SetChainBody,
): Promise<Chain> {
  await ctx.database.db.transaction().execute((trx) =>
    setChainInTransaction(trx, {
      actor,
      departmentId,
      effectiveFrom: body.effectiveFrom,
      people: chainPeopleOf(body),
      source: 'form',
      now: nowIsoOf(ctx),
    }),
  );
  return chainOn(ctx.database.db, departmentId, body.effectiveFrom);
}

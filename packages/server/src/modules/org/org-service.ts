// Managing the organisation tree. Each change is one transaction with its audit event.
import {
  AppError,
  type CreateDepartmentBody,
  type CreateUnitBody,
  type Department,
  type OrgUnit,
} from '@bancheng/core';
import { nowIsoOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import {
  deleteDepartment,
  deleteUnit,
  departmentInUse,
  departmentNameTaken,
  departmentOf,
  departmentSnapshot,
  findDepartment,
  findUnit,
  insertDepartment,
  insertUnit,
  loadOrgTree,
  nextSortOrder,
  renameDepartment,
  renameUnit,
  unitHasChildren,
  unitNameTaken,
  unitSnapshot,
  type DepartmentRecord,
  type UnitRecord,
} from './org-repository.ts';
import { newId } from '../../platform/ids.ts';

export async function getOrgTree(ctx: AppContext): Promise<OrgUnit[]> {
  return loadOrgTree(ctx.database.db);
}

async function unitById(ctx: AppContext, id: string): Promise<OrgUnit> {
  const unit = (await loadOrgTree(ctx.database.db)).find((u) => u.id === id);
  if (!unit) throw new AppError('NOT_FOUND');
  return unit;
}

export async function createUnit(ctx: AppContext, actor: Actor, input: CreateUnitBody): Promise<OrgUnit> {
  const id = newId();
  await ctx.database.db.transaction().execute(async (trx) => {
    const parent = await findUnit(trx, input.parentId);
    if (!parent) throw new AppError('VALIDATION_FAILED', { fields: { parentId: 'notFound' } });
    if (await unitNameTaken(trx, input.parentId, input.name)) throw new AppError('NAME_TAKEN');
    const now = nowIsoOf(ctx);
    const unit: UnitRecord = {
      id,
      parentId: input.parentId,
      kind: 'unit',
      name: input.name,
      sortOrder: await nextSortOrder(trx, 'org_units'),
      version: 0,
      createdAt: now,
      updatedAt: now,
    };
    await insertUnit(trx, unit);
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'org.unitCreated',
        subjectId: id,
        payload: { before: null, after: unitSnapshot(unit) },
      },
      now,
    );
  });
  return unitById(ctx, id);
}

export async function updateUnit(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; name: string; version: number },
): Promise<OrgUnit> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await findUnit(trx, input.id);
    if (!before) throw new AppError('NOT_FOUND');
    if (await unitNameTaken(trx, before.parentId, input.name, input.id)) throw new AppError('NAME_TAKEN');
    if (!(await renameUnit(trx, { ...input, now: nowIsoOf(ctx) }))) throw new AppError('VERSION_CONFLICT');
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'org.unitUpdated',
        subjectId: input.id,
        payload: { before: { name: before.name }, after: { name: input.name } },
      },
      nowIsoOf(ctx),
    );
  });
  return unitById(ctx, input.id);
}

export async function removeUnit(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; version: number },
): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await findUnit(trx, input.id);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.parentId === null) throw new AppError('NOT_EMPTY');
    if (await unitHasChildren(trx, input.id)) throw new AppError('NOT_EMPTY');
    if (!(await deleteUnit(trx, input.id, input.version))) throw new AppError('VERSION_CONFLICT');
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'org.unitDeleted',
        subjectId: input.id,
        payload: { before: unitSnapshot(before), after: null },
      },
      nowIsoOf(ctx),
    );
  });
}

export async function createDepartment(
  ctx: AppContext,
  actor: Actor,
  input: CreateDepartmentBody,
): Promise<Department> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const unit = await findUnit(trx, input.unitId);
    if (!unit) throw new AppError('VALIDATION_FAILED', { fields: { unitId: 'notFound' } });
    if (await departmentNameTaken(trx, input.unitId, input.name)) throw new AppError('NAME_TAKEN');
    const now = nowIsoOf(ctx);
    const department: DepartmentRecord = {
      id: newId(),
      unitId: input.unitId,
      name: input.name,
      sortOrder: await nextSortOrder(trx, 'departments'),
      version: 0,
      createdAt: now,
      updatedAt: now,
    };
    await insertDepartment(trx, department);
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'org.departmentCreated',
        subjectId: department.id,
        payload: { before: null, after: departmentSnapshot(department) },
      },
      now,
    );
    return departmentOf(department);
  });
}

export async function updateDepartment(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; name: string; version: number },
): Promise<Department> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const before = await findDepartment(trx, input.id);
    if (!before) throw new AppError('NOT_FOUND');
    if (await departmentNameTaken(trx, before.unitId, input.name, input.id)) throw new AppError('NAME_TAKEN');
    const now = nowIsoOf(ctx);
    if (!(await renameDepartment(trx, { ...input, now }))) throw new AppError('VERSION_CONFLICT');
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'org.departmentUpdated',
        subjectId: input.id,
        payload: { before: { name: before.name }, after: { name: input.name } },
      },
      now,
    );
    return departmentOf({ ...before, name: input.name, version: input.version + 1 });
  });
}

export async function removeDepartment(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; version: number },
): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await findDepartment(trx, input.id);
    if (!before) throw new AppError('NOT_FOUND');
    if (await departmentInUse(trx, input.id)) throw new AppError('NOT_EMPTY');
    if (!(await deleteDepartment(trx, input.id, input.version))) throw new AppError('VERSION_CONFLICT');
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'org.departmentDeleted',
        subjectId: input.id,
        payload: { before: departmentSnapshot(before), after: null },
      },
      nowIsoOf(ctx),
    );
  });
}

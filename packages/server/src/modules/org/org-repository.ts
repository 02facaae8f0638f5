// Units and departments, mapped from their rows to the records below here.
import type { OrgUnit, OrgUnitKind, Department } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { DepartmentRow, OrgUnitRow } from '../../platform/db/schema.ts';

/** A unit as stored, without its departments. */
export interface UnitRecord {
  id: string;
  parentId: string | null;
  kind: OrgUnitKind;
  name: string;
  sortOrder: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A department as stored. */
export interface DepartmentRecord extends Department {
  createdAt: string;
  updatedAt: string;
}

function toUnitRecord(row: OrgUnitRow): UnitRecord {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    name: row.name,
    sortOrder: row.sort_order,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toUnitRow(u: UnitRecord): OrgUnitRow {
  return {
    id: u.id,
    parent_id: u.parentId,
    kind: u.kind,
    name: u.name,
    sort_order: u.sortOrder,
    version: u.version,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}

function toDepartmentRecord(row: DepartmentRow): DepartmentRecord {
  return { ...toDepartment(row), createdAt: row.created_at, updatedAt: row.updated_at };
}

function toDepartmentRow(d: DepartmentRecord): DepartmentRow {
  return {
    id: d.id,
    unit_id: d.unitId,
    name: d.name,
    sort_order: d.sortOrder,
    version: d.version,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  };
}

/**
 * What the audit log keeps of a unit or department created or deleted: its stored columns, as it always
 * has, so earlier and later events read alike.
 */
export function unitSnapshot(u: UnitRecord): Record<string, unknown> {
  return { ...toUnitRow(u) };
}

export function departmentSnapshot(d: DepartmentRecord): Record<string, unknown> {
  return { ...toDepartmentRow(d) };
}

function toDepartment(row: DepartmentRow): Department {
  return { id: row.id, unitId: row.unit_id, name: row.name, sortOrder: row.sort_order, version: row.version };
}

/** The department as the API shows it. */
export function departmentOf(d: DepartmentRecord): Department {
  return { id: d.id, unitId: d.unitId, name: d.name, sortOrder: d.sortOrder, version: d.version };
}

function toUnit(row: OrgUnitRow, departments: Department[]): OrgUnit {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    name: row.name,
    sortOrder: row.sort_order,
    version: row.version,
    departments,
  };
}

export async function loadOrgTree(db: Db | Trx): Promise<OrgUnit[]> {
  const [units, departments] = await Promise.all([
    db.selectFrom('org_units').selectAll().orderBy('sort_order').orderBy('name').execute(),
    db.selectFrom('departments').selectAll().orderBy('sort_order').orderBy('name').execute(),
  ]);
  return units.map((u) => toUnit(u, departments.filter((d) => d.unit_id === u.id).map(toDepartment)));
}

export async function findUnit(db: Db | Trx, id: string): Promise<UnitRecord | undefined> {
  const row = await db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUnitRecord(row);
}

export async function findDepartment(db: Db | Trx, id: string): Promise<DepartmentRecord | undefined> {
  const row = await db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDepartmentRecord(row);
}

export async function findRootUnit(db: Db | Trx): Promise<UnitRecord | undefined> {
  const row = await db.selectFrom('org_units').selectAll().where('parent_id', 'is', null).executeTakeFirst();
  return row && toUnitRecord(row);
}

export async function unitNameTaken(
  trx: Trx,
  parentId: string | null,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let q = trx.selectFrom('org_units').select('id').where('name', '=', name);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function departmentNameTaken(
  trx: Trx,
  unitId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let q = trx.selectFrom('departments').select('id').where('unit_id', '=', unitId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertUnit(trx: Trx, unit: UnitRecord): Promise<void> {
  await trx.insertInto('org_units').values(toUnitRow(unit)).execute();
}

export async function insertDepartment(trx: Trx, department: DepartmentRecord): Promise<void> {
  await trx.insertInto('departments').values(toDepartmentRow(department)).execute();
}

export async function nextSortOrder(trx: Trx, table: 'org_units' | 'departments'): Promise<number> {
  const r = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>('sort_order').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/** Renames guarded by version: returns false when someone changed the row first. */
async function renameGuarded(
  trx: Trx,
  table: 'org_units' | 'departments',
  args: { id: string; name: string; version: number; now: string },
): Promise<boolean> {
  const r = await trx
    .updateTable(table)
    .set({ name: args.name, version: args.version + 1, updated_at: args.now })
    .where('id', '=', args.id)
    .where('version', '=', args.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const renameUnit = (trx: Trx, args: { id: string; name: string; version: number; now: string }) =>
  renameGuarded(trx, 'org_units', args);

export const renameDepartment = (
  trx: Trx,
  args: { id: string; name: string; version: number; now: string },
) => renameGuarded(trx, 'departments', args);

export async function unitHasChildren(trx: Trx, id: string): Promise<boolean> {
  const child = await trx.selectFrom('org_units').select('id').where('parent_id', '=', id).executeTakeFirst();
  const dept = await trx.selectFrom('departments').select('id').where('unit_id', '=', id).executeTakeFirst();
  return child !== undefined || dept !== undefined;
}

export async function departmentInUse(trx: Trx, id: string): Promise<boolean> {
  const person = await trx
    .selectFrom('people')
    .select('id')
    .where('department_id', '=', id)
    .executeTakeFirst();
  const chain = await trx
    .selectFrom('chain_assignments')
    .select('id')
    .where('department_id', '=', id)
    .executeTakeFirst();
  const matter = await trx
    .selectFrom('matters')
    .select('id')
    .where('department_id', '=', id)
    .executeTakeFirst();
  return person !== undefined || chain !== undefined || matter !== undefined;
}

export async function deleteUnit(trx: Trx, id: string, version: number): Promise<boolean> {
  const r = await trx
    .deleteFrom('org_units')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function deleteDepartment(trx: Trx, id: string, version: number): Promise<boolean> {
  const r = await trx
    .deleteFrom('departments')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export interface DepartmentWithUnit {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
}

/** Departments with their unit's name, for the given ids. */
export async function departmentsWithUnit(
  db: Db | Trx,
  ids: readonly string[],
): Promise<DepartmentWithUnit[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('departments')
    .innerJoin('org_units', 'org_units.id', 'departments.unit_id')
    .select(['departments.id', 'departments.name', 'org_units.id as unit_id', 'org_units.name as unit_name'])
    .where('departments.id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, unitId: r.unit_id, unitName: r.unit_name }));
}

// Matter lists (事项清单): rows per department, mapped to matter records here.
import type { Matter } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { MatterRow } from '../../platform/db/schema.ts';

type Executor = Db | Trx;

/** A matter as stored: the API's matter and when it was created. */
export interface MatterRecord extends Matter {
  createdAt: string;
}

/** What an edit may change. */
export type MatterChanges = Pick<
  MatterRecord,
  'title' | 'matterType' | 'timeLimitWorkdays' | 'remarks' | 'active' | 'updatedAt'
>;

function toMatterRecord(r: MatterRow): MatterRecord {
  return {
    id: r.id,
    departmentId: r.department_id,
    title: r.title,
    matterType: r.matter_type,
    timeLimitWorkdays: r.time_limit_workdays,
    remarks: r.remarks,
    active: r.active === 1,
    version: r.version,
    updatedAt: r.updated_at,
    createdAt: r.created_at,
  };
}

/** The matter as the API shows it. */
export function toMatter(m: MatterRecord): Matter {
  return {
    id: m.id,
    departmentId: m.departmentId,
    title: m.title,
    matterType: m.matterType,
    timeLimitWorkdays: m.timeLimitWorkdays,
    remarks: m.remarks,
    active: m.active,
    version: m.version,
    updatedAt: m.updatedAt,
  };
}

/** A department's matters, those in use first, by title. */
export async function listDepartmentMatters(
  db: Executor,
  args: { departmentId: string; includeInactive: boolean },
): Promise<MatterRecord[]> {
  let q = db.selectFrom('matters').selectAll().where('department_id', '=', args.departmentId);
  if (!args.includeInactive) q = q.where('active', '=', 1);
  return (await q.orderBy('active', 'desc').orderBy('title').orderBy('id').execute()).map(toMatterRecord);
}

export async function findMatter(db: Executor, id: string): Promise<MatterRecord | undefined> {
  const row = await findMatterRow(db, id);
  return row && toMatterRecord(row);
}

/** The row itself, for the cases module until it maps rows of its own (issue 6). */
export async function findMatterRow(db: Executor, id: string): Promise<MatterRow | undefined> {
  return db.selectFrom('matters').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Titles are unique within a department, deactivated matters included (they can be taken back). */
export async function matterTitleTaken(
  db: Executor,
  args: { departmentId: string; title: string; exceptId?: string },
): Promise<boolean> {
  let q = db
    .selectFrom('matters')
    .select('id')
    .where('department_id', '=', args.departmentId)
    .where('title', '=', args.title);
  if (args.exceptId) q = q.where('id', '!=', args.exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertMatter(trx: Trx, m: MatterRecord): Promise<void> {
  await trx
    .insertInto('matters')
    .values({
      id: m.id,
      department_id: m.departmentId,
      title: m.title,
      matter_type: m.matterType,
      time_limit_workdays: m.timeLimitWorkdays,
      remarks: m.remarks,
      active: m.active ? 1 : 0,
      version: m.version,
      created_at: m.createdAt,
      updated_at: m.updatedAt,
    })
    .execute();
}

/** Writes the change only if the matter is still at `version`. */
export async function updateMatterGuarded(
  trx: Trx,
  args: { id: string; version: number; changes: MatterChanges },
): Promise<boolean> {
  const c = args.changes;
  const r = await trx
    .updateTable('matters')
    .set({
      title: c.title,
      matter_type: c.matterType,
      time_limit_workdays: c.timeLimitWorkdays,
      remarks: c.remarks,
      active: c.active ? 1 : 0,
      updated_at: c.updatedAt,
      version: args.version + 1,
    })
    .where('id', '=', args.id)
    .where('version', '=', args.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

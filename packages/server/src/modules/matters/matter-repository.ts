// Matter lists (事项清单): rows per department, mapped to the API's shape here.
import type { Matter } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { MatterRow } from '../../platform/db/schema.ts';

type Executor = Db | Trx;

export function toMatter(r: MatterRow): Matter {
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
  };
}

export async function listMatterRows(
  db: Executor,
  args: { departmentId: string; includeInactive: boolean },
): Promise<MatterRow[]> {
  let q = db.selectFrom('matters').selectAll().where('department_id', '=', args.departmentId);
  if (!args.includeInactive) q = q.where('active', '=', 1);
  return q.orderBy('active', 'desc').orderBy('title').orderBy('id').execute();
}

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

export async function insertMatter(trx: Trx, row: MatterRow): Promise<void> {
  await trx.insertInto('matters').values(row).execute();
}

/** Writes the change only if the matter is still at `version`. */
export async function updateMatterGuarded(
  trx: Trx,
  args: {
    id: string;
    version: number;
    changes: Partial<Omit<MatterRow, 'id' | 'department_id' | 'version' | 'created_at'>>;
  },
): Promise<boolean> {
  const r = await trx
    .updateTable('matters')
    .set({ ...args.changes, version: args.version + 1 })
    .where('id', '=', args.id)
    .where('version', '=', args.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

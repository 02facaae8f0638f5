// Each department's matter list (事项清单, work plan 三(三)). Anyone signed in reads a department's active
// matters (they are picked when registering a request, and the list is published); administrators and the
// department's current head keep it. To anyone else a change is a 404, as for every object they may not
// touch. Each change is one transaction with its audit event, guarded by the version the client saw.
import { AppError, canManageMatters, type Matter, type MatterList, type Subject } from '@bancheng/core';
import type { z } from 'zod';
import type {
  createMatterBodySchema,
  deactivateMatterBodySchema,
  updateMatterBodySchema,
} from '@bancheng/core';
import { clockOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import type { MatterRow } from '../../platform/db/schema.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import {
  findMatterRow,
  insertMatter,
  listMatterRows,
  matterTitleTaken,
  toMatter,
  updateMatterGuarded,
} from './matter-repository.ts';
import { findDepartment } from '../org/index.ts';
import { newId } from '../../platform/ids.ts';

/** The person asking, as the access policy sees them (administrators and department heads keep lists). */
export interface MatterReader {
  subject: Subject;
}

export interface MatterEditor extends MatterReader {
  actor: Actor;
}

export async function listMatters(
  ctx: AppContext,
  who: MatterReader,
  args: { departmentId: string; all: boolean },
): Promise<MatterList> {
  const db = ctx.database.db;
  if (!(await findDepartment(db, args.departmentId))) throw new AppError('NOT_FOUND');
  const canManage = canManageMatters(who.subject, args.departmentId);
  const rows = await listMatterRows(db, {
    departmentId: args.departmentId,
    includeInactive: args.all && canManage,
  });
  return { items: rows.map(toMatter), canManage };
}

function snapshot(r: MatterRow) {
  return {
    title: r.title,
    matterType: r.matter_type,
    timeLimitWorkdays: r.time_limit_workdays,
    remarks: r.remarks,
    active: r.active === 1,
  };
}

export async function createMatter(
  ctx: AppContext,
  who: MatterEditor,
  args: { departmentId: string; body: z.output<typeof createMatterBodySchema> },
): Promise<Matter> {
  const db = ctx.database.db;
  const now = clockOf(ctx);
  if (!(await findDepartment(db, args.departmentId))) throw new AppError('NOT_FOUND');
  if (!canManageMatters(who.subject, args.departmentId)) {
    throw new AppError('NOT_FOUND');
  }
  const row: MatterRow = {
    id: newId(),
    department_id: args.departmentId,
    title: args.body.title,
    matter_type: args.body.matterType,
    time_limit_workdays: args.body.timeLimitWorkdays,
    remarks: args.body.remarks || null,
    active: 1,
    version: 0,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    if (await matterTitleTaken(trx, { departmentId: row.department_id, title: row.title })) {
      throw new AppError('MATTER_TITLE_TAKEN', { fields: { title: 'taken' } });
    }
    await insertMatter(trx, row);
    await appendAuditEvent(
      trx,
      who.actor,
      {
        type: 'matter.created',
        subjectId: row.id,
        payload: { departmentId: row.department_id, before: null, after: snapshot(row) },
      },
      row.created_at,
    );
  });
  return toMatter(row);
}

/** The matter, if this person may change it; otherwise NOT_FOUND, whether or not it exists. */
async function editableMatter(ctx: AppContext, who: MatterEditor, id: string): Promise<MatterRow> {
  const db = ctx.database.db;
  const row = await findMatterRow(db, id);
  if (!row || !canManageMatters(who.subject, row.department_id)) {
    throw new AppError('NOT_FOUND');
  }
  return row;
}

/** One guarded change and its audit event; answers the matter as it now is. */
async function changeMatter(
  ctx: AppContext,
  who: MatterEditor,
  args: {
    id: string;
    version: number;
    type: 'matter.updated' | 'matter.deactivated';
    changesFor: (before: MatterRow) => Partial<MatterRow>;
  },
): Promise<Matter> {
  await editableMatter(ctx, who, args.id);
  return ctx.database.db.transaction().execute(async (trx) => {
    const before = await findMatterRow(trx, args.id);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== args.version) {
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: before.version } });
    }
    const now = clockOf(ctx).toISOString();
    const after: MatterRow = {
      ...before,
      ...args.changesFor(before),
      version: before.version + 1,
      updated_at: now,
    };
    if (
      after.title !== before.title &&
      (await matterTitleTaken(trx, {
        departmentId: before.department_id,
        title: after.title,
        exceptId: before.id,
      }))
    ) {
      throw new AppError('MATTER_TITLE_TAKEN', { fields: { title: 'taken' } });
    }
    const { id: _id, department_id: _d, version: _v, created_at: _c, ...changes } = after;
    if (!(await updateMatterGuarded(trx, { id: before.id, version: args.version, changes }))) {
      throw new AppError('VERSION_CONFLICT');
    }
    await appendAuditEvent(
      trx,
      who.actor,
      {
        type: args.type,
        subjectId: before.id,
        payload: { departmentId: before.department_id, before: snapshot(before), after: snapshot(after) },
      },
      now,
    );
    return toMatter(after);
  });
}

export async function updateMatter(
  ctx: AppContext,
  who: MatterEditor,
  args: { id: string; body: z.output<typeof updateMatterBodySchema> },
): Promise<Matter> {
  const { version, title, matterType, timeLimitWorkdays, remarks, active } = args.body;
  return changeMatter(ctx, who, {
    id: args.id,
    version,
    type: 'matter.updated',
    changesFor: () => ({
      ...(title !== undefined && { title }),
      ...(matterType !== undefined && { matter_type: matterType }),
      ...(timeLimitWorkdays !== undefined && { time_limit_workdays: timeLimitWorkdays }),
      ...(remarks !== undefined && { remarks: remarks || null }),
      ...(active && { active: 1 }),
    }),
  });
}

/** Taken out of the list: no longer offered when registering; cases already registered keep it. */
export async function deactivateMatter(
  ctx: AppContext,
  who: MatterEditor,
  args: { id: string; body: z.output<typeof deactivateMatterBodySchema> },
): Promise<Matter> {
  return changeMatter(ctx, who, {
    id: args.id,
    version: args.body.version,
    type: 'matter.deactivated',
    changesFor: () => ({ active: 0 }),
  });
}

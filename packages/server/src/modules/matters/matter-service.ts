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
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import {
  findMatter,
  insertMatter,
  listDepartmentMatters,
  matterTitleTaken,
  toMatter,
  updateMatterGuarded,
  type MatterRecord,
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
  const matters = await listDepartmentMatters(db, {
    departmentId: args.departmentId,
    includeInactive: args.all && canManage,
  });
  return { items: matters.map(toMatter), canManage };
}

function snapshot(m: MatterRecord) {
  return {
    title: m.title,
    matterType: m.matterType,
    timeLimitWorkdays: m.timeLimitWorkdays,
    remarks: m.remarks,
    active: m.active,
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
  const matter: MatterRecord = {
    id: newId(),
    departmentId: args.departmentId,
    title: args.body.title,
    matterType: args.body.matterType,
    timeLimitWorkdays: args.body.timeLimitWorkdays,
    remarks: args.body.remarks || null,
    active: true,
    version: 0,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    if (await matterTitleTaken(trx, { departmentId: matter.departmentId, title: matter.title })) {
      throw new AppError('MATTER_TITLE_TAKEN', { fields: { title: 'taken' } });
    }
    await insertMatter(trx, matter);
    await appendAuditEvent(
      trx,
      who.actor,
      {
        type: 'matter.created',
        subjectId: matter.id,
        payload: { departmentId: matter.departmentId, before: null, after: snapshot(matter) },
      },
      matter.createdAt,
    );
  });
  return toMatter(matter);
}

/** The matter, if this person may change it; otherwise NOT_FOUND, whether or not it exists. */
async function editableMatter(ctx: AppContext, who: MatterEditor, id: string): Promise<MatterRecord> {
  const db = ctx.database.db;
  const matter = await findMatter(db, id);
  if (!matter || !canManageMatters(who.subject, matter.departmentId)) {
    throw new AppError('NOT_FOUND');
  }
  return matter;
}

/** One guarded change and its audit event; answers the matter as it now is. */
async function changeMatter(
  ctx: AppContext,
  who: MatterEditor,
  args: {
    id: string;
    version: number;
    type: 'matter.updated' | 'matter.deactivated';
    changesFor: (before: MatterRecord) => Partial<MatterRecord>;
  },
): Promise<Matter> {
  await editableMatter(ctx, who, args.id);
  return ctx.database.db.transaction().execute(async (trx) => {
    const before = await findMatter(trx, args.id);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== args.version) {
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: before.version } });
    }
    const now = clockOf(ctx).toISOString();
    const after: MatterRecord = {
      ...before,
      ...args.changesFor(before),
      version: before.version + 1,
      updatedAt: now,
    };
    if (
      after.title !== before.title &&
      (await matterTitleTaken(trx, {
        departmentId: before.departmentId,
        title: after.title,
        exceptId: before.id,
      }))
    ) {
      throw new AppError('MATTER_TITLE_TAKEN', { fields: { title: 'taken' } });
    }
    const { title, matterType, timeLimitWorkdays, remarks, active, updatedAt } = after;
    const changes = { title, matterType, timeLimitWorkdays, remarks, active, updatedAt };
    if (!(await updateMatterGuarded(trx, { id: before.id, version: args.version, changes }))) {
      throw new AppError('VERSION_CONFLICT');
    }
    await appendAuditEvent(
      trx,
      who.actor,
      {
        type: args.type,
        subjectId: before.id,
        payload: { departmentId: before.departmentId, before: snapshot(before), after: snapshot(after) },
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
      ...(matterType !== undefined && { matterType }),
      ...(timeLimitWorkdays !== undefined && { timeLimitWorkdays }),
      ...(remarks !== undefined && { remarks: remarks || null }),
      ...(active && { active: true }),
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
    changesFor: () => ({ active: false }),
  });
}

// The portal: the administrator writes the first-inquiry rules as a draft, previews and publishes it (each
// step audited, every published version kept); the public reads the current version, the units and a
// department's matter list and chain — names and titles only, never a phone or a person's id.
import {
  AppError,
  CHAIN_POSITIONS,
  DEFAULT_PORTAL_RULES,
  chainLevel,
  type PortalRulesAdmin,
  type PortalRulesVersion,
  type PublicChain,
  type PublicDepartment,
  type PublicRules,
  type PublicUnits,
  type SavePortalDraftBody,
} from '@bancheng/core';
import { nowIsoOf, todayOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { newId } from '../../platform/ids.ts';
import { findDepartment, findUnit, loadOrgTree } from '../org/index.ts';
import { listDepartmentMatters } from '../matters/index.ts';
import { assignmentsOn } from '../chains/index.ts';
import { getBureauSettings } from '../settings/index.ts';
import {
  currentVersion,
  findDraft,
  insertDraft,
  insertShippedIfEmpty,
  nextNumber,
  publishGuarded,
  publishedVersions,
  updateDraftGuarded,
} from './portal-repository.ts';

/** On first start the work plan's wording is the published version 1. */
export async function ensureShippedPortalRules(ctx: AppContext): Promise<boolean> {
  const existing = await ctx.database.db
    .selectFrom('portal_rule_versions')
    .select('id')
    .limit(1)
    .executeTakeFirst();
  if (existing) return false;
  return insertShippedIfEmpty(ctx.database.db, {
    id: newId(),
    content: DEFAULT_PORTAL_RULES,
    now: nowIsoOf(ctx),
  });
}

export async function getPortalAdmin(ctx: AppContext): Promise<PortalRulesAdmin> {
  const db = ctx.database.db;
  const [draft, history] = await Promise.all([findDraft(db), publishedVersions(db)]);
  return { draft: draft ?? null, current: history[0] ?? null, history };
}

export async function saveDraft(
  ctx: AppContext,
  actor: Actor & { personId: string },
  body: SavePortalDraftBody,
): Promise<PortalRulesVersion> {
  const { version, ...content } = body;
  const now = nowIsoOf(ctx);
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const draft = await findDraft(trx);
    let draftId: string;
    let number: number;
    if (!draft) {
      if (version !== 0) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: 0 } });
      draftId = newId();
      number = await nextNumber(trx);
      await insertDraft(trx, { id: draftId, number, content, personId: actor.personId, now });
    } else {
      const saved = await updateDraftGuarded(trx, {
        id: draft.id,
        content,
        version,
        personId: actor.personId,
        now,
      });
      if (!saved) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: draft.version } });
      draftId = draft.id;
      number = draft.number;
    }
    await appendAuditEvent(
      trx,
      actor,
      { type: 'portal.draftSaved', subjectId: draftId, payload: { number, title: content.title } },
      now,
    );
    return draftId;
  });
  const saved = await findDraft(ctx.database.db);
  if (!saved || saved.id !== id) throw new AppError('VERSION_CONFLICT');
  return saved;
}

export async function publishDraft(
  ctx: AppContext,
  actor: Actor & { personId: string },
  version: number,
): Promise<PortalRulesAdmin> {
  const now = nowIsoOf(ctx);
  await ctx.database.db.transaction().execute(async (trx) => {
    const draft = await findDraft(trx);
    // Nothing to publish is a conflict too: someone else published the draft first.
    if (!draft) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: 0 } });
    if (!(await publishGuarded(trx, { id: draft.id, version, personId: actor.personId, now }))) {
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: draft.version } });
    }
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'portal.published',
        subjectId: draft.id,
        payload: { number: draft.number, title: draft.title },
      },
      now,
    );
  });
  return getPortalAdmin(ctx);
}

export async function getPublicRules(ctx: AppContext): Promise<PublicRules> {
  const current = await currentVersion(ctx.database.db);
  if (!current?.publishedAt) throw new AppError('NOT_FOUND');
  const { number, title, summary, rules, duties, publishedAt } = current;
  return { number, title, summary, rules, duties, publishedAt };
}

export async function getPublicUnits(ctx: AppContext): Promise<PublicUnits> {
  const units = await loadOrgTree(ctx.database.db);
  return {
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      departments: u.departments.map((d) => ({ id: d.id, name: d.name })),
    })),
  };
}

export async function getPublicDepartment(ctx: AppContext, id: string): Promise<PublicDepartment> {
  const db = ctx.database.db;
  const department = await findDepartment(db, id);
  if (!department) throw new AppError('NOT_FOUND');
  const [unit, matters, assignments, settings] = await Promise.all([
    findUnit(db, department.unitId),
    listDepartmentMatters(db, { departmentId: id, includeInactive: false }),
    assignmentsOn(db, { date: todayOf(ctx), departmentId: id }),
    getBureauSettings(ctx),
  ]);
  if (!unit) throw new AppError('NOT_FOUND');
  return {
    id: department.id,
    name: department.name,
    unitId: unit.id,
    unitName: unit.name,
    matters: matters.map((m) => ({
      title: m.title,
      matterType: m.matterType,
      timeLimitWorkdays: m.timeLimitWorkdays,
      remarks: m.remarks,
    })),
    chain: CHAIN_POSITIONS.map((position) => {
      const level = chainLevel(position);
      return {
        level,
        position,
        names: assignments.filter((a) => a.position === position).map((a) => a.displayName),
        workdays: level === 1 ? null : settings.levelWorkdays[level],
      };
    }),
    replyWorkdays: settings.replyWorkdays,
  };
}

/** The chain's levels with their time limits today (the bureau settings), for the flow chart. */
export async function getPublicChain(ctx: AppContext): Promise<PublicChain> {
  const settings = await getBureauSettings(ctx);
  return {
    levels: CHAIN_POSITIONS.map((position) => {
      const level = chainLevel(position);
      return { level, position, workdays: level === 1 ? null : settings.levelWorkdays[level] };
    }),
    replyWorkdays: settings.replyWorkdays,
  };
}

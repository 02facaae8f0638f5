// The versions of the first-inquiry rules (portal_rule_versions), with their writers' display names.
import type { PortalRulesContent, PortalRulesVersion } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';

type Executor = Db | Trx;

/** The name shown for the version the system shipped (no writer). */
export const SHIPPED_BY = '系统';

function selectVersions(db: Executor) {
  return db
    .selectFrom('portal_rule_versions as v')
    .leftJoin('people as writer', 'writer.id', 'v.created_by')
    .leftJoin('people as publisher', 'publisher.id', 'v.published_by')
    .select([
      'v.id',
      'v.number',
      'v.title',
      'v.summary',
      'v.rules',
      'v.duties',
      'v.version',
      'v.created_at',
      'v.published_at',
      'v.created_by',
      'writer.display_name as writer_name',
      'publisher.display_name as publisher_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectVersions>['execute']>>[number];

function toVersion(r: Row): PortalRulesVersion {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    summary: r.summary,
    rules: r.rules,
    duties: r.duties,
    version: r.version,
    createdBy: r.writer_name ?? SHIPPED_BY,
    shipped: r.writer_name === null,
    createdAt: r.created_at,
    publishedBy: r.published_at === null ? null : (r.publisher_name ?? SHIPPED_BY),
    publishedAt: r.published_at,
  };
}

/** The one unpublished version, if any. */
export async function findDraft(db: Executor): Promise<PortalRulesVersion | undefined> {
  const row = await selectVersions(db).where('v.published_at', 'is', null).executeTakeFirst();
  return row && toVersion(row);
}

/** Every published version, the newest first. */
export async function publishedVersions(db: Executor): Promise<PortalRulesVersion[]> {
  const rows = await selectVersions(db)
    .where('v.published_at', 'is not', null)
    .orderBy('v.number', 'desc')
    .execute();
  return rows.map(toVersion);
}

/** The current (newest published) version. */
export async function currentVersion(db: Executor): Promise<PortalRulesVersion | undefined> {
  const row = await selectVersions(db)
    .where('v.published_at', 'is not', null)
    .orderBy('v.number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toVersion(row);
}

export async function nextNumber(trx: Trx): Promise<number> {
  const row = await trx
    .selectFrom('portal_rule_versions')
    .select((eb) => eb.fn.max('number').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertDraft(
  trx: Trx,
  args: { id: string; number: number; content: PortalRulesContent; personId: string; now: string },
): Promise<void> {
  await trx
    .insertInto('portal_rule_versions')
    .values({
      id: args.id,
      number: args.number,
      ...args.content,
      version: 1,
      created_by: args.personId,
      created_at: args.now,
      updated_at: args.now,
    })
    .execute();
}

/** Rewrites the draft if it is still at `version`; false when someone changed or published it first. */
export async function updateDraftGuarded(
  trx: Trx,
  args: { id: string; content: PortalRulesContent; version: number; personId: string; now: string },
): Promise<boolean> {
  const r = await trx
    .updateTable('portal_rule_versions')
    .set({ ...args.content, version: args.version + 1, created_by: args.personId, updated_at: args.now })
    .where('id', '=', args.id)
    .where('version', '=', args.version)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function publishGuarded(
  trx: Trx,
  args: { id: string; version: number; personId: string; now: string },
): Promise<boolean> {
  const r = await trx
    .updateTable('portal_rule_versions')
    .set({
      version: args.version + 1,
      published_by: args.personId,
      published_at: args.now,
      updated_at: args.now,
    })
    .where('id', '=', args.id)
    .where('version', '=', args.version)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The shipped first version, when there is none yet (several processes starting at once write one). */
export async function insertShippedIfEmpty(
  db: Db,
  args: { id: string; content: PortalRulesContent; now: string },
): Promise<boolean> {
  const r = await db
    .insertInto('portal_rule_versions')
    .values({
      id: args.id,
      number: 1,
      ...args.content,
      version: 1,
      created_by: null,
      created_at: args.now,
      updated_at: args.now,
      published_by: null,
      published_at: args.now,
    })
    .onConflict((oc) => oc.column('number').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

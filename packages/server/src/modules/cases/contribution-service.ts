// Cross-department matters (协作配合, work plan 四(一)): the lead department's first responder coordinates,
// and each co-department records what it contributed. A contribution does not move the case, so it does not
// take the case's version: the lead can act while co-departments write.
import { AppError, type ContributionBody, type ContributionList } from '@bancheng/core';
import { clockOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { contributionsOf, insertContribution } from './case-facts-repository.ts';
import { peopleRefsByIds } from '../people/index.ts';
import { newId } from '../../platform/ids.ts';
import { contributesFor, requireCase, type CaseViewer } from './case-access.ts';
import { departmentsWithUnit } from '../org/index.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import {
  claimIdempotencyKey,
  keepAnswer,
  type IdempotencyClaim,
} from '../../platform/idempotency/idempotency.ts';

export async function listContributions(
  ctx: AppContext,
  viewer: CaseViewer,
  caseId: string,
): Promise<ContributionList> {
  const access = await requireCase(ctx, viewer, caseId, 'case.read');
  return contributionListOf(ctx.database.db, { viewer, caseId, access });
}

/** The list, read through `db` (a transaction's, when the answer is kept with an idempotency key). */
async function contributionListOf(
  db: Db | Trx,
  args: { viewer: CaseViewer; caseId: string; access: { coDepartmentIds: string[]; state: string } },
): Promise<ContributionList> {
  const { viewer, caseId, access } = args;
  const rows = await contributionsOf(db, caseId);
  // A department removed from the case keeps its contribution on the record, with its name.
  const departmentIds = [...new Set([...access.coDepartmentIds, ...rows.map((r) => r.department_id)])];
  const names = new Map((await departmentsWithUnit(db, departmentIds)).map((d) => [d.id, d.name]));
  const people = new Map(
    (await peopleRefsByIds(db, [...new Set(rows.map((r) => r.person_id))])).map((p) => [
      p.id,
      { id: p.id, username: p.username, displayName: p.displayName },
    ]),
  );
  const open = access.state !== 'closed';
  return {
    items: rows.map((r) => ({
      departmentId: r.department_id,
      departmentName: names.get(r.department_id) ?? '',
      text: r.text,
      at: r.recorded_at,
      person: people.get(r.person_id) ?? null,
    })),
    canRecordFor: open ? contributesFor(viewer, access.coDepartmentIds) : [],
  };
}

export async function recordContribution(
  ctx: AppContext,
  actor: Actor & { personId: string },
  args: { caseId: string; viewer: CaseViewer; body: ContributionBody; claim?: IdempotencyClaim | undefined },
): Promise<ContributionList> {
  const access = await requireCase(ctx, args.viewer, args.caseId, 'case.read');
  if (!access.coDepartmentIds.includes(args.body.departmentId)) {
    throw new AppError('VALIDATION_FAILED', { fields: { departmentId: 'notFound' } });
  }
  if (access.state === 'closed') throw new AppError('CASE_ACTION_NOT_ALLOWED');
  if (!contributesFor(args.viewer, [args.body.departmentId]).length)
    throw new AppError('CASE_NOT_AT_YOUR_LEVEL');
  const now = clockOf(ctx).toISOString();
  const kept = await ctx.database.db.transaction().execute(async (trx) => {
    await claimIdempotencyKey(trx, args.claim);
    await insertContribution(trx, {
      id: newId(),
      case_id: args.caseId,
      department_id: args.body.departmentId,
      person_id: actor.personId,
      text: args.body.text,
      recorded_at: now,
    });
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'case.contributionRecorded',
        subjectId: args.caseId,
        payload: { departmentId: args.body.departmentId, text: args.body.text },
      },
      now,
    );
    return (
      args.claim &&
      keepAnswer(
        trx,
        args.claim,
        await contributionListOf(trx, { viewer: args.viewer, caseId: args.caseId, access }),
      )
    );
  });
  return kept ?? listContributions(ctx, args.viewer, args.caseId);
}

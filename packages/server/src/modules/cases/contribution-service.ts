// Cross-department matters (协作配合, work plan 四(一)): the lead department's first responder coordinates,
// and each co-department records what it contributed. A contribution does not move the case, so it does not
// take the case's version: the lead can act while co-departments write.
import { AppError, type ContributionBody, type ContributionList } from '@bancheng/core';
import { clockOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { assignmentsOn } from '../chains/index.ts';
import { contributionsOf, insertContribution } from './case-facts-repository.ts';
import { peopleRefsByIds } from '../people/index.ts';
import { newId, todayInChina } from '../../platform/ids.ts';
import type { CaseViewer } from './case-access.ts';
import { getCaseDetail } from './case-service.ts';

/** The co-departments of the case where this person is a first responder or the head today. */
async function departmentsFor(
  ctx: AppContext,
  viewer: CaseViewer,
  coDepartmentIds: string[],
): Promise<string[]> {
  const positions = await assignmentsOn(ctx.database.db, {
    date: todayInChina(clockOf(ctx)),
    personId: viewer.personId,
  });
  return coDepartmentIds.filter((id) =>
    positions.some(
      (p) => p.departmentId === id && (p.position === 'firstResponder' || p.position === 'deptHead'),
    ),
  );
}

export async function listContributions(
  ctx: AppContext,
  viewer: CaseViewer,
  caseId: string,
): Promise<ContributionList> {
  const detail = await getCaseDetail(ctx, viewer, caseId);
  const names = new Map(detail.coDepartments.map((d) => [d.departmentId, d.departmentName]));
  const rows = await contributionsOf(ctx.database.db, caseId);
  const people = new Map(
    (await peopleRefsByIds(ctx.database.db, [...new Set(rows.map((r) => r.person_id))])).map((p) => [
      p.id,
      { id: p.id, username: p.username, displayName: p.displayName },
    ]),
  );
  const open = detail.state !== 'closed';
  return {
    items: rows.map((r) => ({
      departmentId: r.department_id,
      departmentName: names.get(r.department_id) ?? '',
      text: r.text,
      at: r.recorded_at,
      person: people.get(r.person_id) ?? null,
    })),
    canRecordFor: open ? await departmentsFor(ctx, viewer, [...names.keys()]) : [],
  };
}

export async function recordContribution(
  ctx: AppContext,
  actor: Actor & { personId: string },
  args: { caseId: string; viewer: CaseViewer; body: ContributionBody },
): Promise<ContributionList> {
  const detail = await getCaseDetail(ctx, args.viewer, args.caseId);
  if (!detail.coDepartments.some((d) => d.departmentId === args.body.departmentId)) {
    throw new AppError('VALIDATION_FAILED', { fields: { departmentId: 'notFound' } });
  }
  if (detail.state === 'closed') throw new AppError('CASE_ACTION_NOT_ALLOWED');
  const allowed = await departmentsFor(ctx, args.viewer, [args.body.departmentId]);
  if (allowed.length === 0) throw new AppError('CASE_NOT_AT_YOUR_LEVEL');
  const now = clockOf(ctx).toISOString();
  await ctx.database.db.transaction().execute(async (trx) => {
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
  });
  return listContributions(ctx, args.viewer, args.caseId);
}

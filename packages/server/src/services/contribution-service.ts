// Cross-department matters (协作配合, work plan 四(一)): the lead department's first responder coordinates,
// and each co-department records what it contributed. A contribution does not move the case, so it does not
// take the case's version: the lead can act while co-departments write.
import { AppError, type ContributionBody, type ContributionList } from '@bancheng/core';
import { clockOf, type AppContext } from '../context.ts';
import type { Actor } from '../audit/events.ts';
import { appendAuditEvent } from '../repositories/audit-repository.ts';
import { assignmentsOn } from '../repositories/chain-repository.ts';
import { caseEvents } from '../repositories/case-repository.ts';
import { todayInChina } from '../lib/ids.ts';
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
  const events = (await caseEvents(ctx.database.db, caseId)).filter(
    (e) => e.type === 'case.contributionRecorded',
  );
  const open = detail.state !== 'closed';
  return {
    items: events.map((e) => {
      const payload = JSON.parse(e.payload) as { departmentId: string; text: string };
      return {
        departmentId: payload.departmentId,
        departmentName: names.get(payload.departmentId) ?? '',
        text: payload.text,
        at: e.occurred_at,
        person: e.person_id
          ? { id: e.person_id, username: e.username ?? '', displayName: e.display_name ?? '' }
          : null,
      };
    }),
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
  await appendAuditEvent(
    ctx.database.db,
    actor,
    {
      type: 'case.contributionRecorded',
      subjectId: args.caseId,
      payload: { departmentId: args.body.departmentId, text: args.body.text },
    },
    clockOf(ctx).toISOString(),
  );
  return listContributions(ctx, args.viewer, args.caseId);
}

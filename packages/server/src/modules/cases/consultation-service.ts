// Cross-department work beyond the workflow's actions (work plan 四(一)): the convener invites people to
// the consultation (they are told, read the case and have it on their to-do list until the meeting is
// recorded), and the lead department's first responder or head changes the co-departments (the case's
// version moves, so pages refetch; contributions of a department removed stay on the record). Each change
// is one transaction with its audit event and its notifications, and takes an idempotency key.
import {
  AppError,
  mayChangeCoDepartments,
  mayInviteToConsultation,
  type CaseDetail,
  type ConsultationCandidates,
  type InviteToConsultationBody,
  type SetCoDepartmentsBody,
} from '@bancheng/core';
import { clockOf, todayOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { newId } from '../../platform/ids.ts';
import {
  claimIdempotencyKey,
  keepAnswer,
  type IdempotencyClaim,
} from '../../platform/idempotency/idempotency.ts';
import { departmentsWithUnit } from '../org/index.ts';
import { listActivePeopleWithDepartment, peopleRefsByIds } from '../people/index.ts';
import { holdersFor, requireCase, type CaseViewer } from './case-access.ts';
import { findCaseRow, updateCaseGuarded } from './case-repository.ts';
import { handoversOf, openFollowUpOf } from './case-facts-repository.ts';
import { toWorkflowCase } from './case-mapper.ts';
import { buildDetail, clockContextOf } from './case-view.ts';
import {
  consultationPeopleOf,
  insertConsultationPeople,
  openConsultationOf,
  replaceCoDepartments,
} from './consultation-repository.ts';
import { coDepartmentRecipients, notifyCoDepartmentsNamed, notifyPeople } from './co-department-notices.ts';

type PersonActor = Actor & { personId: string; subject: CaseViewer };

/** The directory the convener invites from (only while they may invite). */
export async function consultationCandidates(
  ctx: AppContext,
  viewer: CaseViewer,
  caseId: string,
): Promise<ConsultationCandidates> {
  const access = await requireCase(ctx, viewer, caseId, 'case.read');
  if (!mayInviteToConsultation(workflowView(access.loaded.row), viewer.personId)) {
    throw new AppError('NOT_THE_CONVENER');
  }
  return { items: await listActivePeopleWithDepartment(ctx.database.db) };
}

/** What the invitation rule reads of the case row. */
function workflowView(row: { state: CaseDetail['state']; consultation_convener_id: string | null }) {
  return { state: row.state, convenerId: row.consultation_convener_id };
}

export async function inviteToConsultation(
  ctx: AppContext,
  actor: PersonActor,
  args: { caseId: string; body: InviteToConsultationBody; claim?: IdempotencyClaim | undefined },
): Promise<CaseDetail> {
  const db = ctx.database.db;
  const access = await requireCase(ctx, actor.subject, args.caseId, 'case.read');
  if (!mayInviteToConsultation(workflowView(access.loaded.row), actor.personId)) {
    throw new AppError(access.state === 'inConsultation' ? 'NOT_THE_CONVENER' : 'CASE_ACTION_NOT_ALLOWED');
  }
  const wanted = [...new Set(args.body.personIds)];
  const found = await peopleRefsByIds(db, wanted);
  const active = new Set((await listActivePeopleWithDepartment(db)).map((p) => p.id));
  if (found.length !== wanted.length || wanted.some((id) => !active.has(id))) {
    throw new AppError('VALIDATION_FAILED', { fields: { personIds: 'notAPerson' } });
  }
  const clockContext = args.claim ? await clockContextOf(ctx) : undefined;
  const now = clockOf(ctx).toISOString();
  const written = await db.transaction().execute(async (trx) => {
    await claimIdempotencyKey(trx, args.claim);
    const row = await findCaseRow(trx, args.caseId);
    const open = await openConsultationOf(trx, args.caseId);
    // Checked again inside: the meeting may have been recorded since.
    if (!row || !open || !mayInviteToConsultation(workflowView(row), actor.personId)) {
      throw new AppError('CASE_ACTION_NOT_ALLOWED');
    }
    const already = new Set(
      (await consultationPeopleOf(trx, args.caseId))
        .filter((p) => p.consultation_id === open.id)
        .map((p) => p.person_id),
    );
    const invited = wanted.filter((id) => !already.has(id));
    await insertConsultationPeople(
      trx,
      invited.map((personId) => ({
        id: newId(),
        consultation_id: open.id,
        case_id: args.caseId,
        person_id: personId,
        role: 'invitee',
        invited_by: actor.personId,
        invited_at: now,
        open: 1,
        present: null,
      })),
    );
    if (invited.length > 0) {
      await appendAuditEvent(
        trx,
        actor,
        { type: 'case.consultationInvited', subjectId: args.caseId, payload: { personIds: invited } },
        now,
      );
      await notifyPeople(trx, ctx, {
        personIds: invited,
        message: {
          kind: 'consultationInvited',
          params: { caseNumber: row.number, matterTitle: row.matter_title },
        },
        caseId: args.caseId,
        actorId: actor.personId,
        now,
      });
    }
    return (
      args.claim &&
      (await keepAnswer(
        trx,
        args.claim,
        await buildDetail(ctx, trx, actor.subject, args.caseId, undefined, clockContext),
      ))
    );
  });
  return written || buildDetail(ctx, db, actor.subject, args.caseId);
}

export async function setCoDepartments(
  ctx: AppContext,
  actor: PersonActor,
  args: { caseId: string; body: SetCoDepartmentsBody; claim?: IdempotencyClaim | undefined },
): Promise<CaseDetail> {
  const db = ctx.database.db;
  const access = await requireCase(ctx, actor.subject, args.caseId, 'case.read');
  const row = access.loaded.row;
  const holders = await holdersFor(db, row.department_id, todayOf(ctx));
  const wf = toWorkflowCase({
    row,
    allDecisions: access.loaded.allDecisions,
    openFollowUp: await openFollowUpOf(db, row.id),
    handovers: await handoversOf(db, row.id),
  });
  if (!mayChangeCoDepartments(wf, actor.personId, holders)) {
    throw new AppError(row.state === 'closed' ? 'CASE_ACTION_NOT_ALLOWED' : 'CO_DEPARTMENTS_NOT_YOURS');
  }
  const wanted = [...new Set(args.body.departmentIds)];
  if (wanted.includes(row.department_id)) {
    throw new AppError('VALIDATION_FAILED', { fields: { departmentIds: 'leadDepartmentAsCo' } });
  }
  if ((await departmentsWithUnit(db, wanted)).length !== wanted.length) {
    throw new AppError('VALIDATION_FAILED', { fields: { departmentIds: 'notFound' } });
  }
  const added = wanted.filter((id) => !access.coDepartmentIds.includes(id));
  const removed = access.coDepartmentIds.filter((id) => !wanted.includes(id));
  const crossDepartment = wanted.length > 0 || row.no_competent_department === 1;
  // A consultation under way needs the matter to stay cross-department.
  if (!crossDepartment && row.state === 'inConsultation') throw new AppError('CASE_ACTION_NOT_ALLOWED');
  const recipients = await coDepartmentRecipients(db, added, todayOf(ctx));
  const clockContext = args.claim ? await clockContextOf(ctx) : undefined;
  const now = clockOf(ctx).toISOString();
  const written = await db.transaction().execute(async (trx) => {
    await claimIdempotencyKey(trx, args.claim);
    const changed = await updateCaseGuarded(trx, {
      id: row.id,
      version: args.body.version,
      changes: { cross_department: crossDepartment ? 1 : 0, updated_at: now },
    });
    if (!changed) throw new AppError('VERSION_CONFLICT');
    await replaceCoDepartments(trx, { caseId: row.id, add: added, remove: removed });
    await appendAuditEvent(
      trx,
      actor,
      { type: 'case.coDepartmentsChanged', subjectId: row.id, payload: { added, removed } },
      now,
    );
    await notifyCoDepartmentsNamed(trx, ctx, {
      recipients,
      caseId: row.id,
      caseNumber: row.number,
      matterTitle: row.matter_title,
      actorId: actor.personId,
      now,
    });
    return (
      args.claim &&
      (await keepAnswer(
        trx,
        args.claim,
        await buildDetail(ctx, trx, actor.subject, args.caseId, undefined, clockContext),
      ))
    );
  });
  return written || buildDetail(ctx, db, actor.subject, args.caseId);
}

// Appointing and ending acting deputies (代理). Administrators appoint for any chain position holder; a
// holder appoints their own. Each change is one transaction with its audit event and the notifications
// to the deputy and the holder (never to the person who made it). To anyone else an appointment is a 404.
import {
  AppError,
  addCalendarDays,
  appointmentProblems,
  canManageDeputiesOf,
  canSeeDeputy,
  deputyStatusOn,
  endingOf,
  type ActingDeputy,
  type AppointDeputyBody,
  type DeputyCandidates,
  type DeputyList,
  type PersonRef,
  type Subject,
} from '@bancheng/core';
import { nowIsoOf, todayOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import type { Trx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { holdsPositionBetween } from '../chains/index.ts';
import { deliveryChannelsOf, enqueueNotifications } from '../notifications/index.ts';
import { findPersonRowById, listActivePeopleWithDepartment, peopleRefsByIds } from '../people/index.ts';
import {
  deleteDeputyRecord,
  endDeputyRecord,
  findDeputyRecord,
  insertDeputyRecord,
  listDeputyRecords,
  openAppointmentsFor,
  type DeputyRecord,
} from './deputy-repository.ts';

export interface DeputyManager {
  subject: Subject;
  actor: Actor;
}

/** How far back the list shows appointments that are over. */
const PAST_DAYS_SHOWN = 90;

async function viewsOf(ctx: AppContext, records: DeputyRecord[]): Promise<ActingDeputy[]> {
  const ids = [...new Set(records.flatMap((r) => [r.deputyId, r.forPersonId, r.createdBy ?? []].flat()))];
  const refs = new Map<string, PersonRef>(
    (await peopleRefsByIds(ctx.database.db, ids)).map((p) => [
      p.id,
      { id: p.id, username: p.username, displayName: p.displayName },
    ]),
  );
  const today = todayOf(ctx);
  const ref = (id: string): PersonRef => refs.get(id) ?? { id, username: '', displayName: '' };
  return records.map((r) => ({
    id: r.id,
    deputy: ref(r.deputyId),
    forPerson: ref(r.forPersonId),
    fromDate: r.fromDate,
    toDate: r.toDate,
    createdAt: r.createdAt,
    createdBy: r.createdBy ? ref(r.createdBy) : null,
    status: deputyStatusOn(r, today),
  }));
}

export async function listDeputies(
  ctx: AppContext,
  who: { subject: Subject },
  args: { past: boolean },
): Promise<DeputyList> {
  const today = todayOf(ctx);
  const admin = who.subject.roles.includes('admin');
  const records = await listDeputyRecords(ctx.database.db, {
    endsFrom: args.past ? addCalendarDays(today, -PAST_DAYS_SHOWN) : today,
    ...(!admin && { personId: who.subject.personId }),
  });
  return {
    items: await viewsOf(
      ctx,
      records.filter((r) => canSeeDeputy(who.subject, r)),
    ),
  };
}

export async function deputyCandidates(ctx: AppContext): Promise<DeputyCandidates> {
  return { items: await listActivePeopleWithDepartment(ctx.database.db) };
}

async function notifyBoth(
  ctx: AppContext,
  trx: Trx,
  args: {
    kind: 'deputyAppointed' | 'deputyEnded';
    record: DeputyRecord;
    actorId: string | null;
    text: (names: { deputy: string; holder: string }) => {
      toDeputy: { title: string; body: string };
      toHolder: { title: string; body: string };
    };
  },
) {
  const { record } = args;
  const [deputy, holder] = await Promise.all([
    findPersonRowById(trx, record.deputyId),
    findPersonRowById(trx, record.forPersonId),
  ]);
  const text = args.text({ deputy: deputy?.display_name ?? '', holder: holder?.display_name ?? '' });
  const planned = [
    { personId: record.deputyId, ...text.toDeputy },
    { personId: record.forPersonId, ...text.toHolder },
  ]
    .filter((n) => n.personId !== args.actorId)
    .map((n) => ({ ...n, kind: args.kind, caseId: null }));
  await enqueueNotifications(trx, {
    channels: deliveryChannelsOf(ctx.config),
    notifications: planned,
    now: nowIsoOf(ctx),
  });
}

export async function appointDeputy(
  ctx: AppContext,
  who: DeputyManager,
  body: AppointDeputyBody,
): Promise<ActingDeputy> {
  if (!canManageDeputiesOf(who.subject, body.forPersonId)) throw new AppError('NOT_FOUND');
  const today = todayOf(ctx);
  const record: DeputyRecord = {
    id: newId(),
    deputyId: body.deputyId,
    forPersonId: body.forPersonId,
    fromDate: body.fromDate,
    toDate: body.toDate,
    createdAt: nowIsoOf(ctx),
    createdBy: who.actor.personId,
  };
  await ctx.database.db.transaction().execute(async (trx) => {
    const [deputy, holder] = await Promise.all([
      findPersonRowById(trx, body.deputyId),
      findPersonRowById(trx, body.forPersonId),
    ]);
    if (!holder) throw new AppError('NOT_FOUND');
    if (!deputy) throw new AppError('VALIDATION_FAILED', { fields: { deputyId: 'notFound' } });
    const problems = appointmentProblems({
      body,
      today,
      deputyActive: deputy.status === 'active',
      holderHoldsPosition: await holdsPositionBetween(trx, {
        personId: body.forPersonId,
        from: body.fromDate,
        to: body.toDate,
      }),
      existing: await openAppointmentsFor(trx, { forPersonId: body.forPersonId, today }),
    });
    if (problems.length > 0) {
      const fields = Object.fromEntries(problems.map((p) => [p.field, p.message]));
      throw new AppError(
        problems.some((p) => p.message === 'deputyOverlaps') ? 'DEPUTY_OVERLAPS' : 'VALIDATION_FAILED',
        {
          fields,
        },
      );
    }
    await insertDeputyRecord(trx, record);
    await appendAuditEvent(
      trx,
      who.actor,
      {
        type: 'deputy.appointed',
        subjectId: record.id,
        payload: {
          deputyId: record.deputyId,
          forPersonId: record.forPersonId,
          fromDate: record.fromDate,
          toDate: record.toDate,
        },
      },
      record.createdAt,
    );
    await notifyBoth(ctx, trx, {
      kind: 'deputyAppointed',
      record,
      actorId: who.actor.personId,
      text: ({ deputy: d, holder: h }) => ({
        toDeputy: {
          title: `您被指定为${h}的代理人`,
          body: `${record.fromDate} 至 ${record.toDate}，由您代理${h}在责任链条中的职务；审批时表单显示“（代）”及双方姓名。`,
        },
        toHolder: {
          title: `${d}将代理您的职务`,
          body: `${record.fromDate} 至 ${record.toDate}，${d}代理您在责任链条中的职务。`,
        },
      }),
    });
  });
  const [view] = await viewsOf(ctx, [record]);
  return view!;
}

/** Ends an appointment: withdrawn if it has not begun, otherwise it ends yesterday. */
export async function endDeputy(
  ctx: AppContext,
  who: DeputyManager,
  id: string,
): Promise<ActingDeputy | null> {
  const today = todayOf(ctx);
  const ended = await ctx.database.db.transaction().execute(async (trx) => {
    const record = await findDeputyRecord(trx, id);
    if (!record || !canManageDeputiesOf(who.subject, record.forPersonId)) throw new AppError('NOT_FOUND');
    const ending = endingOf(record, today);
    if (ending.kind === 'alreadyOver') throw new AppError('DEPUTY_ALREADY_OVER');
    const done =
      ending.kind === 'withdraw'
        ? await deleteDeputyRecord(trx, { id, toDate: record.toDate })
        : await endDeputyRecord(trx, { id, previousToDate: record.toDate, toDate: ending.toDate });
    if (!done) throw new AppError('VERSION_CONFLICT');
    await appendAuditEvent(
      trx,
      who.actor,
      {
        type: 'deputy.ended',
        subjectId: id,
        payload: {
          deputyId: record.deputyId,
          forPersonId: record.forPersonId,
          fromDate: record.fromDate,
          toDate: record.toDate,
          ending,
        },
      },
      nowIsoOf(ctx),
    );
    const words =
      ending.kind === 'withdraw'
        ? `原定 ${record.fromDate} 至 ${record.toDate} 的代理已撤销。`
        : `代理提前结束，最后一天为 ${ending.toDate}。`;
    await notifyBoth(ctx, trx, {
      kind: 'deputyEnded',
      record,
      actorId: who.actor.personId,
      text: ({ deputy: d, holder: h }) => ({
        toDeputy: { title: `您对${h}的代理已结束`, body: words },
        toHolder: { title: `${d}对您的代理已结束`, body: words },
      }),
    });
    return ending.kind === 'withdraw' ? null : { ...record, toDate: ending.toDate };
  });
  if (!ended) return null;
  const [view] = await viewsOf(ctx, [ended]);
  return view ?? null;
}

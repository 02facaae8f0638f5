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

/** Tells the deputy and the holder (not whoever did it); the names are read now and kept as parameters. */
async function notifyBoth(
  ctx: AppContext,
  trx: Trx,
  args: {
    record: DeputyRecord;
    actorId: string | null;
    message: { kind: 'deputyAppointed' } | { kind: 'deputyEnded'; lastDay: string | null };
  },
) {
  const { record } = args;
  const [deputy, holder] = await Promise.all([
    findPersonRowById(trx, record.deputyId),
    findPersonRowById(trx, record.forPersonId),
  ]);
  const common = {
    deputyName: deputy?.display_name ?? '',
    holderName: holder?.display_name ?? '',
    fromDate: record.fromDate,
    toDate: record.toDate,
  };
  const planned = (
    [
      [record.deputyId, 'deputy'],
      [record.forPersonId, 'holder'],
    ] as const
  )
    .filter(([personId]) => personId !== args.actorId)
    .map(([personId, to]) => ({
      personId,
      caseId: null,
      ...(args.message.kind === 'deputyAppointed'
        ? { kind: 'deputyAppointed' as const, params: { ...common, to } }
        : { kind: 'deputyEnded' as const, params: { ...common, to, lastDay: args.message.lastDay } }),
    }));
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
      record,
      actorId: who.actor.personId,
      message: { kind: 'deputyAppointed' },
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
    await notifyBoth(ctx, trx, {
      record,
      actorId: who.actor.personId,
      message: { kind: 'deputyEnded', lastDay: ending.kind === 'withdraw' ? null : ending.toDate },
    });
    return ending.kind === 'withdraw' ? null : { ...record, toDate: ending.toDate };
  });
  if (!ended) return null;
  const [view] = await viewsOf(ctx, [ended]);
  return view ?? null;
}

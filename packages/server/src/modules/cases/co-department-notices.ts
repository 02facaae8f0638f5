// Who is told of cross-department work (协作配合, 会商), in the change's own transaction: a co-department
// named on a case (its first responders and its department head), the convener asked to convene, and
// the people invited to a consultation. Nobody is told of their own act.
import type { NotificationMessage } from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { deliveryChannelsOf, enqueueNotifications } from '../notifications/index.ts';
import { holdersFor } from './case-access.ts';

export interface DepartmentRecipients {
  departmentId: string;
  personIds: string[];
}

/** Who speaks for each department (its first responders and its own head today): read before the
 * transaction, as the chain holders are. */
export async function coDepartmentRecipients(
  db: Db,
  departmentIds: readonly string[],
  date: string,
): Promise<DepartmentRecipients[]> {
  return Promise.all(
    departmentIds.map(async (departmentId) => {
      const h = await holdersFor(db, departmentId, date);
      const heads = h.levels[2].filter((x) => x.actingFor === null).map((x) => x.personId);
      return { departmentId, personIds: [...new Set([...h.firstResponders, ...heads])] };
    }),
  );
}

export async function notifyCoDepartmentsNamed(
  trx: Trx,
  ctx: AppContext,
  args: {
    recipients: DepartmentRecipients[];
    caseId: string;
    caseNumber: string;
    matterTitle: string;
    actorId: string;
    now: string;
  },
): Promise<void> {
  await notifyPeople(trx, ctx, {
    personIds: args.recipients.flatMap((r) => r.personIds),
    message: {
      kind: 'coDepartmentNamed',
      params: { caseNumber: args.caseNumber, matterTitle: args.matterTitle },
    },
    caseId: args.caseId,
    actorId: args.actorId,
    now: args.now,
  });
}

export async function notifyPeople(
  trx: Trx,
  ctx: AppContext,
  args: {
    personIds: readonly string[];
    message: NotificationMessage;
    caseId: string;
    actorId: string;
    now: string;
  },
): Promise<void> {
  const personIds = [...new Set(args.personIds)].filter((id) => id !== args.actorId);
  await enqueueNotifications(trx, {
    now: args.now,
    channels: deliveryChannelsOf(ctx.config),
    notifications: personIds.map((personId) => ({
      personId,
      caseId: args.caseId,
      ...args.message,
    })),
  });
}

// Cases as their changes' notifications see them. The cases module still hands over its rows
// (case-service.ts): they are mapped here, so the notifications service works with NotifiedCase only.
import type { CaseRow } from '../../platform/db/schema.ts';
import type { Trx } from '../../platform/db/database.ts';
import { notifyCaseChange, type NotifiedCase } from './notification-service.ts';

export function toNotifiedCase(r: CaseRow): NotifiedCase {
  return {
    id: r.id,
    number: r.number,
    matterTitle: r.matter_title,
    state: r.state,
    firstResponderId: r.first_responder_id,
    proposerId: r.proposer_id,
    replyDeadline: r.reply_deadline,
  };
}

/** notifyCaseChange for a change given as the case's rows before and after. */
export async function notifyCaseRowChange(
  trx: Trx,
  change: Omit<Parameters<typeof notifyCaseChange>[1], 'before' | 'after'> & {
    before: CaseRow;
    after: CaseRow;
  },
): Promise<void> {
  await notifyCaseChange(trx, {
    ...change,
    before: toNotifiedCase(change.before),
    after: toNotifiedCase(change.after),
  });
}

// A reply's time checked against the case before its action's transaction (work plan 三(一)): the rule is
// core's replyTimeProblem(); here the clock and the case's time of receipt are put to it.
import { AppError, replyTimeProblem, type CaseActionRequest } from '@bancheng/core';
import { clockOf, type AppContext } from '../../platform/context.ts';

/** A call not yet made, or a letter not yet sent, or either before the request came in: a field error. */
export function refuseImpossibleReplyTime(
  ctx: AppContext,
  action: Extract<CaseActionRequest['action'], { type: 'recordReply' }>,
  receivedAt: string,
): void {
  const phone = action.method === 'phone';
  const problem = replyTimeProblem({
    at: phone ? { time: action.calledAt } : { date: action.sentOn },
    receivedAt,
    now: clockOf(ctx).toISOString(),
  });
  if (problem) {
    throw new AppError('VALIDATION_FAILED', {
      fields: { [phone ? 'action.calledAt' : 'action.sentOn']: problem },
    });
  }
}

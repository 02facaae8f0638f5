// The reply to the applicant (答复, work plan 三(一)): how a written reply was delivered, which times a
// reply may carry, how late an answer was in working days, and the reply letter's document number (文号).
import { countWorkingDays, type WorkCalendar } from '../calendar/rules.ts';

/** How a written reply reached the applicant: 邮寄, 当面送达, 电子邮件. */
export const REPLY_DELIVERIES = ['post', 'hand', 'email'] as const;
export type ReplyDelivery = (typeof REPLY_DELIVERIES)[number];

/** A reply's time may run this far ahead of the server's clock (clocks differ a little). */
export const REPLY_FUTURE_GRACE_MS = 5 * 60_000;

/**
 * Why a reply's time cannot stand, as a field message key, or null when it can: not after now, and not
 * before the request came in. `at` is the call's time or the day the letter was sent (its end in China,
 * so a letter sent today is never "in the future"); `receivedAt` the case's time of receipt.
 */
export function replyTimeProblem(args: {
  at: { time: string } | { date: string };
  receivedAt: string;
  now: string;
}): 'inFuture' | 'beforeReceipt' | null {
  const now = Date.parse(args.now);
  const received = Date.parse(args.receivedAt);
  if ('time' in args.at) {
    const t = Date.parse(args.at.time);
    if (t > now + REPLY_FUTURE_GRACE_MS) return 'inFuture';
    if (t < received) return 'beforeReceipt';
    return null;
  }
  // A date is a China day: it starts at 00:00 and ends at 24:00 UTC+8.
  const start = Date.parse(`${args.at.date}T00:00:00+08:00`);
  if (start > now) return 'inFuture';
  if (start + 86_400_000 <= received) return 'beforeReceipt';
  return null;
}

/**
 * Working days an answer came after its due date (答复逾期 N 个工作日): the working days after `due` up to
 * and including `repliedOn`; 0 when answered on time, null when not answered or nothing was due.
 */
export function replyLateWorkdays(args: {
  due: string | null;
  repliedOn: string | null;
  calendar: WorkCalendar;
}): number | null {
  if (args.due === null || args.repliedOn === null) return null;
  if (args.repliedOn <= args.due) return 0;
  // A reply on a holiday after the due date is still late: at least one day.
  return Math.max(1, countWorkingDays({ from: args.due, to: args.repliedOn, calendar: args.calendar }).count);
}

/** The reply letter's 文号: 〔2026〕12号, numbered per department and year. */
export function formatLetterNumber(year: number, seq: number): string {
  return `〔${String(year)}〕${String(seq)}号`;
}

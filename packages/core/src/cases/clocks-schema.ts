// The case page's clocks (规定时限) as the API shows them: each level's due date and the reply's.
import { z } from 'zod';
import { isoDateSchema } from '../shared/schema.ts';
import { CLOCK_STATUSES, LIGHTS, REPLY_COUNTINGS } from './clocks.ts';

const dueClockSchema = z.object({
  due: isoDateSchema,
  provisional: z.boolean(),
  status: z.enum(CLOCK_STATUSES),
  light: z.enum(LIGHTS).nullable(),
});

/** The case's clocks (规定时限): each level the current form reached, and the reply to the applicant. */
export const caseClocksSchema = z.object({
  levels: z.array(
    dueClockSchema.extend({
      level: z.number().int().min(2).max(4),
      enteredOn: isoDateSchema,
      decidedOn: isoDateSchema.nullable(),
    }),
  ),
  /** The reply's due date by the bureau's setting; null while it counts from a refusal not yet made. */
  reply: dueClockSchema.nullable(),
  replyCounting: z.enum(REPLY_COUNTINGS),
  replyWorkdays: z.number().int(),
  /** Working days from the day of receipt (not counted) to the reply, or to today while unanswered. */
  workdaysSinceReceipt: z.number().int(),
});
export type CaseClocks = z.infer<typeof caseClocksSchema>;

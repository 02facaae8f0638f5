// The bureau's own settings (局设置): the approval levels' time limits, how the reply to the applicant is
// counted, the follow-up period. Read by everyone signed in (the approval form prints them), set by the
// administrator.
import { z } from 'zod';
import { phoneText, versionSchema } from '../shared/schema.ts';
import { REPLY_COUNTINGS } from '../cases/clocks.ts';

const workdaysSchema = z.number().int().min(0).max(60);
const positiveWorkdaysSchema = z.number().int().min(1).max(60);

export const bureauSettingsSchema = z.object({
  /** Working days the department head (2), the leader in charge (3), the principal leader (4) each have. */
  levelWorkdays: z.object({ 2: workdaysSchema, 3: workdaysSchema, 4: workdaysSchema }),
  replyCounting: z.enum(REPLY_COUNTINGS),
  replyWorkdays: positiveWorkdaysSchema,
  followUpWorkdays: positiveWorkdaysSchema,
  /** The number the reply letter gives the applicant to call (联系电话); null until set. */
  contactPhone: z.string().nullable(),
  version: versionSchema,
  updatedAt: z.string().nullable(),
});
export type BureauSettings = z.infer<typeof bureauSettingsSchema>;

export const updateBureauSettingsBodySchema = z.strictObject({
  levelWorkdays: z.strictObject({ 2: workdaysSchema, 3: workdaysSchema, 4: workdaysSchema }),
  replyCounting: z.enum(REPLY_COUNTINGS),
  replyWorkdays: positiveWorkdaysSchema,
  followUpWorkdays: positiveWorkdaysSchema,
  /** Omitted: unchanged; null: cleared. */
  contactPhone: phoneText().nullable().optional(),
  version: versionSchema,
});
export type UpdateBureauSettingsBody = z.infer<typeof updateBureauSettingsBodySchema>;

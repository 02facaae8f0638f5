// Each department's matter list (事项清单, work plan 三(三)): the matters it handles, their type and, where
// the law sets one, the statutory time limit in working days that a registered case inherits.
import { z } from 'zod';
import { idSchema, lineText, longText, versionSchema } from '../shared/schema.ts';
import { MATTER_TYPES } from '../cases/vocabulary.ts';

const titleSchema = lineText().min(1).max(200);
/** Working days after the day of receipt; null when the matter has no statutory limit. */
const timeLimitSchema = z.number().int().min(1).max(365).nullable();
const remarksSchema = longText().max(1000).nullable();

export const matterSchema = z.object({
  id: idSchema,
  departmentId: idSchema,
  title: z.string(),
  matterType: z.enum(MATTER_TYPES),
  timeLimitWorkdays: z.number().int().nullable(),
  remarks: z.string().nullable(),
  active: z.boolean(),
  version: versionSchema,
  updatedAt: z.string(),
});
export type Matter = z.infer<typeof matterSchema>;

export const matterListSchema = z.object({
  items: z.array(matterSchema),
  /** Whether the person asking may add, edit and deactivate this department's matters. */
  canManage: z.boolean(),
});
export type MatterList = z.infer<typeof matterListSchema>;

export const matterListQuerySchema = z.strictObject({
  /** Include deactivated matters (for those who manage the list; others always get the active ones). */
  all: z.enum(['true', 'false']).optional(),
});

export const createMatterBodySchema = z.strictObject({
  title: titleSchema,
  matterType: z.enum(MATTER_TYPES),
  timeLimitWorkdays: timeLimitSchema.default(null),
  remarks: remarksSchema.default(null),
});
export type CreateMatterBody = z.input<typeof createMatterBodySchema>;

export const updateMatterBodySchema = z.strictObject({
  title: titleSchema.optional(),
  matterType: z.enum(MATTER_TYPES).optional(),
  timeLimitWorkdays: timeLimitSchema.optional(),
  remarks: remarksSchema.optional(),
  /** A deactivated matter can be taken back into the list. */
  active: z.literal(true).optional(),
  version: versionSchema,
});
export type UpdateMatterBody = z.input<typeof updateMatterBodySchema>;

export const deactivateMatterBodySchema = z.strictObject({ version: versionSchema });
export type DeactivateMatterBody = z.infer<typeof deactivateMatterBodySchema>;

// Cross-department matters (协作配合): each co-department records what it contributed.
import { z } from 'zod';
import { idSchema, longText, personRefSchema } from '../shared/schema.ts';

export const contributionBodySchema = z.strictObject({
  departmentId: idSchema,
  text: longText().min(1).max(5000),
});
export type ContributionBody = z.infer<typeof contributionBodySchema>;

export const contributionSchema = z.object({
  departmentId: idSchema,
  departmentName: z.string(),
  person: personRefSchema.nullable(),
  text: z.string(),
  at: z.string(),
});
export type Contribution = z.infer<typeof contributionSchema>;

export const contributionListSchema = z.object({
  items: z.array(contributionSchema),
  /** The co-departments this person may record a contribution for, now. */
  canRecordFor: z.array(idSchema),
});
export type ContributionList = z.infer<typeof contributionListSchema>;

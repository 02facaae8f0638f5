// The audit log as readers see it.
import { z } from 'zod';
import { idSchema, keysetPageOf, lineText } from '../shared/schema.ts';

export const auditEventSchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  type: z.string(),
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  actorAddress: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** Personal data masked as on the case page (138****0005). Events of cases the reader may not see
   * are not listed at all. */
  payload: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof auditEventSchema>;
export const auditListSchema = keysetPageOf(auditEventSchema);
export type AuditList = z.infer<typeof auditListSchema>;
export const auditQuerySchema = z.strictObject({
  type: lineText().max(60).optional(),
  actorId: idSchema.optional(),
  /** The `nextCursor` of the page before: the id the page starts below. */
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/)
    .optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

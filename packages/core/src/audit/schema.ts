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
  /** What the subject is called: a case's number, a person's, department's, unit's name, a matter's title
   * (null when it no longer exists or has no name). */
  subjectName: z.string().nullable(),
  /** The names of the people, cases, departments, units and matters the payload names by id. */
  names: z.record(z.string(), z.string()),
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

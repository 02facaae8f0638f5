// Responsibility chains (work plan Attachment 3): the four positions per department, with effective dates.
import { z } from 'zod';
import { importProblemSchema } from '../shared/import-problems.ts';
import { idSchema, isoDateSchema, personRefSchema } from '../shared/schema.ts';
import { chainPositionSchema } from '../auth/schema.ts';

export const chainSchema = z.object({
  departmentId: idSchema,
  departmentName: z.string(),
  unitId: idSchema,
  unitName: z.string(),
  firstResponders: z.array(personRefSchema),
  deptHead: personRefSchema.nullable(),
  leaderInCharge: personRefSchema.nullable(),
  principalLeader: personRefSchema.nullable(),
  /** The latest date on which this department's chain changed, if ever. */
  changedOn: isoDateSchema.nullable(),
});
export type Chain = z.infer<typeof chainSchema>;

export const rosterSchema = z.object({ date: isoDateSchema, chains: z.array(chainSchema) });
export type Roster = z.infer<typeof rosterSchema>;

export const rosterQuerySchema = z.strictObject({ date: isoDateSchema.optional() });

export const setChainBodySchema = z.strictObject({
  effectiveFrom: isoDateSchema,
  firstResponderIds: z.array(idSchema).min(1).max(50),
  deptHeadId: idSchema,
  leaderInChargeId: idSchema,
  principalLeaderId: idSchema,
});
export type SetChainBody = z.infer<typeof setChainBodySchema>;

export const chainAssignmentSchema = z.object({
  id: idSchema,
  position: chainPositionSchema,
  person: personRefSchema,
  effectiveFrom: isoDateSchema,
  effectiveTo: isoDateSchema.nullable(),
});
export const chainHistorySchema = z.object({
  departmentId: idSchema,
  assignments: z.array(chainAssignmentSchema),
});
export type ChainHistory = z.infer<typeof chainHistorySchema>;

export const rosterImportResultSchema = z.object({
  departments: z.number().int(),
  effectiveFrom: isoDateSchema,
});
export type RosterImportResult = z.infer<typeof rosterImportResultSchema>;

/** Row-by-row problems in an uploaded roster, returned in error.details.rows. */
export const rosterRowErrorSchema = z.object({
  row: z.number().int(),
  /** The problems in the request's language; `problems` are the codes the web app words itself. */
  message: z.string(),
  problems: z.array(importProblemSchema),
});
export type RosterRowError = z.infer<typeof rosterRowErrorSchema>;

// The approval form's rounds (审批轮次) and their decisions, and the follow-up duties (跟踪问效) of the
// ways found, as the case page and the follow-up list show them.
import { z } from 'zod';
import { idSchema, isoDateSchema, personRefSchema } from '../shared/schema.ts';
import { CASE_STATES, FOLLOW_UP_OUTCOMES, REFUSAL_REASONS } from './states.ts';

export const caseDecisionSchema = z.object({
  level: z.number().int().min(2).max(4),
  decision: z.enum(['resolvable', 'escalate', 'refuse']),
  opinion: z.string(),
  person: personRefSchema,
  actingFor: personRefSchema.nullable(),
  byProposer: z.boolean(),
  decidedAt: z.string(),
});

/** A follow-up duty (跟踪问效): assigned with a 能办, due on a date, recorded with its outcome. */
export const caseFollowUpSchema = z.object({
  person: personRefSchema,
  /** The round of the approval form whose way it checks. */
  round: z.number().int(),
  /** The level whose 能办 it checks; null when a consultation found the way (or a check from before). */
  level: z.number().int().min(2).max(4).nullable(),
  assignedAt: z.string(),
  /** Null for a check recorded before duties had dates. */
  dueOn: isoDateSchema.nullable(),
  /** Null while open (and for a check recorded before outcomes). */
  outcome: z.enum(FOLLOW_UP_OUTCOMES).nullable(),
  /** Closed without a check: a later round replaced the way it was to check. */
  superseded: z.boolean(),
  note: z.string().nullable(),
  recordedAt: z.string().nullable(),
  overdue: z.boolean(),
});

/** One pass of the approval form (审批轮次), its decisions, and what was tried before it. */
export const caseRoundSchema = z.object({
  round: z.number().int().min(1),
  /** proposal: the first responder proposed a refusal; reopened: the way failed and they opened it again;
   * followUpFailed: a follow-up found the way not carried out and the form went back to its level. */
  kind: z.enum(['proposal', 'reopened', 'followUpFailed']),
  openedBy: personRefSchema,
  openedAt: z.string(),
  startLevel: z.number().int().min(2).max(4),
  tried: z.string().nullable(),
  refusalReason: z.enum(REFUSAL_REASONS).nullable(),
  refusalReasonText: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  decisions: z.array(caseDecisionSchema),
});
export type CaseRound = z.infer<typeof caseRoundSchema>;

/** A follow-up waiting on the person asking, for their "跟踪问效" list. */
export const followUpDueSchema = z.object({
  caseId: idSchema,
  number: z.string(),
  matterTitle: z.string(),
  state: z.enum(CASE_STATES),
  round: z.number().int(),
  level: z.number().int().min(2).max(4).nullable(),
  assignedAt: z.string(),
  dueOn: isoDateSchema.nullable(),
  overdue: z.boolean(),
});
export const followUpDueListSchema = z.object({ items: z.array(followUpDueSchema) });
export type FollowUpDue = z.infer<typeof followUpDueSchema>;

// The oversight counts of the home page (督查室, 纪检, 主要领导): cases waiting past a level's limit or past
// the reply's, and the open, overdue and refused cases, for the bureau and by department. Each count is
// what the case list shows with the matching filters, so a number links to exactly those cases.
import { z } from 'zod';
import { idSchema, isoDateSchema } from '../shared/schema.ts';

/** Where an overdue case waits: an approval level past its limit, or a final refusal's reply past due. */
export const OVERDUE_STAGES = ['deptHead', 'leaderInCharge', 'principalLeader', 'reply'] as const;
export type OverdueStage = (typeof OVERDUE_STAGES)[number];

/** The state a stage's cases are in (the case list's `state` filter, with `overdue=true`). */
export const STATE_OF_OVERDUE_STAGE = {
  deptHead: 'atDeptHead',
  leaderInCharge: 'atLeaderInCharge',
  principalLeader: 'atPrincipalLeader',
  reply: 'refused',
} as const;

const count = z.number().int().min(0);
const stageCountsSchema = z.object({
  deptHead: count,
  leaderInCharge: count,
  principalLeader: count,
  reply: count,
});
export type OverdueStageCounts = z.infer<typeof stageCountsSchema>;

const measuresSchema = z.object({
  /** Overdue at each stage. */
  overdueAt: stageCountsSchema,
  /** Every overdue case: the stages, and open cases past their matter's time limit (the list's `overdue`). */
  overdue: count,
  /** Not closed (the list's `open`). */
  open: count,
  /** Refusals the principal leader confirmed, answered or not (the list's `refused`). */
  refused: count,
});

export const caseOverviewSchema = measuresSchema.extend({
  /** The China date the counts are for. */
  asOf: isoDateSchema,
  /** The departments with any count, by unit and name. */
  departments: z.array(
    measuresSchema.extend({ departmentId: idSchema, departmentName: z.string(), unitName: z.string() }),
  ),
});
export type CaseOverview = z.infer<typeof caseOverviewSchema>;

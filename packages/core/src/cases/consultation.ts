// Cross-department matters (work plan 四(一)): who leads a matter with no competent department, who may
// convene the consultation (会商) when coordination fails, and who may invite to it. Pure; decision 0007.
import type { ChainHolders, WorkflowCase } from './rules.ts';

/**
 * The lead department of a new case. A matter with no competent department (没有明确主管部门) is led by
 * the first-inquiry department: the first responder's own. Otherwise the department chosen (default the
 * first responder's). Answers null when the choice breaks that rule.
 */
export function leadDepartmentOf(args: {
  noCompetentDepartment: boolean;
  chosenDepartmentId: string | undefined;
  firstResponderDepartmentId: string;
}): string | null {
  const chosen = args.chosenDepartmentId ?? args.firstResponderDepartmentId;
  if (args.noCompetentDepartment && chosen !== args.firstResponderDepartmentId) return null;
  return chosen;
}

/** A department concerned by the matter, as the convener rule sees it: its chain and its unit. */
export interface ConcernedDepartment {
  unitId: string;
  holders: ChainHolders;
}

/**
 * Who may convene the consultation (会商召集人): "提请上级分管领导或共同主管领导会商研究，直至向市局主要领导
 * 提出". The leaders in charge (level 3) of the lead department and of every co-department (together they
 * are the 共同主管领导), and the principal leaders (level 4) of those chains; when the departments concerned
 * belong to more than one unit, also the city bureau's principal leader (the matter is across units).
 * Deputies acting for those leaders may convene as them.
 */
export function consultationConvenersOf(args: {
  lead: ConcernedDepartment;
  coDepartments: readonly ConcernedDepartment[];
  bureauPrincipalLeaderIds: readonly string[];
}): string[] {
  const all = [args.lead, ...args.coDepartments];
  const leaders = all.flatMap((d) => [...d.holders.levels[3], ...d.holders.levels[4]].map((h) => h.personId));
  const acrossUnits = new Set(all.map((d) => d.unitId)).size > 1;
  return [...new Set([...leaders, ...(acrossUnits ? args.bureauPrincipalLeaderIds : [])])];
}

/** The convener invites participants while the consultation waits for its meeting; nobody else does. */
export function mayInviteToConsultation(
  c: Pick<WorkflowCase, 'state' | 'convenerId'>,
  personId: string,
): boolean {
  return c.state === 'inConsultation' && c.convenerId === personId;
}

/**
 * The lead department's first responder of the case or its department head (or a deputy acting as head)
 * changes the co-departments, while the case is not closed.
 */
export function mayChangeCoDepartments(
  c: Pick<WorkflowCase, 'state' | 'firstResponderId'>,
  personId: string,
  holders: ChainHolders,
): boolean {
  if (c.state === 'closed') return false;
  return c.firstResponderId === personId || holders.levels[2].some((h) => h.personId === personId);
}

// The case-level access resolver: given who is asking (the Subject the guard resolved) and a case, what
// they may do with it. The decisions are core's pure policy (`canReadCase`, `casePermissionsOf` in
// core/access); this file loads the facts they need and turns a refusal into the answer: NOT_FOUND when the
// case is not the person's to read (an outsider learns nothing), CASE_NOT_AT_YOUR_LEVEL when they read it but
// may not do this. Lists apply the same policy as an SQL scope (`caseScopeOf` → case-repository's `visible`).
//
// Reach: your own cases; your department's; the departments whose chain names you (a leader in charge sees
// those in their charge, a unit's principal leader every department of the unit); deputies see what the
// person they act for sees; the supervision office and discipline inspection see all.
import {
  AppError,
  availableActions,
  canReadCase,
  caseScopeOf,
  casePermissionsOf,
  consultationConvenersOf,
  ownPositions,
  type CasePermission,
  type CaseState,
  type CaseScope,
  type ChainHolders,
  type Subject,
  type WorkflowCase,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { todayOf } from '../../platform/context.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { assignmentsOn, bureauPrincipalLeadersOn } from '../chains/index.ts';
import { departmentsWithUnit } from '../org/index.ts';
import { consultationPersonIdsOf } from './consultation-repository.ts';
import { actingDeputiesOn, allDecisionsOf, coDepartmentIdsOf, findCaseRow } from './case-repository.ts';
import { handoversOf, openFollowUpOf } from './case-facts-repository.ts';
import type { TodoScope } from './case-list-repository.ts';
import type { LoadedCase } from './case-repository.ts';
import { toWorkflowCase } from './case-mapper.ts';

/** Who is asking about cases: the person as the access policy sees them. */
export type CaseViewer = Subject;

export interface ViewerScopes {
  scope: CaseScope;
  todo: TodoScope;
  homeDepartmentIds: string[];
}

/** The SQL scopes of the case lists: what the person reads, and what waits on them. */
export function scopesOf(viewer: CaseViewer): ViewerScopes {
  const at = (position: string) => [
    ...new Set(viewer.positions.filter((p) => p.position === position).map((p) => p.departmentId)),
  ];
  return {
    scope: caseScopeOf(viewer),
    todo: {
      personId: viewer.personId,
      levelDepartments: { 2: at('deptHead'), 3: at('leaderInCharge'), 4: at('principalLeader') },
      coDepartmentIds: [
        ...new Set(
          ownPositions(viewer)
            .filter((p) => p.position === 'firstResponder' || p.position === 'deptHead')
            .map((p) => p.departmentId),
        ),
      ],
    },
    homeDepartmentIds: [
      ...new Set([...viewer.homeDepartmentIds, ...at('firstResponder'), ...at('deptHead')]),
    ],
  };
}

/** What the workflow lets this person do on the case now, for `casePermissionsOf`. */
export function caseWorkOf(
  wf: WorkflowCase,
  holders: ChainHolders,
  viewer: CaseViewer,
  coDepartmentIds: readonly string[],
) {
  return {
    hasOpenAction: availableActions(wf, viewer.personId, holders).length > 0,
    workedOn:
      wf.firstResponderId === viewer.personId || wf.decisions.some((d) => d.personId === viewer.personId),
    contributesFor: contributesFor(viewer, coDepartmentIds),
  };
}

/** The co-departments a person speaks for on a cross-department case: where they are a first responder
 * or the head today (协作配合). */
export function contributesFor(viewer: CaseViewer, coDepartmentIds: readonly string[]): string[] {
  return coDepartmentIds.filter((id) =>
    ownPositions(viewer).some(
      (p) => p.departmentId === id && (p.position === 'firstResponder' || p.position === 'deptHead'),
    ),
  );
}

/** Permissions that reading the case is enough for: no need to ask the workflow. */
const READING: readonly CasePermission[] = ['case.read', 'case.documents', 'case.act'];

export interface CaseAccess {
  caseId: string;
  state: CaseState;
  departmentId: string;
  coDepartmentIds: string[];
  permissions: Record<CasePermission, boolean>;
  /** The rows the check read, for a page built in the same request not to read them again. */
  loaded: LoadedCase;
}

/**
 * The one access check on a case. Returns what was checked, or throws: NOT_FOUND unless the person reads
 * the case, CASE_NOT_AT_YOUR_LEVEL when they read it but lack `permission`.
 */
export async function requireCase(
  ctx: AppContext,
  viewer: CaseViewer,
  caseId: string,
  permission: CasePermission,
  /** `all`: work out every permission (for an ability map), not only what `permission` needs. */
  options: { all?: boolean } = {},
): Promise<CaseAccess> {
  const db = ctx.database.db;
  const row = await findCaseRow(db, caseId);
  if (!row) throw new AppError('NOT_FOUND');
  const [coDepartmentIds, allDecisions, consultationPersonIds] = await Promise.all([
    coDepartmentIdsOf(db, caseId),
    allDecisionsOf(db, row),
    consultationPersonIdsOf(db, caseId),
  ]);
  const readable = canReadCase(caseScopeOf(viewer), {
    departmentId: row.department_id,
    coDepartmentIds,
    firstResponderId: row.first_responder_id,
    registeredBy: row.registered_by,
    deciderIds: allDecisions.map((d) => d.person_id),
    consultationPersonIds,
  });
  if (!readable) throw new AppError('NOT_FOUND');
  const noWork = { hasOpenAction: false, workedOn: false, contributesFor: [] };
  let permissions = casePermissionsOf(true, noWork);
  if (options.all || !READING.includes(permission)) {
    const [handovers, holders, openFollowUp] = await Promise.all([
      handoversOf(db, caseId),
      holdersFor(db, row.department_id, todayOf(ctx)),
      openFollowUpOf(db, caseId),
    ]);
    const wf = toWorkflowCase({ row, allDecisions, openFollowUp, handovers });
    permissions = casePermissionsOf(true, caseWorkOf(wf, holders, viewer, coDepartmentIds));
  }
  if (!permissions[permission]) throw new AppError('CASE_NOT_AT_YOUR_LEVEL');
  return {
    caseId,
    state: row.state,
    departmentId: row.department_id,
    coDepartmentIds,
    permissions,
    loaded: { row, coDepartmentIds, allDecisions },
  };
}

/** Who holds each level of the department's chain on `date`, with the deputies acting for them. */
export async function holdersFor(db: Db | Trx, departmentId: string, date: string): Promise<ChainHolders> {
  const assignments = await assignmentsOn(db, { date, departmentId });
  const deputies = await actingDeputiesOn(db, {
    date,
    forPersonIds: assignments.filter((a) => a.position !== 'firstResponder').map((a) => a.personId),
  });
  const level = (position: string) =>
    assignments
      .filter((a) => a.position === position)
      .flatMap((a) => [
        { personId: a.personId, actingFor: null },
        ...deputies
          .filter((d) => d.forPersonId === a.personId)
          .map((d) => ({ personId: d.deputyId, actingFor: a.personId })),
      ]);
  return {
    firstResponders: assignments.filter((a) => a.position === 'firstResponder').map((a) => a.personId),
    levels: { 2: level('deptHead'), 3: level('leaderInCharge'), 4: level('principalLeader') },
  };
}

/**
 * Who may convene a consultation on a case today (core `consultationConvenersOf`): the leaders of the lead
 * department's chain and of every co-department's, and the city bureau's principal leader across units.
 */
export async function convenersFor(
  db: Db | Trx,
  args: { departmentId: string; coDepartmentIds: readonly string[]; date: string },
): Promise<string[]> {
  const ids = [args.departmentId, ...args.coDepartmentIds];
  const [departments, bureauPrincipalLeaderIds, ...chains] = await Promise.all([
    departmentsWithUnit(db, ids),
    bureauPrincipalLeadersOn(db, args.date),
    ...ids.map((id) => holdersFor(db, id, args.date)),
  ]);
  const unitOf = new Map(departments.map((d) => [d.id, d.unitId]));
  const concerned = ids.map((id, i) => ({ unitId: unitOf.get(id) ?? '', holders: chains[i]! }));
  const [lead, ...coDepartments] = concerned;
  return consultationConvenersOf({ lead: lead!, coDepartments, bureauPrincipalLeaderIds });
}

// The access policy as pure functions: given who is asking (their roles and the chain positions they hold
// today, their own and those of the people they deputise for) and the facts of an object, allowed or not.
// The server computes the subject and the facts; lists use `caseScopeOf` as an SQL scope, and the same
// `canReadCase` decides a single case, so a list never shows what the page would refuse.
import type { ChainPosition, Role } from '../shared/roles.ts';
import type { Abilities, CasePermission } from './permissions.ts';

export interface HeldPosition {
  departmentId: string;
  position: ChainPosition;
  /** Held as the deputy of this person (代理), or null for the person's own position. */
  actingFor: string | null;
}

/** Positions the person holds themselves: registering, keeping a matter list, speaking for a co-department. */
export function ownPositions(s: Pick<Subject, 'positions'>): HeldPosition[] {
  return s.positions.filter((p) => p.actingFor === null);
}

export interface Subject {
  personId: string;
  roles: readonly Role[];
  /** The person's own department(s). */
  homeDepartmentIds: readonly string[];
  /** Chain positions held today, the person's own and those of the people they act for. */
  positions: readonly HeldPosition[];
}

/** Roles that read every case: the supervision office and discipline inspection (work plan 四(三)). */
const READ_ALL_CASES: readonly Role[] = ['supervisionOffice', 'disciplineInspection'];
/** Roles that keep a ledger: the city office, and units' discipline inspection (decision 0017). */
const LEDGER_READERS: readonly Role[] = ['supervisionOffice', 'disciplineInspection'];
const AUDIT_READERS: readonly Role[] = ['admin', 'supervisionOffice', 'disciplineInspection'];

export function abilitiesOf(s: Pick<Subject, 'roles' | 'positions'>): Abilities {
  const has = (role: Role) => s.roles.includes(role);
  const holds = (position: ChainPosition) => ownPositions(s).some((p) => p.position === position);
  const admin = has('admin');
  return {
    'org.manage': admin,
    'people.manage': admin,
    'chains.manage': admin,
    'calendar.manage': admin,
    'roster.read': true,
    'audit.read': s.roles.some((r) => AUDIT_READERS.includes(r)),
    'case.register': holds('firstResponder'),
    'matters.manage': admin || holds('deptHead'),
    'settings.manage': admin,
    // A deputy's own appointment does not let them appoint another for the same holder.
    'deputies.appoint': admin || ownPositions(s).length > 0,
    'supervision.flags': has('supervisionOffice'),
    'overview.read': s.roles.some((r) => READ_ALL_CASES.includes(r)) || holds('principalLeader'),
    'ledger.read': s.roles.some((r) => LEDGER_READERS.includes(r)),
    'ledger.register': s.roles.some((r) => LEDGER_READERS.includes(r)),
    'ledger.orders': s.positions.some((p) => p.position === 'deptHead'),
    'ledger.referrals': has('disciplineInspection'),
  };
}

/** Which cases a person reads, as data an SQL query can apply. */
export interface CaseScope {
  all: boolean;
  personId: string;
  /** Cases of these departments, as the handling department or a co-department. */
  departmentIds: readonly string[];
}

export function caseScopeOf(s: Subject): CaseScope {
  return {
    all: s.roles.some((r) => READ_ALL_CASES.includes(r)),
    personId: s.personId,
    departmentIds: [...new Set([...s.homeDepartmentIds, ...s.positions.map((p) => p.departmentId)])],
  };
}

/** The facts of a case that decide who reads it. */
export interface CaseReach {
  departmentId: string;
  coDepartmentIds: readonly string[];
  firstResponderId: string;
  registeredBy: string;
  /** Everyone who has decided on the case's approval form, in any round. */
  deciderIds: readonly string[];
  /**
   * Conveners of and people invited to the case's consultations (会商), in any round: they read the case
   * from their invitation on, as deciders do (decision 0007).
   */
  consultationPersonIds?: readonly string[];
}

export function canReadCase(scope: CaseScope, c: CaseReach): boolean {
  if (scope.all) return true;
  if (c.firstResponderId === scope.personId || c.registeredBy === scope.personId) return true;
  if (c.deciderIds.includes(scope.personId)) return true;
  if (c.consultationPersonIds?.includes(scope.personId)) return true;
  return [c.departmentId, ...c.coDepartmentIds].some((d) => scope.departmentIds.includes(d));
}

/** What the workflow says this person can do on the case right now (from the workflow rules). */
export interface CaseWork {
  /** Workflow actions or approval decisions open to the person now. */
  hasOpenAction: boolean;
  /** The person is the first responder, or decided on the form. */
  workedOn: boolean;
  /** Co-departments the person may speak for on this case. */
  contributesFor: readonly string[];
}

/** The permissions on one case, for a person who reads it (`canReadCase`); none for anyone else. */
export function casePermissionsOf(readable: boolean, work: CaseWork): Record<CasePermission, boolean> {
  const works = readable && (work.workedOn || work.hasOpenAction);
  return {
    'case.read': readable,
    'case.documents': readable,
    'case.act': readable,
    'case.upload': works,
    'case.revealPhone': works,
    'case.contribute': readable && work.contributesFor.length > 0,
  };
}

/** Administrators keep every department's matter list; a department head keeps their department's. */
export function canManageMatters(s: Pick<Subject, 'roles' | 'positions'>, departmentId: string): boolean {
  return (
    s.roles.includes('admin') ||
    ownPositions(s).some((p) => p.position === 'deptHead' && p.departmentId === departmentId)
  );
}

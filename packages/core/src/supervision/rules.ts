// The report workflow as pure functions: who may do what in which state, and what each action leads to.
// The invariants it exists for: no report in scope closes without a reply to the reporter, no supervision
// order closes without the office's verification, and the department ordered to act never learns who
// reported (the reveal is the handling office's and discipline inspection's alone).
import {
  PUBLIC_REPORT_STAGES,
  type OrderState,
  type PublicReportStage,
  type ReferralState,
  type ReportAction,
  type ReportOutcome,
  type ReportRole,
  type ReportState,
  type TriageDecision,
} from './states.ts';

export interface WorkflowOrder {
  id: string;
  departmentId: string;
  state: OrderState;
}

export interface WorkflowReferral {
  state: ReferralState;
}

export interface WorkflowReport {
  state: ReportState;
  outcome: ReportOutcome | null;
  triage: TriageDecision | null;
  orders: readonly WorkflowOrder[];
  referral: WorkflowReferral | null;
  linkedCaseIds: readonly string[];
  /** The office's answer to the reporter (the out-of-scope explanation or the reply), once given. */
  replied: boolean;
}

/** Who is acting: their roles on this report, and the departments they head (for answering orders). */
export interface ReportActor {
  roles: readonly ReportRole[];
  headOfDepartmentIds: readonly string[];
}

export type ReportActionInput =
  | { type: 'triage'; decision: 'inScope' }
  | { type: 'triage'; decision: 'outOfScope'; publicAnswer: string }
  | { type: 'linkCase'; caseId: string }
  | { type: 'unlinkCase'; caseId: string }
  | { type: 'addMaterial' }
  | { type: 'supervise'; orderId: string; departmentId: string }
  | { type: 'answerOrder'; orderId: string }
  | { type: 'verifyOrder'; orderId: string; accept: boolean }
  | { type: 'referToDiscipline' }
  | { type: 'recordFinding' }
  | { type: 'reply' }
  | { type: 'revealReporter' };

export type ReportWorkflowError =
  | 'ACTION_NOT_ALLOWED' // not possible in this state
  | 'NOT_YOURS_TO_ACT' // the person's roles on the report do not include this action
  | 'ORDER_NOT_FOUND' // no order of this report with that id
  | 'ORDER_NOT_OPEN' // answered only while open, verified only once answered
  | 'ALREADY_LINKED'
  | 'NOT_LINKED'
  | 'ORDER_ALREADY_OPEN' // one open order per department at a time
  | 'ANSWER_REQUIRED'; // out of scope needs the public answer

export type ReportWorkflowResult =
  { ok: true; next: WorkflowReport } | { ok: false; error: ReportWorkflowError };

/** Which actions a state admits at all. Exhaustive: a new state does not compile until it is placed here. */
export const REPORT_ACTIONS_BY_STATE: Record<ReportState, readonly ReportAction[]> = {
  received: ['triage', 'linkCase', 'unlinkCase', 'addMaterial', 'revealReporter'],
  inLedger: [
    'linkCase',
    'unlinkCase',
    'addMaterial',
    'supervise',
    'referToDiscipline',
    'reply',
    'revealReporter',
  ],
  supervising: [
    'linkCase',
    'unlinkCase',
    'addMaterial',
    'supervise',
    'answerOrder',
    'verifyOrder',
    'revealReporter',
  ],
  referred: ['linkCase', 'unlinkCase', 'addMaterial', 'recordFinding', 'revealReporter'],
  closed: ['revealReporter'],
};

/** Which roles on a report may take each action. Exhaustive over actions. */
export const REPORT_ACTORS: Record<ReportAction, readonly ReportRole[]> = {
  triage: ['handlingOffice'],
  linkCase: ['handlingOffice'],
  unlinkCase: ['handlingOffice'],
  addMaterial: ['handlingOffice'],
  supervise: ['handlingOffice'],
  answerOrder: ['orderedDeptHead'],
  verifyOrder: ['handlingOffice'],
  referToDiscipline: ['handlingOffice'],
  recordFinding: ['disciplineInspection'],
  reply: ['handlingOffice'],
  revealReporter: ['handlingOffice', 'disciplineInspection'],
};

/** Roles that read the report's full record (with the reporter, masked until revealed). */
export const FULL_RECORD_ROLES: readonly ReportRole[] = [
  'handlingOffice',
  'overseeingOffice',
  'disciplineInspection',
];

export function readsFullRecord(roles: readonly ReportRole[]): boolean {
  return roles.some((r) => FULL_RECORD_ROLES.includes(r));
}

/** Whether the person reads anything of the report at all (the department head only their order's view). */
export function readsReport(roles: readonly ReportRole[]): boolean {
  return roles.some((r) => r !== 'none');
}

type Handler = (r: WorkflowReport, input: ReportActionInput, actor: ReportActor) => ReportWorkflowResult;

const fail = (error: ReportWorkflowError): ReportWorkflowResult => ({ ok: false, error });
const done = (next: WorkflowReport): ReportWorkflowResult => ({ ok: true, next });

function stateAfterOrders(orders: readonly WorkflowOrder[]): ReportState {
  return orders.some((o) => o.state !== 'accepted') ? 'supervising' : 'inLedger';
}

/** What each action does, given it is allowed in the state and to the actor's role. Exhaustive. */
const HANDLERS: Record<ReportAction, Handler> = {
  triage(r, input) {
    if (input.type !== 'triage') return fail('ACTION_NOT_ALLOWED');
    if (input.decision === 'inScope') return done({ ...r, state: 'inLedger', triage: 'inScope' });
    if (input.publicAnswer.trim() === '') return fail('ANSWER_REQUIRED');
    return done({ ...r, state: 'closed', triage: 'outOfScope', outcome: 'explained', replied: true });
  },
  linkCase(r, input) {
    if (input.type !== 'linkCase') return fail('ACTION_NOT_ALLOWED');
    if (r.linkedCaseIds.includes(input.caseId)) return fail('ALREADY_LINKED');
    return done({ ...r, linkedCaseIds: [...r.linkedCaseIds, input.caseId] });
  },
  unlinkCase(r, input) {
    if (input.type !== 'unlinkCase') return fail('ACTION_NOT_ALLOWED');
    if (!r.linkedCaseIds.includes(input.caseId)) return fail('NOT_LINKED');
    return done({ ...r, linkedCaseIds: r.linkedCaseIds.filter((id) => id !== input.caseId) });
  },
  addMaterial(r, input) {
    if (input.type !== 'addMaterial') return fail('ACTION_NOT_ALLOWED');
    return done(r);
  },
  supervise(r, input) {
    if (input.type !== 'supervise') return fail('ACTION_NOT_ALLOWED');
    const pending = r.orders.some((o) => o.departmentId === input.departmentId && o.state !== 'accepted');
    if (pending) return fail('ORDER_ALREADY_OPEN');
    const orders = [
      ...r.orders,
      { id: input.orderId, departmentId: input.departmentId, state: 'open' as const },
    ];
    return done({ ...r, orders, state: 'supervising' });
  },
  answerOrder(r, input, actor) {
    if (input.type !== 'answerOrder') return fail('ACTION_NOT_ALLOWED');
    const order = r.orders.find((o) => o.id === input.orderId);
    if (!order) return fail('ORDER_NOT_FOUND');
    if (!actor.headOfDepartmentIds.includes(order.departmentId)) return fail('NOT_YOURS_TO_ACT');
    if (order.state !== 'open') return fail('ORDER_NOT_OPEN');
    const orders = r.orders.map((o) => (o.id === order.id ? { ...o, state: 'answered' as const } : o));
    return done({ ...r, orders });
  },
  verifyOrder(r, input) {
    if (input.type !== 'verifyOrder') return fail('ACTION_NOT_ALLOWED');
    const order = r.orders.find((o) => o.id === input.orderId);
    if (!order) return fail('ORDER_NOT_FOUND');
    if (order.state !== 'answered') return fail('ORDER_NOT_OPEN');
    const state: OrderState = input.accept ? 'accepted' : 'open';
    const orders = r.orders.map((o) => (o.id === order.id ? { ...o, state } : o));
    return done({ ...r, orders, state: stateAfterOrders(orders) });
  },
  referToDiscipline(r, input) {
    if (input.type !== 'referToDiscipline') return fail('ACTION_NOT_ALLOWED');
    return done({ ...r, state: 'referred', referral: { state: 'open' } });
  },
  recordFinding(r, input) {
    if (input.type !== 'recordFinding') return fail('ACTION_NOT_ALLOWED');
    if (!r.referral || r.referral.state !== 'open') return fail('ACTION_NOT_ALLOWED');
    return done({ ...r, state: stateAfterOrders(r.orders), referral: { state: 'found' } });
  },
  reply(r, input) {
    if (input.type !== 'reply') return fail('ACTION_NOT_ALLOWED');
    return done({ ...r, state: 'closed', outcome: 'replied', replied: true });
  },
  revealReporter(r, input) {
    if (input.type !== 'revealReporter') return fail('ACTION_NOT_ALLOWED');
    return done(r);
  },
};

function mayTake(actor: ReportActor, action: ReportAction): boolean {
  return actor.roles.some((role) => REPORT_ACTORS[action].includes(role));
}

/** The one entry point: the report after `input` by `actor`, or why not. */
export function applyReportAction(
  r: WorkflowReport,
  input: ReportActionInput,
  actor: ReportActor,
): ReportWorkflowResult {
  if (!REPORT_ACTIONS_BY_STATE[r.state].includes(input.type)) return fail('ACTION_NOT_ALLOWED');
  if (!mayTake(actor, input.type)) return fail('NOT_YOURS_TO_ACT');
  return HANDLERS[input.type](r, input, actor);
}

/** The actions open to the actor on the report now (the report page's buttons). */
export function availableReportActions(r: WorkflowReport, actor: ReportActor): ReportAction[] {
  return REPORT_ACTIONS_BY_STATE[r.state].filter((action) => {
    if (!mayTake(actor, action)) return false;
    if (action === 'answerOrder') {
      return r.orders.some((o) => o.state === 'open' && actor.headOfDepartmentIds.includes(o.departmentId));
    }
    if (action === 'verifyOrder') return r.orders.some((o) => o.state === 'answered');
    if (action === 'recordFinding') return r.referral?.state === 'open';
    return true;
  });
}

/** Facts the server knows of a report and a person, to decide the person's roles on it. */
export interface ReportReachFacts {
  /** The report is about the city bureau itself (its departments), not one of its units. */
  aboutBureau: boolean;
  /** The unit the report is about (the bureau's own id when `aboutBureau`). */
  unitId: string;
  /** Departments the report's supervision orders are addressed to (any state). */
  orderDepartmentIds: readonly string[];
  /** The report was referred to discipline inspection. */
  referred: boolean;
}

/** What the server knows of the person asking. */
export interface LedgerSubject {
  isSupervisionOffice: boolean;
  /** Units in which the person is discipline inspection (their home unit when they hold the role). */
  disciplineUnitIds: readonly string[];
  /** Departments the person heads today (own or as a deputy). */
  headOfDepartmentIds: readonly string[];
}

/**
 * Who receives: reports about the city bureau's departments go to its supervision office; reports about a
 * unit to that unit's discipline inspection, the city office overseeing. A referral goes to discipline
 * inspection of the report's unit (decision 0017).
 */
export function reportRolesOf(s: LedgerSubject, f: ReportReachFacts): ReportRole[] {
  const roles: ReportRole[] = [];
  const unitDiscipline = s.disciplineUnitIds.includes(f.unitId);
  if (f.aboutBureau ? s.isSupervisionOffice : unitDiscipline) roles.push('handlingOffice');
  if (!f.aboutBureau && s.isSupervisionOffice) roles.push('overseeingOffice');
  if (f.orderDepartmentIds.some((d) => s.headOfDepartmentIds.includes(d))) roles.push('orderedDeptHead');
  if (f.referred && unitDiscipline) roles.push('disciplineInspection');
  return roles.length > 0 ? roles : ['none'];
}

/** The status page's words for a report's state: nothing about who holds it. */
export function publicReportStageOf(state: ReportState, outcome: ReportOutcome | null): PublicReportStage {
  const STAGES: Record<ReportState, PublicReportStage> = {
    received: 'received',
    inLedger: 'inProgress',
    supervising: 'inProgress',
    referred: 'inProgress',
    closed: outcome === 'replied' ? 'answered' : 'closed',
  };
  const stage = STAGES[state];
  return PUBLIC_REPORT_STAGES.includes(stage) ? stage : 'inProgress';
}

/** A new report as the workflow sees it. */
export function newWorkflowReport(): WorkflowReport {
  return {
    state: 'received',
    outcome: null,
    triage: null,
    orders: [],
    referral: null,
    linkedCaseIds: [],
    replied: false,
  };
}

/**
 * The reporter's name as the ledger shows it before a reveal (and always in the XLSX): the first character
 * and a mask (张**), or 匿名 for an anonymous report.
 */
export function maskReporterName(name: string | null): string {
  if (name === null || name.trim() === '') return '匿名';
  const chars = [...name.trim()];
  return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 4)));
}

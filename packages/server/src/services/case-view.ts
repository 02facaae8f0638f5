// How a case is presented: the list row, and the case page with its approval form, timeline and the
// actions the person asking may take now. Read-only; every change goes through case-service.ts.
import {
  AppError,
  LEVEL_OF_STATE,
  availableActions,
  availableDecisions,
  type CaseDetail,
  type CaseSummary,
  type PersonRef,
  type WorkflowCase,
} from '@bancheng/core';
import { clockOf, todayOf, type AppContext } from '../context.ts';
import type { Db, Trx } from '../db/database.ts';
import type { CaseDecisionRow, CaseRow } from '../db/schema.ts';
import {
  caseEvents,
  coDepartmentIdsOf,
  decisionsOf,
  findCaseRow,
  isCaseVisible,
  OPEN_CASE_STATES,
} from '../repositories/case-repository.ts';
import { departmentsWithUnit, type DepartmentWithUnit } from '../repositories/org-repository.ts';
import { peopleRefsByIds } from '../repositories/people-repository.ts';
import { holdersFor, scopesFor, type CaseViewer } from './case-access.ts';
import { maskPhone } from './people-service.ts';
import { todayInChina } from '../lib/ids.ts';

interface Lookups {
  departments: Map<string, DepartmentWithUnit>;
  people: Map<string, PersonRef>;
}

export async function lookupsFor(
  db: Db | Trx,
  rows: CaseRow[],
  extraPeople: string[] = [],
  extraDepartments: string[] = [],
): Promise<Lookups> {
  const departments = await departmentsWithUnit(db, [
    ...new Set([...rows.map((r) => r.department_id), ...extraDepartments]),
  ]);
  const people = await peopleRefsByIds(db, [
    ...new Set([
      ...rows.flatMap((r) => [r.first_responder_id, r.proposer_id ?? '']).filter(Boolean),
      ...extraPeople,
    ]),
  ]);
  return {
    departments: new Map(departments.map((d) => [d.id, d])),
    people: new Map(
      people.map((p) => [p.id, { id: p.id, username: p.username, displayName: p.displayName }]),
    ),
  };
}

const UNKNOWN: PersonRef = { id: '', username: '', displayName: '' };

export function toSummary(r: CaseRow, l: Lookups, today: string): CaseSummary {
  const dept = l.departments.get(r.department_id);
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    outcome: r.outcome,
    applicantName: r.applicant_name,
    applicantPhone: maskPhone(r.applicant_phone),
    matterType: r.matter_type,
    matterTitle: r.matter_title,
    channel: r.channel,
    receivedAt: r.received_at,
    departmentId: r.department_id,
    departmentName: dept?.name ?? '',
    unitName: dept?.unitName ?? '',
    firstResponder: l.people.get(r.first_responder_id) ?? UNKNOWN,
    currentLevel: LEVEL_OF_STATE[r.state] ?? null,
    dueDate: r.reply_deadline ?? r.due_date,
    dueProvisional: r.reply_deadline !== null ? r.reply_deadline_provisional === 1 : r.due_provisional === 1,
    overdue:
      (r.state === 'refused' && r.reply_deadline !== null && r.reply_deadline < today) ||
      (OPEN_CASE_STATES.includes(r.state) && r.due_date !== null && r.due_date < today),
    updatedAt: r.updated_at,
  };
}

export function toWorkflowCase(
  r: CaseRow,
  decisions: CaseDecisionRow[],
  allDecisions: CaseDecisionRow[],
): WorkflowCase {
  return {
    state: r.state,
    outcome: r.outcome,
    firstResponderId: r.first_responder_id,
    proposerId: r.proposer_id,
    decisions: decisions.map((d) => ({
      level: d.level,
      decision: d.decision,
      personId: d.person_id,
      actingFor: d.acting_for,
      byProposer: d.by_proposer === 1,
    })),
    followUpBy: [...new Set(allDecisions.filter((d) => d.decision === 'resolvable').map((d) => d.person_id))],
    crossDepartment: r.cross_department === 1,
  };
}

export async function allDecisionsOf(db: Db | Trx, r: CaseRow): Promise<CaseDecisionRow[]> {
  const rounds = await Promise.all(
    Array.from({ length: r.form_round }, (_, i) => decisionsOf(db, r.id, i + 1)),
  );
  return rounds.flat();
}

export async function getCaseDetail(ctx: AppContext, viewer: CaseViewer, id: string): Promise<CaseDetail> {
  const db = ctx.database.db;
  const scopes = await scopesFor(db, viewer, todayOf(ctx));
  if (!(await isCaseVisible(db, id, scopes.scope))) throw new AppError('NOT_FOUND');
  const r = await findCaseRow(db, id);
  if (!r) throw new AppError('NOT_FOUND');
  return buildDetail(ctx, db, viewer, r);
}

export async function buildDetail(
  ctx: AppContext,
  db: Db | Trx,
  viewer: CaseViewer,
  r: CaseRow,
): Promise<CaseDetail> {
  const [decisions, allDecisions, coDepartmentIds, holders, events] = await Promise.all([
    decisionsOf(db, r.id, r.form_round),
    allDecisionsOf(db, r),
    coDepartmentIdsOf(db, r.id),
    holdersFor(db, r.department_id, todayOf(ctx)),
    caseEvents(db, r.id),
  ]);
  const chainPeople = [
    ...holders.firstResponders,
    ...([2, 3, 4] as const).flatMap((l) => holders.levels[l].map((h) => h.personId)),
  ];
  const lookups = await lookupsFor(
    db,
    [r],
    [...decisions.flatMap((d) => [d.person_id, d.acting_for ?? '']).filter(Boolean), ...chainPeople],
    coDepartmentIds,
  );
  const wf = toWorkflowCase(r, decisions, allDecisions);
  const person = (id: string | null) => (id ? (lookups.people.get(id) ?? UNKNOWN) : null);
  const firstHolder = (level: 2 | 3 | 4) =>
    person(holders.levels[level].find((h) => h.actingFor === null)?.personId ?? null);
  const worksOnCase =
    r.first_responder_id === viewer.personId ||
    wf.decisions.some((d) => d.personId === viewer.personId) ||
    availableActions(wf, viewer.personId, holders).length > 0;
  return {
    ...toSummary(r, lookups, todayInChina(clockOf(ctx))),
    applicantKind: r.applicant_kind,
    applicantCreditCode: r.applicant_credit_code,
    applicantAddress: r.applicant_address,
    description: r.description,
    crossDepartment: r.cross_department === 1,
    coDepartments: coDepartmentIds.map((id) => ({
      departmentId: id,
      departmentName: lookups.departments.get(id)?.name ?? '',
    })),
    refusalReason: r.refusal_reason,
    refusalReasonText: r.refusal_reason_text,
    proposer: person(r.proposer_id),
    decisions: decisions.map((d) => ({
      level: d.level,
      decision: d.decision,
      opinion: d.opinion,
      person: person(d.person_id) ?? UNKNOWN,
      actingFor: person(d.acting_for),
      byProposer: d.by_proposer === 1,
      decidedAt: d.decided_at,
    })),
    workableSuggestion: r.workable_suggestion,
    chain: {
      firstResponders: holders.firstResponders.map((id) => person(id) ?? UNKNOWN),
      deptHead: firstHolder(2),
      leaderInCharge: firstHolder(3),
      principalLeader: firstHolder(4),
    },
    timeline: events.map((e) => ({
      at: e.occurred_at,
      type: e.type,
      actor: e.person_id
        ? { id: e.person_id, username: e.username ?? '', displayName: e.display_name ?? '' }
        : null,
      payload: maskPhonesIn(JSON.parse(e.payload) as Record<string, unknown>),
    })),
    version: r.version,
    abilities: {
      actions: availableActions(wf, viewer.personId, holders),
      decisions: availableDecisions(wf, viewer.personId, holders),
      revealPhone: worksOnCase,
    },
  };
}

/** The audit log keeps the number called for a phone reply; the case page shows it masked like any other. */
function maskPhonesIn(payload: Record<string, unknown>): Record<string, unknown> {
  const action = payload['action'];
  if (action && typeof action === 'object' && 'phoneNumber' in action) {
    const number = (action as { phoneNumber: unknown }).phoneNumber;
    return {
      ...payload,
      action: { ...action, phoneNumber: typeof number === 'string' ? maskPhone(number) : number },
    };
  }
  return payload;
}

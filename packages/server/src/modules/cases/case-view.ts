// How a case is presented: the list row, and the case page with its approval form, timeline and the
// actions the person asking may take now. Read-only; every change goes through case-service.ts.
import {
  AppError,
  availableActions,
  availableDecisions,
  casePermissionsOf,
  caseTimelineEntrySchema,
  eligibleConveners,
  isOriginator,
  mayChangeCoDepartments,
  mayInviteToConsultation,
  vacantLevelOf,
  type CaseDetail,
  type CaseFacts,
  type CaseTimelineEntry,
  type PersonRef,
} from '@bancheng/core';
import { todayOf, type AppContext } from '../../platform/context.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { caseFactRows, peopleInFacts, type CaseFactRows } from './case-facts-repository.ts';
import {
  caseEvents,
  coDepartmentIdsOf,
  allDecisionsOf,
  findCaseRow,
  roundsOf,
  type LoadedCase,
} from './case-repository.ts';
import { departmentsWithUnit } from '../org/index.ts';
import { peopleRefsByIds } from '../people/index.ts';
import {
  UNKNOWN,
  currentDecisions,
  toDecision,
  toRounds,
  toSummary,
  toWorkflowCase,
  type Lookups,
} from './case-mapper.ts';
import { caseWorkOf, convenersFor, holdersFor, requireCase, type CaseViewer } from './case-access.ts';
import { maskMobilesInText, maskPersonalData, maskPhone } from '../../platform/personal-data.ts';
import { caseClocksOf, type ClockContext } from './case-clocks-mapper.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { getClockSettings } from '../settings/index.ts';

export async function lookupsFor(
  db: Db | Trx,
  rows: readonly { department_id: string; first_responder_id: string; proposer_id: string | null }[],
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

const NO_FACTS: CaseFactRows = {
  handovers: [],
  replies: [],
  feedback: [],
  consultations: [],
  followUps: [],
  notices: [],
  consultationPeople: [],
};

/** The calendar, the bureau's time limits and today: what every clock of a request is read against. */
export async function clockContextOf(ctx: AppContext): Promise<ClockContext> {
  const [calendar, settings] = await Promise.all([getWorkCalendar(ctx), getClockSettings(ctx)]);
  return { calendar, settings, today: todayOf(ctx) };
}

export async function getCaseDetail(ctx: AppContext, viewer: CaseViewer, id: string): Promise<CaseDetail> {
  const db = ctx.database.db;
  const access = await requireCase(ctx, viewer, id, 'case.read');
  return buildDetail(ctx, db, viewer, id, access.loaded);
}

/** The case page. `loaded`: the rows an access check of the same request read already. */
export async function buildDetail(
  ctx: AppContext,
  db: Db | Trx,
  viewer: CaseViewer,
  id: string,
  loaded?: LoadedCase,
  /** The clocks' calendar and settings, read beforehand when `db` is a transaction (they are read through
   * the application's handle, which a transaction may not use). */
  clockContext?: ClockContext,
): Promise<CaseDetail> {
  const r = loaded?.row ?? (await findCaseRow(db, id));
  if (!r) throw new AppError('NOT_FOUND');
  const [allDecisions, coDepartmentIds, chainHolders, events, facts, cc, roundRows] = await Promise.all([
    loaded?.allDecisions ?? allDecisionsOf(db, r),
    loaded?.coDepartmentIds ?? coDepartmentIdsOf(db, r.id),
    loaded?.holders ?? holdersFor(db, r.department_id, todayOf(ctx)),
    caseEvents(db, r.id),
    loaded?.noFactsYet ? Promise.resolve(NO_FACTS) : caseFactRows(db, r.id),
    clockContext ?? clockContextOf(ctx),
    loaded?.noFactsYet ? Promise.resolve([]) : roundsOf(db, r.id),
  ]);
  const decisions = currentDecisions(r, allDecisions);
  // Who may convene is worked out only when a consultation may be asked for now.
  const mayAskConsultation = r.state === 'open' && r.cross_department === 1;
  const conveners = mayAskConsultation
    ? await convenersFor(db, { departmentId: r.department_id, coDepartmentIds, date: todayOf(ctx) })
    : [];
  const holders = mayAskConsultation ? { ...chainHolders, conveners } : chainHolders;
  const chainPeople = [
    ...conveners,
    ...holders.firstResponders,
    ...([2, 3, 4] as const).flatMap((l) => holders.levels[l].map((h) => h.personId)),
  ];
  const lookups = await lookupsFor(
    db,
    [r],
    [
      ...allDecisions.flatMap((d) => [d.person_id, d.acting_for ?? '']).filter(Boolean),
      ...roundRows.map((x) => x.opened_by),
      ...chainPeople,
      ...peopleInFacts(facts),
    ],
    coDepartmentIds,
  );
  const wf = toWorkflowCase({
    row: r,
    allDecisions,
    openFollowUp: facts.followUps.find((f) => f.recorded_at === null),
    handovers: facts.handovers,
  });
  const today = cc.today;
  const person = (id: string | null) => (id ? (lookups.people.get(id) ?? UNKNOWN) : null);
  const firstHolder = (level: 2 | 3 | 4) =>
    person(holders.levels[level].find((h) => h.actingFor === null)?.personId ?? null);
  const permissions = casePermissionsOf(true, caseWorkOf(wf, holders, viewer, coDepartmentIds));
  return {
    ...toSummary(r, lookups, cc),
    applicantKind: r.applicant_kind,
    applicantCreditCode: r.applicant_credit_code,
    applicantAddress: r.applicant_address,
    description: r.description,
    crossDepartment: r.cross_department === 1,
    noCompetentDepartment: r.no_competent_department === 1,
    coDepartments: coDepartmentIds.map((id) => ({
      departmentId: id,
      departmentName: lookups.departments.get(id)?.name ?? '',
    })),
    refusalReason: r.refusal_reason,
    refusalReasonText: r.refusal_reason_text,
    proposer: person(r.proposer_id),
    proposedAt: r.proposed_at,
    decisions: decisions.map((d) => toDecision(d, person)),
    rounds: toRounds({ row: r, allDecisions, rounds: roundRows, person }),
    workableSuggestion: r.workable_suggestion,
    letterNumber: r.letter_number,
    chain: {
      firstResponders: holders.firstResponders.map((id) => person(id) ?? UNKNOWN),
      deptHead: firstHolder(2),
      leaderInCharge: firstHolder(3),
      principalLeader: firstHolder(4),
    },
    vacantLevel: vacantLevelOf(r.state, holders),
    facts: factsOf(facts, (id) => person(id) ?? UNKNOWN, today),
    clocks: caseClocksOf(r, {
      decisions,
      repliedOn: facts.replies.map((x) => x.replied_on).sort()[0] ?? null,
      cc,
    }),
    timeline: events.flatMap((e) => {
      const entry = timelineEntryOf(e);
      return entry ? [entry] : [];
    }),
    version: r.version,
    abilities: (() => {
      const actions = availableActions(wf, viewer.personId, holders);
      return {
        actions,
        decisions: availableDecisions(wf, viewer.personId, holders),
        revealPhone: permissions['case.revealPhone'],
        inviteToConsultation: mayInviteToConsultation(wf, viewer.personId),
        changeCoDepartments: mayChangeCoDepartments(wf, viewer.personId, holders),
        conveners: actions.includes('requestConsultation')
          ? eligibleConveners(holders)
              .filter((id) => !isOriginator(wf, id))
              .map((id) => person(id) ?? UNKNOWN)
          : [],
      };
    })(),
  };
}

/**
 * The facts as the case page shows them: numbers called masked, and a mobile number typed into a note
 * masked like any other. The one-time notice is the bureau's own text handed to the applicant: as written.
 */
function factsOf(f: CaseFactRows, person: (id: string) => PersonRef, today: string): CaseFacts {
  return {
    handOvers: f.handovers.map((h) => ({
      from: person(h.from_person_id),
      to: person(h.to_person_id),
      by: person(h.handed_by),
      note: h.note === null ? null : maskMobilesInText(h.note),
      at: h.handed_at,
    })),
    replies: f.replies.map((r) => ({
      channel: r.channel,
      repliedBy: person(r.replied_by),
      repliedAt: r.replied_at,
      // Masked like the applicant's number: the full one stays in the record, shown to nobody here.
      phoneCalled: r.phone_called === null ? null : maskPhone(r.phone_called),
      answeredBy: r.answered_by,
      sentOn: r.sent_on,
      delivery: r.delivery,
      address: r.address,
      content: maskMobilesInText(r.content),
      recordedAt: r.recorded_at,
    })),
    feedback: f.feedback.map((r) => ({
      accepted: r.accepted === 1,
      text: r.text === null ? null : maskMobilesInText(r.text),
      recordedBy: person(r.recorded_by),
      recordedAt: r.recorded_at,
    })),
    consultations: f.consultations.map((c) => ({
      id: c.id,
      requestedBy: person(c.requested_by),
      convener: c.convener_id === null ? null : person(c.convener_id),
      // The convener first, then the invitees as invited, by name within one invitation.
      people: f.consultationPeople
        .filter((p) => p.consultation_id === c.id)
        .sort(
          (a, b) =>
            a.role.localeCompare(b.role) ||
            a.invited_at.localeCompare(b.invited_at) ||
            person(a.person_id).displayName.localeCompare(person(b.person_id).displayName, 'zh'),
        )
        .map((p) => ({
          person: person(p.person_id),
          role: p.role,
          invitedAt: p.invited_at,
          present: p.present === null ? null : p.present === 1,
        })),
      requestedAt: c.requested_at,
      proposal: maskMobilesInText(c.proposal),
      meeting:
        c.recorded_at !== null && c.held_at !== null && c.conclusion !== null && c.recorded_by !== null
          ? {
              heldAt: c.held_at,
              place: c.place,
              participants: c.participants ?? '',
              conclusion: c.conclusion,
              record: maskMobilesInText(c.record ?? ''),
              recordedBy: person(c.recorded_by),
              recordedAt: c.recorded_at,
            }
          : null,
    })),
    followUps: f.followUps.map((r) => ({
      person: person(r.person_id),
      round: r.form_round,
      level: r.level,
      assignedAt: r.assigned_at,
      dueOn: r.due_on,
      outcome: r.outcome === 'superseded' ? null : r.outcome,
      superseded: r.outcome === 'superseded',
      note: r.note === null ? null : maskMobilesInText(r.note),
      recordedAt: r.recorded_at,
      overdue: r.recorded_at === null && r.due_on !== null && r.due_on < today,
    })),
    notices: f.notices.map((r) => ({ givenBy: person(r.given_by), notice: r.notice, givenAt: r.given_at })),
  };
}

/**
 * An audit event as a timeline entry: history only (facts come from their tables), its payload checked
 * against the event's schema and every phone number in it masked, whoever reads the page. An event that
 * does not fit its schema (a type not shown on the case page) is left out rather than sent unchecked.
 */
function timelineEntryOf(e: Awaited<ReturnType<typeof caseEvents>>[number]): CaseTimelineEntry | null {
  const parsed = caseTimelineEntrySchema.safeParse({
    at: e.occurred_at,
    type: e.type,
    actor: e.person_id
      ? { id: e.person_id, username: e.username ?? '', displayName: e.display_name ?? '' }
      : null,
    payload: maskPersonalData(JSON.parse(e.payload)),
  });
  return parsed.success ? parsed.data : null;
}

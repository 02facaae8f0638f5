// One generated case, from registration to where it stands today: each step is checked by the workflow's
// own applyAction() and written as the service writes it (the case row through newCaseRow()/changesFor(),
// the decisions the workflow appended, the fact row of the action, its audit event through actionEvent()).
import {
  DEFAULT_FOLLOW_UP_WORKING_DAYS,
  workflowInputOf,
  LEVEL_OF_STATE,
  addWorkingDays,
  applyAction,
  formatCaseNumber,
  newCase,
  type CaseActionBody,
  type ChainHolders,
  type MatterType,
  type RefusalReason,
  type WorkCalendar,
  type WorkflowCase,
} from '@bancheng/core';
import { actionEvent, changesFor, newCaseRow } from '../../modules/cases/index.ts';
import { subjectTypeOf, type AuditEvent } from '../../platform/audit/events.ts';
import { maskPhone } from '../../platform/personal-data.ts';
import { todayInChina } from '../../platform/ids.ts';
import { recordFact, recordRoundAndDuty } from './case-facts.ts';
import type { GeneratedBatch } from './generator-repository.ts';
import type { DepartmentModel } from './org.ts';
import type { Random } from './random.ts';
import { DAY_CLOSE_MINUTE, DAY_OPEN_MINUTE, iso, type WorkTime } from './work-time.ts';
import * as text from './case-texts.ts';
import { enquiryTitle } from './case-texts.ts';

const MINUTE_MS = 60_000;

export interface StoryContext {
  random: Random;
  calendar: WorkCalendar;
  time: WorkTime;
  nowMs: number;
  caseNumberFormat: string;
  departments: ReadonlyMap<string, DepartmentModel>;
  holders: ReadonlyMap<string, ChainHolders>;
}

export interface CaseSlot {
  receivedMs: number;
  dayIndex: number;
  year: number;
  seq: number;
  department: DepartmentModel;
  /** How many actions are taken before the case stalls (a case still open today); Infinity for all. */
  actions: number;
}

export type CaseRow = ReturnType<typeof newCaseRow>;

const TYPED_MATTERS: (readonly [MatterType, number])[] = [
  ['enquiry', 5],
  ['complaint', 3],
  ['service', 2],
  ['petition', 1],
  ['blockage', 1],
  ['breakpoint', 0.5],
  ['assigned', 0.5],
];
const REASONS: (readonly [RefusalReason, number])[] = [
  ['uncertain', 4],
  ['outOfScope', 3],
  ['notPermitted', 2],
  ['conditionsLacking', 2],
  ['other', 1],
];
/** How often each level finds a way (能办): refusals thin out up the chain. */
const RESOLVES_AT: Record<2 | 3 | 4, number> = { 2: 0.62, 3: 0.6, 4: 0.5 };

function pushEvent(batch: GeneratedBatch, event: AuditEvent, actorId: string, at: string): void {
  batch.audit_events.push({
    occurred_at: at,
    type: event.type,
    actor_id: actorId,
    actor_address: null,
    subject_type: subjectTypeOf(event.type),
    subject_id: event.subjectId,
    payload: JSON.stringify(event.payload),
  });
}

/** Generates one case into `batch`; answers the row as it stands today. */
export function generateCase(ctx: StoryContext, slot: CaseSlot, batch: GeneratedBatch): CaseRow {
  const r = ctx.random;
  const dept = slot.department;
  const holders = ctx.holders.get(dept.id);
  if (!holders) throw new Error(`no chain for department ${dept.id}`);
  const frs = dept.firstResponders;
  // The first first responder of a department answers the most (the busy counter).
  const firstResponder = r.chance(0.35) ? (frs[0] ?? '') : r.pick(frs);
  const receivedOn = ctx.time.dates[slot.dayIndex] ?? todayInChina(new Date(slot.receivedMs));
  const listed = dept.matters.length > 0 && r.chance(0.75) ? r.pick(dept.matters) : null;
  const matterType = listed?.type ?? r.weighted(TYPED_MATTERS);
  const matterTitle = listed?.title ?? enquiryTitle(r, dept.topic);
  const due =
    listed?.workdays != null
      ? addWorkingDays({ from: receivedOn, workdays: listed.workdays, calendar: ctx.calendar })
      : null;
  const coDepartmentIds =
    dept.siblings.length > 0 && r.chance(0.08)
      ? [...new Set([r.pick(dept.siblings), ...(r.chance(0.3) ? [r.pick(dept.siblings)] : [])])]
      : [];
  const applicant = text.applicant(r, dept.district);
  const id = r.uuid();
  const number = formatCaseNumber(ctx.caseNumberFormat, slot.year, slot.seq);
  let t = slot.receivedMs + r.int(3, 40) * MINUTE_MS;
  let day = slot.dayIndex;
  const channel = r.weighted([
    ['counter', 4],
    ['phone', 3],
    ['online', 3],
    ['visit', 2],
    ['letter', 0.5],
  ] as const);
  let row: CaseRow = newCaseRow({
    id,
    number,
    year: slot.year,
    seq: slot.seq,
    departmentId: dept.id,
    actorId: firstResponder,
    body: {
      applicant: {
        kind: applicant.kind,
        name: applicant.name,
        phone: applicant.phone,
        ...(applicant.creditCode && { creditCode: applicant.creditCode }),
        ...(applicant.address && { address: applicant.address }),
      },
      channel,
      receivedAt: iso(slot.receivedMs),
      matterType,
      matterTitle,
      description: text.description(r, dept.topic, matterTitle),
      coDepartmentIds,
    },
    matter: { id: listed?.id ?? null, type: matterType, title: matterTitle, due },
    crossDepartment: coDepartmentIds.length > 0,
    now: iso(t),
  });
  for (const department_id of coDepartmentIds) batch.case_co_departments.push({ case_id: id, department_id });
  pushEvent(
    batch,
    {
      type: 'case.registered',
      subjectId: id,
      payload: {
        number,
        departmentId: dept.id,
        after: {
          channel,
          matterType,
          matterTitle,
          ...(row.matter_id && { matterId: row.matter_id, dueDate: row.due_date }),
          applicantName: row.applicant_name,
          applicantPhone: maskPhone(row.applicant_phone),
          coDepartmentIds,
        },
      },
    },
    firstResponder,
    row.created_at,
  );

  let wf: WorkflowCase = newCase({
    firstResponderId: firstResponder,
    crossDepartment: coDepartmentIds.length > 0,
  });
  let left = slot.actions;

  /** The next step's time: later the same working day, or `days` working days on. */
  const nextTime = (days: number): number => {
    if (days > 0) {
      day += days;
      t = Math.max(t + MINUTE_MS, ctx.time.at(day, r.int(DAY_OPEN_MINUTE, DAY_CLOSE_MINUTE - 60)));
      return t;
    }
    const later = t + r.int(10, 150) * MINUTE_MS;
    if (later < ctx.time.at(day, DAY_CLOSE_MINUTE)) t = later;
    else t = Math.max(later, ctx.time.at(++day, DAY_OPEN_MINUTE + r.int(0, 90)));
    return t;
  };

  /** Takes the first of `candidates` the workflow allows; false when the case stops here for today. */
  const act = (actorId: string, days: number, candidates: ((at: number) => CaseActionBody)[]): boolean => {
    if (left <= 0) return false;
    const at = nextTime(days);
    if (at > ctx.nowMs) return false;
    for (const candidate of candidates) {
      const body = candidate(at);
      const result = applyAction(wf, workflowInputOf(body), actorId, holders);
      if (!result.ok) continue;
      const now = iso(at);
      const replyDeadline =
        body.type === 'decide' && body.decision === 'refuse'
          ? addWorkingDays({ from: todayInChina(new Date(at)), workdays: 3, calendar: ctx.calendar })
          : null;
      const changes = changesFor(body, row, result.next, { now, replyDeadline });
      const round = changes.form_round ?? row.form_round;
      const existing = body.type === 'proposeRefusal' ? 0 : wf.decisions.length;
      const opinion =
        body.type === 'decide' ? body.opinion : body.type === 'proposeRefusal' ? body.reasonText : '';
      for (const d of result.next.decisions.slice(existing)) {
        batch.case_decisions.push({
          id: r.uuid(),
          case_id: id,
          form_round: round,
          level: d.level,
          decision: d.decision,
          opinion,
          person_id: d.personId,
          acting_for: d.actingFor,
          by_proposer: d.byProposer ? 1 : 0,
          decided_at: now,
        });
      }
      recordFact(batch, { body, row, actorId, now, id: r.uuid() });
      recordRoundAndDuty(batch, {
        body,
        before: row,
        after: { ...row, ...changes },
        duty: result.next.followUp,
        actorId,
        now,
        followUpDue: addWorkingDays({
          from: todayInChina(new Date(at)),
          workdays: DEFAULT_FOLLOW_UP_WORKING_DAYS,
          calendar: ctx.calendar,
        }).due,
        newId: () => r.uuid(),
      });
      pushEvent(
        batch,
        actionEvent(body, {
          caseId: id,
          before: { state: row.state, firstResponderId: row.first_responder_id },
          after: { state: result.next.state, firstResponderId: result.next.firstResponderId },
          replyDeadline: replyDeadline?.due ?? null,
        }),
        actorId,
        now,
      );
      row = { ...row, ...changes, version: row.version + 1 };
      wf = result.next;
      left--;
      return true;
    }
    throw new Error(`the generator found no allowed step for a case at ${wf.state}`);
  };
  const fr = () => wf.firstResponderId;
  const closeDone = (days: number) =>
    act(fr(), days, [() => ({ type: 'closeDone', note: text.closeNote(r) })]);

  const story = (): void => {
    if (frs.length > 1 && r.chance(0.04)) {
      const to = r.pick(frs.filter((p) => p !== fr()));
      if (!act(fr(), 0, [() => ({ type: 'handOver', toPersonId: to, note: text.handOverNote(r) })])) return;
    }
    for (const departmentId of coDepartmentIds) {
      const helper = ctx.departments.get(departmentId)?.firstResponders[0];
      if (!helper || !r.chance(0.6) || left <= 0) continue;
      const at = nextTime(r.int(0, 2));
      if (at > ctx.nowMs) return;
      const contribution = { id: r.uuid(), text: text.contributionText(r), recorded_at: iso(at) };
      batch.case_contributions.push({
        ...contribution,
        case_id: id,
        department_id: departmentId,
        person_id: helper,
      });
      pushEvent(
        batch,
        {
          type: 'case.contributionRecorded',
          subjectId: id,
          payload: { departmentId, text: contribution.text },
        },
        helper,
        contribution.recorded_at,
      );
    }
    if (wf.crossDepartment && r.chance(0.4)) {
      if (
        !act(fr(), r.int(0, 1), [
          () => ({ type: 'requestConsultation', proposal: text.consultationProposal(r) }),
        ])
      )
        return;
      const resolvable = r.chance(0.75);
      // The convener the request named (the lead's leader in charge by default) records the meeting.
      const recorded = act(wf.convenerId ?? fr(), r.int(1, 4), [
        (at) => ({
          type: 'recordConsultation',
          heldAt: iso(at - r.int(60, 240) * MINUTE_MS),
          participants: `${dept.name}、协作科室负责人、分管领导`,
          conclusion: resolvable ? 'resolvable' : 'notResolvable',
          record: text.consultationRecord(r, resolvable),
        }),
      ]);
      if (!recorded) return;
      if (resolvable) {
        closeDone(r.int(1, 5));
        return;
      }
    }
    const path = r.weighted([
      ['done', 60],
      ['notice', matterType === 'enquiry' ? 40 : 12],
      ['refusal', 22],
    ] as const);
    if (path === 'done') {
      closeDone(r.chance(0.5) ? 0 : r.int(1, 5));
      return;
    }
    if (path === 'notice') {
      act(fr(), r.chance(0.7) ? 0 : r.int(1, 2), [
        () => ({ type: 'giveOneTimeNotice', notice: text.notice(r, matterTitle) }),
      ]);
      return;
    }
    const reason = r.weighted(REASONS);
    const proposed = act(fr(), r.int(0, 2), [
      () => ({ type: 'proposeRefusal', reason, reasonText: text.reasonText(r, reason) }),
      // A first responder who is also the principal leader cannot propose: they handle it themselves.
      () => ({ type: 'closeDone', note: text.closeNote(r) }),
    ]);
    if (!proposed || wf.state === 'closed') return;
    decideUpTheChain();
  };

  const decideUpTheChain = (): void => {
    for (let level = LEVEL_OF_STATE[wf.state]; level; level = LEVEL_OF_STATE[wf.state]) {
      const decider = holders.levels[level][0]?.personId ?? '';
      const resolvable = r.chance(RESOLVES_AT[level]);
      const options: ((at: number) => CaseActionBody)[] = [
        () => ({ type: 'decide', decision: 'escalate', opinion: text.escalateOpinion(r) }),
        () => ({
          type: 'decide',
          decision: 'refuse',
          opinion: text.refuseOpinion(r),
          workableSuggestion: text.workableSuggestion(r),
        }),
      ];
      const resolve = () => ({
        type: 'decide' as const,
        decision: 'resolvable' as const,
        opinion: text.resolvableOpinion(r),
      });
      if (!act(decider, r.int(0, 2), resolvable ? [resolve] : [...options, resolve])) return;
    }
    if (wf.state === 'resolving') {
      if (!closeDone(r.int(1, 5))) return;
      const checker = wf.followUp?.personId;
      if (checker && r.chance(0.3))
        act(checker, r.int(5, 20), [
          () => ({ type: 'recordFollowUp', outcome: 'implemented', note: text.followUpNote(r) }),
        ]);
      return;
    }
    if (wf.state !== 'refused') return;
    const phone = r.chance(0.6);
    const replied = act(fr(), r.chance(0.9) ? r.int(0, 3) : r.int(4, 6), [
      (at) =>
        phone
          ? {
              type: 'recordReply',
              method: 'phone',
              calledAt: iso(at - r.int(5, 60) * MINUTE_MS),
              phoneNumber: applicant.phone,
              answeredBy: text.answeredBy(r, applicant.name),
              content: text.replyContent(r),
            }
          : {
              type: 'recordReply',
              method: 'written',
              // Sent the day it is recorded, by post when the applicant gave an address; no extra draws.
              sentOn: todayInChina(new Date(at)),
              delivery: applicant.address ? 'post' : 'hand',
              address: applicant.address ?? '本局办事窗口',
              content: text.replyContent(r),
            },
    ]);
    if (!replied) return;
    const accepted = r.chance(0.85);
    act(fr(), r.int(0, 3), [
      () => ({
        type: 'recordFeedback',
        accepted,
        ...(r.chance(0.7) && { text: text.feedbackText(r, accepted) }),
      }),
    ]);
  };

  story();
  // The row as it stands today: each step replaced `row`, so the first one pushed would stay open.
  batch.cases.push(row);
  return row;
}

// Reports entering the ledger: from the public site (through public-service), the office's registration
// of a call, letter or visit, and a case's flag (in the tracking module's transaction); the receivers,
// and the SMS to a reporter who asked for one.
import { randomBytes } from 'node:crypto';
import {
  AppError,
  formatReportCode,
  newWorkflowReport,
  reportCodeFromBytes,
  reportRolesOf,
  TRACKING_CODE_LENGTH,
  type RegisterReportInput,
  type ReportDetail,
  type ReportSource,
} from '@bancheng/core';
import { nowIsoOf, type AppContext } from '../../platform/context.ts';
import type { Config } from '../../platform/config.ts';
import type { Trx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { newId, todayInChina } from '../../platform/ids.ts';
import {
  claimIdempotencyKey,
  keepAnswer,
  type IdempotencyClaim,
} from '../../platform/idempotency/idempotency.ts';
import { deliveryChannelsOf, enqueueNotifications, queueApplicantSms } from '../notifications/index.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { ledgerSubjectOf } from './ledger-access.ts';
import {
  bureauUnitId,
  departmentOf,
  insertLink,
  insertReport,
  nextReportSeq,
  peopleWithRoleInUnits,
  unitOf,
  type NewReportRow,
} from './ledger-repository.ts';
import { type Executor, type LedgerActor, detailOf, hashReportCode, load } from './report-reading.ts';

// Creating a report (the public site, the office's registration, a case's flag)

export interface NewReport {
  source: ReportSource;
  unitId: string;
  departmentId: string | null;
  counter: string | null;
  what: string;
  happenedOn: string | null;
  caseTrackingCode: string | null;
  name: string | null;
  phone: string | null;
  wantsSms: boolean;
  language: 'zh' | 'en';
  registeredBy: string | null;
  flagId: string | null;
  receivedAt: string;
}

/** Checks the unit and department exist and belong together; the report's unit is the department's. */
export async function placeOfReport(
  db: Executor,
  input: { unitId: string; departmentId?: string | undefined },
): Promise<{ unitId: string; departmentId: string | null; aboutBureau: boolean }> {
  const unit = await unitOf(db, input.unitId);
  if (!unit) throw new AppError('VALIDATION_FAILED', { fields: { unitId: 'notFound' } });
  if (input.departmentId === undefined) {
    return { unitId: unit.id, departmentId: null, aboutBureau: unit.kind === 'bureau' };
  }
  const dep = await departmentOf(db, input.departmentId);
  if (!dep || dep.unit_id !== unit.id) {
    throw new AppError('VALIDATION_FAILED', { fields: { departmentId: 'notFound' } });
  }
  return { unitId: unit.id, departmentId: dep.id, aboutBureau: unit.kind === 'bureau' };
}

/** The office that receives a report about this unit: the city office, or the unit's discipline inspection. */
export async function receiversOf(db: Executor, unitId: string): Promise<string[]> {
  const unit = await unitOf(db, unitId);
  if (!unit) return [];
  return unit.kind === 'bureau'
    ? peopleWithRoleInUnits(db, 'supervisionOffice', [unitId])
    : peopleWithRoleInUnits(db, 'disciplineInspection', [unitId]);
}

/**
 * Writes a new report in the caller's transaction: its number, the hash of a fresh code, the office's
 * notification. Returns the code (to show once) and the row's id.
 */
export async function insertNewReport(
  trx: Trx,
  args: {
    config: Config;
    report: NewReport;
    actor: Actor;
    now: string;
    eventType: 'report.received' | 'report.registered' | 'report.raisedFromFlag';
  },
): Promise<{ id: string; number: string; code: string; receivers: string[] }> {
  const { report, now } = args;
  const code = reportCodeFromBytes(randomBytes(TRACKING_CODE_LENGTH));
  const year = Number(todayInChina(new Date(now)).slice(0, 4));
  const seq = await nextReportSeq(trx, year);
  const number = `DB-${year}-${String(seq).padStart(4, '0')}`;
  const id = newId();
  const row: NewReportRow = {
    id,
    number,
    source: report.source,
    unit_id: report.unitId,
    department_id: report.departmentId,
    counter: report.counter,
    what: report.what,
    happened_on: report.happenedOn,
    case_tracking_code: report.caseTrackingCode,
    code_hash: hashReportCode(code).toString('hex'),
    reporter_name: report.name,
    reporter_phone: report.phone,
    wants_sms: report.wantsSms ? 1 : 0,
    language: report.language,
    state: newWorkflowReport().state,
    outcome: null,
    triage: null,
    triage_note: null,
    triaged_at: null,
    public_answer: null,
    reply_text: null,
    replied_at: null,
    reply_sms_queued: 0,
    registered_by: report.registeredBy,
    flag_id: report.flagId,
    received_at: report.receivedAt,
    version: 0,
    updated_at: now,
  };
  await insertReport(trx, row);
  await appendAuditEvent(
    trx,
    args.actor,
    {
      type: args.eventType,
      subjectId: id,
      // Never the reporter: whether they gave a name or a phone, not what.
      payload: {
        number,
        source: report.source,
        unitId: report.unitId,
        departmentId: report.departmentId,
        anonymous: report.name === null && report.phone === null,
        flagId: report.flagId,
      },
    },
    now,
  );
  const receivers = await receiversOf(trx, report.unitId);
  await enqueueNotifications(trx, {
    channels: deliveryChannelsOf(args.config),
    now,
    notifications: receivers.map((personId) => ({
      personId,
      caseId: null,
      kind: 'reportReceived' as const,
      params: { reportNumber: number, source: report.source },
    })),
  });
  return { id, number, code, receivers };
}

/** Queues an SMS to the reporter (a phone given and SMS asked for), on behalf of `senderId`. */
export async function smsToReporter(
  trx: Trx,
  args: {
    config: Config;
    reportId: string;
    phone: string | null;
    wantsSms: boolean;
    senderId: string | undefined;
    text: string;
    redacted: string;
    now: string;
  },
): Promise<boolean> {
  if (!args.phone || !args.wantsSms || !args.senderId) return false;
  const sent = await queueApplicantSms(trx, {
    config: args.config,
    reportId: args.reportId,
    phone: args.phone,
    senderId: args.senderId,
    text: args.text,
    redacted: args.redacted,
    dedupeKey: `sms:report:${newId()}`,
    now: args.now,
  });
  return sent === 'queued';
}

export async function registerReport(
  ctx: AppContext,
  actor: LedgerActor,
  input: RegisterReportInput,
  claim?: IdempotencyClaim,
): Promise<{ report: ReportDetail; receipt?: { code: string; receivedAt: string; smsSent: boolean } }> {
  const db = ctx.database.db;
  const place = await placeOfReport(db, input);
  const ls = await ledgerSubjectOf(db, actor.subject);
  const roles = reportRolesOf(ls, {
    aboutBureau: place.aboutBureau,
    unitId: place.unitId,
    orderDepartmentIds: [],
    referred: false,
  });
  // Only the office that will handle it registers a report (the city office for the bureau, a unit's
  // discipline inspection for its unit).
  if (!roles.includes('handlingOffice')) throw new AppError('FORBIDDEN');
  const now = nowIsoOf(ctx);
  const calendar = await getWorkCalendar(ctx);
  return db.transaction().execute(async (trx) => {
    await claimIdempotencyKey(trx, claim);
    const created = await insertNewReport(trx, {
      config: ctx.config,
      actor,
      now,
      eventType: 'report.registered',
      report: {
        source: input.source,
        unitId: place.unitId,
        departmentId: place.departmentId,
        counter: input.counter ?? null,
        what: input.what,
        happenedOn: input.happenedOn ?? null,
        caseTrackingCode: input.caseTrackingCode ?? null,
        name: input.name ?? null,
        phone: input.phone ?? null,
        wantsSms: input.wantsSms,
        language: 'zh',
        registeredBy: actor.personId,
        flagId: null,
        receivedAt: input.receivedAt ? new Date(input.receivedAt).toISOString() : now,
      },
    });
    const code = formatReportCode(created.code);
    const smsSent = await smsToReporter(trx, {
      config: ctx.config,
      reportId: created.id,
      phone: input.phone ?? null,
      wantsSms: input.wantsSms,
      senderId: actor.personId,
      text: `【办成】您反映的问题已登记，查询码：${code}。可在办成网站“反映进度查询”页查看办理情况。`,
      redacted: '【办成】您反映的问题已登记，查询码：（已发送，不再保存）。',
      now,
    });
    const report = await detailOf(ctx, trx, await load(trx, actor.subject, created.id), calendar);
    // The replay of the same request gets the page, not the code: it is not kept anywhere.
    if (claim) await keepAnswer(trx, claim, { report });
    return { report, receipt: { code, receivedAt: now, smsSent } };
  });
}

// ---------------------------------------------------------------------------------------------------
// Raised from a case's flag (the tracking module, in its transaction)

/**
 * A 不满意 rating or a 不认可 feedback flagged for the supervision office enters the ledger as a report
 * (source rating / feedback) about the case's department, linked to the case. No reporter is recorded:
 * the applicant is the case's, and the case keeps their data.
 */
export async function raiseReportFromFlag(
  trx: Trx,
  args: {
    config: Config;
    flagId: string;
    kind: 'rating' | 'feedback';
    caseId: string;
    caseNumber: string;
    departmentId: string;
    comment: string;
    now: string;
  },
): Promise<string> {
  const dep = await departmentOf(trx, args.departmentId);
  const unitId = dep?.unit_id ?? (await bureauUnitId(trx));
  if (!unitId) throw new Error('no unit for a flagged case');
  const label = args.kind === 'rating' ? '申请人评价为不满意' : '申请人对答复不认可';
  const what = `${label}（事项 ${args.caseNumber}）${args.comment ? `：${args.comment}` : ''}`;
  const created = await insertNewReport(trx, {
    config: args.config,
    actor: { personId: null, address: null },
    now: args.now,
    eventType: 'report.raisedFromFlag',
    report: {
      source: args.kind,
      unitId,
      departmentId: dep?.id ?? null,
      counter: null,
      what,
      happenedOn: null,
      caseTrackingCode: null,
      name: null,
      phone: null,
      wantsSms: false,
      language: 'zh',
      registeredBy: null,
      flagId: args.flagId,
      receivedAt: args.now,
    },
  });
  await insertLink(trx, {
    report_id: created.id,
    case_id: args.caseId,
    linked_by: null,
    linked_at: args.now,
  });
  return created.id;
}

// The documents made from a case: the approval form (附件4), the one-time notice and the reply letter, each
// built from the case page the person may read. Two of them record something: the form printed with the
// applicant's full number counts as a reveal (an audit event), and the letter's 文号 is allocated once.
import { AppError, formatLetterNumber, type CaseDetail } from '@bancheng/core';
import { clockOf, todayOf, type AppContext } from '../../platform/context.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { getBureauSettings } from '../settings/index.ts';
import { requireCase, type CaseViewer } from './case-access.ts';
import { buildDetail } from './case-view.ts';
import { findLetterNumber, nextLetterSeq, setLetterNumber } from './letter-number-repository.ts';
import { buildApprovalFormDocx } from './documents/approval-form-docx.ts';
import { buildOneTimeNoticeDocx } from './documents/one-time-notice-docx.ts';
import { buildReplyLetterDocx } from './documents/reply-letter-docx.ts';
import { buildConsultationMinutesDocx } from './documents/consultation-minutes-docx.ts';
import { listAttachments } from './attachment-repository.ts';

export interface CaseDocument {
  file: Buffer;
  names: { ascii: string; chinese: string };
}

/** A reply letter exists only once the principal leader's refusal is final. */
function hasFinalRefusal(detail: CaseDetail): boolean {
  return (
    detail.state === 'refused' ||
    detail.state === 'replied' ||
    (detail.state === 'closed' && detail.outcome === 'refused')
  );
}

/**
 * The approval form. People who work the case (who may reveal the number) get the applicant's full number
 * on it, and that is recorded as a reveal; everyone else who reads the case gets it masked.
 */
export async function approvalFormDocument(
  ctx: AppContext,
  args: { viewer: CaseViewer; actor: Actor; caseId: string },
): Promise<CaseDocument> {
  const access = await requireCase(ctx, args.viewer, args.caseId, 'case.documents', { all: true });
  const detail = await buildDetail(ctx, ctx.database.db, args.viewer, args.caseId, access.loaded);
  let fullPhone: string | undefined;
  if (access.permissions['case.revealPhone']) {
    fullPhone = access.loaded.row.applicant_phone;
    await appendAuditEvent(
      ctx.database.db,
      args.actor,
      { type: 'case.phoneRevealed', subjectId: args.caseId, payload: {} },
      clockOf(ctx).toISOString(),
    );
  }
  const settings = await getBureauSettings(ctx);
  const file = await buildApprovalFormDocx(detail, {
    bureauName: detail.unitName,
    settings,
    ...(fullPhone && { fullPhone }),
  });
  return {
    file,
    names: {
      ascii: `approval-form-${detail.number}.docx`,
      chinese: `说“不”事项提级管理审批表-${detail.number}.docx`,
    },
  };
}

/** The one-time notice as it was given; none before one was given. */
export async function oneTimeNoticeDocument(
  ctx: AppContext,
  args: { viewer: CaseViewer; caseId: string },
): Promise<CaseDocument> {
  const access = await requireCase(ctx, args.viewer, args.caseId, 'case.documents');
  const detail = await buildDetail(ctx, ctx.database.db, args.viewer, args.caseId, access.loaded);
  const notice = detail.facts.notices.at(-1);
  if (!notice) throw new AppError('CASE_ACTION_NOT_ALLOWED');
  return {
    file: await buildOneTimeNoticeDocx(detail, notice, { bureauName: detail.unitName }),
    names: { ascii: `one-time-notice-${detail.number}.docx`, chinese: `一次性告知书-${detail.number}.docx` },
  };
}

/** A rollback that another request's number caused: this one's allocation is given back. */
class NumberedMeanwhile extends Error {}

/**
 * The case's 文号, allocated the first time its letter is made: the department's next number in the
 * current year (China), written with its audit event in one transaction. Two requests at once for the
 * same case: the second finds the case numbered, rolls back its allocation, and uses the first's.
 */
async function letterNumberFor(
  ctx: AppContext,
  args: { actor: Actor; caseId: string; departmentId: string },
): Promise<string> {
  const db = ctx.database.db;
  const existing = await findLetterNumber(db, args.caseId);
  if (existing) return existing;
  const year = Number(todayOf(ctx).slice(0, 4));
  try {
    return await db.transaction().execute(async (trx) => {
      const seq = await nextLetterSeq(trx, { departmentId: args.departmentId, year });
      const number = formatLetterNumber(year, seq);
      if (!(await setLetterNumber(trx, { caseId: args.caseId, year, seq, number }))) {
        throw new NumberedMeanwhile();
      }
      await appendAuditEvent(
        trx,
        args.actor,
        { type: 'case.letterNumbered', subjectId: args.caseId, payload: { letterNumber: number } },
        clockOf(ctx).toISOString(),
      );
      return number;
    });
  } catch (error) {
    if (!(error instanceof NumberedMeanwhile)) throw error;
    const number = await findLetterNumber(db, args.caseId);
    if (!number) throw error;
    return number;
  }
}

/** The reply letter, once the refusal is final, with its 文号 and the bureau's contact number. */
export async function replyLetterDocument(
  ctx: AppContext,
  args: { viewer: CaseViewer; actor: Actor; caseId: string },
): Promise<CaseDocument> {
  const access = await requireCase(ctx, args.viewer, args.caseId, 'case.documents');
  const before = await buildDetail(ctx, ctx.database.db, args.viewer, args.caseId, access.loaded);
  if (!hasFinalRefusal(before)) throw new AppError('CASE_ACTION_NOT_ALLOWED');
  const letterNumber = await letterNumberFor(ctx, {
    actor: args.actor,
    caseId: args.caseId,
    departmentId: access.departmentId,
  });
  const { contactPhone } = await getBureauSettings(ctx);
  const detail = { ...before, letterNumber };
  return {
    file: await buildReplyLetterDocx(detail, {
      bureauName: detail.unitName,
      letterNumber,
      contactPhone,
      today: todayOf(ctx),
    }),
    names: { ascii: `reply-letter-${detail.number}.docx`, chinese: `答复函-${detail.number}.docx` },
  };
}

/** The minutes (会商纪要) of the latest recorded consultation, with the attachments its people added to the
 * case between the request and the record; none before a consultation was recorded. */
export async function consultationMinutesDocument(
  ctx: AppContext,
  args: { viewer: CaseViewer; caseId: string },
): Promise<CaseDocument> {
  const access = await requireCase(ctx, args.viewer, args.caseId, 'case.documents', { all: true });
  const detail = await buildDetail(ctx, ctx.database.db, args.viewer, args.caseId, access.loaded);
  const consultation = detail.facts.consultations.findLast((c) => c.meeting !== null);
  if (!consultation?.meeting) throw new AppError('CASE_ACTION_NOT_ALLOWED');
  const people = new Set(consultation.people.map((p) => p.person.id));
  const { recordedAt } = consultation.meeting;
  const attachments = (await listAttachments(ctx.database.db, detail.id)).filter(
    (a) =>
      people.has(a.uploadedBy.id) && a.uploadedAt >= consultation.requestedAt && a.uploadedAt <= recordedAt,
  );
  const file = await buildConsultationMinutesDocx(detail, consultation, {
    bureauName: detail.unitName,
    attachments,
  });
  return {
    file,
    names: { ascii: `consultation-minutes-${detail.number}.docx`, chinese: `会商纪要-${detail.number}.docx` },
  };
}

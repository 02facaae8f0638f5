// Documents made from a case, as Word files: the approval form (附件4) and the written reply letter.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError, idParamsSchema, type CaseDetail } from '@bancheng/core';
import { todayOf, type AppContext } from '../../platform/context.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { guard } from '../auth/index.ts';
import { buildDetail } from './case-view.ts';
import { requireCase } from './case-access.ts';
import { buildApprovalFormDocx } from './documents/approval-form-docx.ts';
import { buildReplyLetterDocx } from './documents/reply-letter-docx.ts';
import { buildConsultationMinutesDocx } from './documents/consultation-minutes-docx.ts';
import { listAttachments } from './attachment-repository.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A reply letter exists only once the principal leader's refusal is final. */
function hasFinalRefusal(detail: CaseDetail): boolean {
  return (
    detail.state === 'refused' ||
    detail.state === 'replied' ||
    (detail.state === 'closed' && detail.outcome === 'refused')
  );
}

function sendDocx(reply: FastifyReply, file: Buffer, names: { ascii: string; chinese: string }) {
  return reply
    .header('content-type', DOCX_TYPE)
    .header('content-disposition', contentDisposition(names.chinese, names.ascii))
    .send(file);
}

export function caseDocumentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['cases'];
  r.get(
    '/api/cases/:id/form.docx',
    {
      schema: {
        tags,
        summary: 'The approval form (附件4 说“不”事项提级管理审批表) as DOCX; the phone is masked',
        params: idParamsSchema,
        produces: [DOCX_TYPE],
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { subject } = await guard(ctx, request);
      await requireCase(ctx, subject, request.params.id, 'case.documents');
      const detail = await buildDetail(ctx, ctx.database.db, subject, request.params.id);
      const file = await buildApprovalFormDocx(detail, { bureauName: detail.unitName });
      return sendDocx(reply, file, {
        ascii: `approval-form-${detail.number}.docx`,
        chinese: `说“不”事项提级管理审批表-${detail.number}.docx`,
      });
    },
  );
  r.get(
    '/api/cases/:id/reply-letter.docx',
    {
      schema: {
        tags,
        summary: 'The written reply (书面回复) to the applicant as DOCX, once the refusal is final',
        params: idParamsSchema,
        produces: [DOCX_TYPE],
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { subject } = await guard(ctx, request);
      await requireCase(ctx, subject, request.params.id, 'case.documents');
      const detail = await buildDetail(ctx, ctx.database.db, subject, request.params.id);
      if (!hasFinalRefusal(detail)) throw new AppError('CASE_ACTION_NOT_ALLOWED');
      const file = await buildReplyLetterDocx(detail, { bureauName: detail.unitName, today: todayOf(ctx) });
      return sendDocx(reply, file, {
        ascii: `reply-letter-${detail.number}.docx`,
        chinese: `书面回复-${detail.number}.docx`,
      });
    },
  );
  r.get(
    '/api/cases/:id/consultation-minutes.docx',
    {
      schema: {
        tags,
        summary: 'The minutes (会商纪要) of the latest recorded consultation as DOCX',
        params: idParamsSchema,
        produces: [DOCX_TYPE],
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { subject } = await guard(ctx, request);
      await requireCase(ctx, subject, request.params.id, 'case.documents');
      const detail = await buildDetail(ctx, ctx.database.db, subject, request.params.id);
      const consultation = detail.facts.consultations.findLast((c) => c.meeting !== null);
      if (!consultation?.meeting) throw new AppError('CASE_ACTION_NOT_ALLOWED');
      // The attachments its people added to the case from the request to the record.
      const people = new Set(consultation.people.map((p) => p.person.id));
      const { recordedAt } = consultation.meeting;
      const attachments = (await listAttachments(ctx.database.db, detail.id)).filter(
        (a) =>
          people.has(a.uploadedBy.id) &&
          a.uploadedAt >= consultation.requestedAt &&
          a.uploadedAt <= recordedAt,
      );
      const file = await buildConsultationMinutesDocx(detail, consultation, {
        bureauName: detail.unitName,
        attachments,
      });
      return sendDocx(reply, file, {
        ascii: `consultation-minutes-${detail.number}.docx`,
        chinese: `会商纪要-${detail.number}.docx`,
      });
    },
  );
}

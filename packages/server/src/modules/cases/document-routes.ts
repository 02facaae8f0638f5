// Documents made from a case, as Word files: the approval form (附件4), the one-time notice and the reply
// letter (答复函). Each route: the guard, one service call, the file.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { idParamsSchema } from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { guard } from '../auth/index.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import {
  approvalFormDocument,
  consultationMinutesDocument,
  oneTimeNoticeDocument,
  replyLetterDocument,
  type CaseDocument,
} from './document-service.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sendDocx(reply: FastifyReply, doc: CaseDocument) {
  return reply
    .header('content-type', DOCX_TYPE)
    .header('content-disposition', contentDisposition(doc.names.chinese, doc.names.ascii))
    .send(doc.file);
}

export function caseDocumentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['cases'];
  const schema = (summary: string) => ({
    tags,
    summary,
    params: idParamsSchema,
    produces: [DOCX_TYPE],
    response: { 200: z.any(), ...errorResponses },
  });
  r.get(
    '/api/cases/:id/form.docx',
    {
      schema: schema(
        'The approval form (附件4 说“不”事项提级管理审批表) as DOCX, on one A4 page; the full phone number only for people who work the case (recorded as a reveal)',
      ),
    },
    async (request, reply) => {
      const { subject, actor } = await guard(ctx, request);
      return sendDocx(
        reply,
        await approvalFormDocument(ctx, { viewer: subject, actor, caseId: request.params.id }),
      );
    },
  );
  r.get(
    '/api/cases/:id/notice.docx',
    { schema: schema('The one-time notice (一次性告知书) as DOCX, once it was given') },
    async (request, reply) => {
      const { subject } = await guard(ctx, request);
      return sendDocx(
        reply,
        await oneTimeNoticeDocument(ctx, { viewer: subject, caseId: request.params.id }),
      );
    },
  );
  r.get(
    '/api/cases/:id/reply-letter.docx',
    {
      schema: schema(
        'The reply letter (答复函) to the applicant as DOCX, once the refusal is final; its 文号 is allocated the first time',
      ),
    },
    async (request, reply) => {
      const { subject, actor } = await guard(ctx, request);
      return sendDocx(
        reply,
        await replyLetterDocument(ctx, { viewer: subject, actor, caseId: request.params.id }),
      );
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
      return sendDocx(
        reply,
        await consultationMinutesDocument(ctx, { viewer: subject, caseId: request.params.id }),
      );
    },
  );
}

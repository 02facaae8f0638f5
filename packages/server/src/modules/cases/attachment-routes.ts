// Case attachments (附件): list, upload (multipart field `file`) and download. A download is always sent
// as an opaque attachment, never shown inline, so a file cannot run as a page of this site.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AppError,
  attachmentParamsSchema,
  caseAttachmentListSchema,
  caseAttachmentSchema,
  idParamsSchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { readingMultipart } from '../../platform/http/multipart.ts';
import { guard } from '../auth/index.ts';
import { addCaseAttachment, listCaseAttachments, openCaseAttachment } from './attachment-service.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';

export function caseAttachmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['cases'];
  r.get(
    '/api/cases/:id/attachments',
    {
      schema: {
        tags,
        summary: 'The case’s attachments (附件), and whether you may add one',
        params: idParamsSchema,
        response: { 200: caseAttachmentListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request);
      return listCaseAttachments(ctx, subject, request.params.id);
    },
  );
  r.post(
    '/api/cases/:id/attachments',
    {
      schema: {
        tags,
        summary:
          'Add an attachment (multipart field `file`): PDF, JPEG, PNG, GIF, WebP, DOCX, XLSX, PPTX or DOC/XLS/PPT/WPS, by content',
        params: idParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: caseAttachmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, auth, subject } = await guard(ctx, request);
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      // The file streams to disk inside the service, so a body cut short surfaces from there.
      const attachment = await readingMultipart(() =>
        addCaseAttachment(ctx, {
          actor: { ...actor, personId: auth.person.id },
          viewer: subject,
          caseId: request.params.id,
          receive: async () => {
            const part = await request.file({
              limits: { fileSize: ctx.config.attachmentMaxBytes, files: 1 },
            });
            if (!part || part.fieldname !== 'file') {
              throw new AppError('VALIDATION_FAILED', { fields: { file: 'required' } });
            }
            return { fileName: part.filename, stream: part.file };
          },
        }),
      );
      return reply.status(201).send(attachment);
    },
  );
  r.get(
    '/api/cases/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download an attachment (always as a file to save, never shown inline)',
        params: attachmentParamsSchema,
        produces: ['application/octet-stream'],
        response: { 200: z.any(), ...errorResponses },
      },
      // Route hooks run after the app's own, so this policy replaces the page policy set for every reply.
      onSend: async (_request, reply) => {
        reply.header('content-security-policy', "default-src 'none'; sandbox");
      },
    },
    async (request, reply) => {
      const { subject } = await guard(ctx, request);
      const { attachment, stream } = await openCaseAttachment(ctx, subject, {
        caseId: request.params.id,
        attachmentId: request.params.attachmentId,
      });
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('content-length', attachment.size)
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
}

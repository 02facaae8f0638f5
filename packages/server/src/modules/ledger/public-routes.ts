// The public report API (no session): the challenge, the submission (multipart, up to 5 files) and the
// status by code. The code travels in a POST body, never in a URL.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AppError,
  MAX_PUBLIC_REPORT_FILES,
  altchaChallengeSchema,
  publicReportReceiptSchema,
  publicReportStatusBodySchema,
  publicReportViewSchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import { langOf } from '../../platform/http/errors.ts';
import { readingMultipart } from '../../platform/http/multipart.ts';
import { newChallenge, reportStatus, submitPublicReport, type IncomingPart } from './public-service.ts';

/** The `report` part's JSON and the `altcha` payload: small texts. */
const FIELD_BYTES = 64 * 1024;

async function* partsOf(ctx: AppContext, request: FastifyRequest): AsyncIterable<IncomingPart> {
  const parts = request.parts({
    limits: {
      files: MAX_PUBLIC_REPORT_FILES + 1,
      fileSize: ctx.config.attachmentMaxBytes,
      fields: 4,
      fieldSize: FIELD_BYTES,
      parts: MAX_PUBLIC_REPORT_FILES + 5,
    },
  });
  for await (const part of parts) {
    if (part.type === 'file') {
      yield { type: 'file', fieldname: part.fieldname, filename: part.filename, file: part.file };
    } else {
      yield { type: 'field', fieldname: part.fieldname, value: part.value };
    }
  }
}

export function publicReportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['public'];
  r.get(
    '/api/public/challenge',
    {
      schema: {
        tags,
        summary: 'An ALTCHA proof-of-work challenge for the report form (solved by the browser on submit)',
        response: { 200: altchaChallengeSchema, ...errorResponses },
      },
    },
    async () => newChallenge(ctx),
  );
  r.post(
    '/api/public/reports',
    {
      schema: {
        tags,
        summary:
          'Submit a report (multipart: `report` = JSON of publicReportInputSchema, `altcha` = the solved challenge, 0–5 files `attachments`: images or PDF, by content). Limited per client address.',
        consumes: ['multipart/form-data'],
        response: { 201: publicReportReceiptSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const receipt = await readingMultipart(() =>
        submitPublicReport(ctx, request.ip, partsOf(ctx, request), langOf(request)),
      );
      return reply.status(201).send(receipt);
    },
  );
  r.post(
    '/api/public/reports/status',
    {
      schema: {
        tags,
        summary: "A report's progress by its tracking code (no sign-in; limited per client address)",
        body: publicReportStatusBodySchema,
        response: { 200: publicReportViewSchema, ...errorResponses },
      },
    },
    async (request) => reportStatus(ctx, request.ip, request.body.code),
  );
}

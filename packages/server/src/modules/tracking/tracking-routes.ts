import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  caseTrackingSchema,
  idParamsSchema,
  publicCaseViewSchema,
  publicRatingBodySchema,
  publicReopenBodySchema,
  ratingInputSchema,
  receiptDocxBodySchema,
  supervisionFlagListSchema,
  trackingCodeIssuedSchema,
  trackingLookupBodySchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { guard } from '../auth/index.ts';
import {
  getCaseTracking,
  listSupervisionFlags,
  rateByApplicant,
  recordPhoneRating,
  reissueTrackingCode,
  reopenByApplicant,
  trackCase,
} from './tracking-service.ts';
import { receiptOf } from './receipt-service.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The public routes take no session: the tracking code in the body is the one thing that opens a case,
 * and the service decides what it grants (core `publicAbilitiesOf`). Codes go in POST bodies, never in a
 * URL, so they stay out of access logs, proxies and the browser's history.
 */
export function trackingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const pub = ['public'];
  r.post(
    '/api/public/track',
    {
      schema: {
        tags: pub,
        summary: "A case's progress by its tracking code (no sign-in; limited per client address)",
        body: trackingLookupBodySchema,
        response: { 200: publicCaseViewSchema, ...errorResponses },
      },
    },
    async (request) => trackCase(ctx, request.ip, request.body.code),
  );
  r.post(
    '/api/public/track/rating',
    {
      schema: {
        tags: pub,
        summary: 'The applicant rates the answer (五级满意度), once per answer',
        body: publicRatingBodySchema,
        response: { 200: publicCaseViewSchema, ...errorResponses },
      },
    },
    async (request) => rateByApplicant(ctx, request.ip, request.body),
  );
  r.post(
    '/api/public/track/reopen',
    {
      schema: {
        tags: pub,
        summary:
          'The applicant asks for the matter to be handled again, within 10 working days of the answer',
        body: publicReopenBodySchema,
        response: { 200: publicCaseViewSchema, ...errorResponses },
      },
    },
    async (request) => reopenByApplicant(ctx, request.ip, request.body),
  );

  const tags = ['cases'];
  r.get(
    '/api/cases/:id/tracking',
    {
      schema: {
        tags,
        summary: "The case's tracking for staff: when its code was issued, ratings, reopen requests",
        params: idParamsSchema,
        response: { 200: caseTrackingSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request);
      return getCaseTracking(ctx, subject, request.params.id);
    },
  );
  r.post(
    '/api/cases/:id/tracking-code',
    {
      schema: {
        tags,
        summary: 'A new tracking code (a lost receipt): the first responder; the old code stops working',
        params: idParamsSchema,
        response: { 201: trackingCodeIssuedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, auth, subject } = await guard(ctx, request);
      const issued = await reissueTrackingCode(
        ctx,
        { ...actor, personId: auth.person.id, subject },
        request.params.id,
      );
      return reply.status(201).send(issued);
    },
  );
  r.post(
    '/api/cases/:id/ratings',
    {
      schema: {
        tags,
        summary: 'Record a rating the applicant gave by phone (the first responder), once per answer',
        params: idParamsSchema,
        body: ratingInputSchema,
        response: { 200: caseTrackingSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor, auth, subject } = await guard(ctx, request);
      return recordPhoneRating(
        ctx,
        { ...actor, personId: auth.person.id, subject },
        { caseId: request.params.id, ...request.body },
      );
    },
  );
  r.post(
    '/api/cases/:id/receipt.docx',
    {
      schema: {
        tags,
        summary: 'The receipt (回执) as DOCX; with the code when it is sent (checked against its hash)',
        params: idParamsSchema,
        body: receiptDocxBodySchema,
        produces: [DOCX_TYPE],
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { subject } = await guard(ctx, request);
      const { file, number } = await receiptOf(ctx, subject, request.params.id, request.body.code);
      return reply
        .header('content-type', DOCX_TYPE)
        .header(
          'content-disposition',
          contentDisposition(`受理回执-${number}.docx`, `receipt-${number}.docx`),
        )
        .send(file);
    },
  );
  r.get(
    '/api/supervision/flags',
    {
      schema: {
        tags: ['supervision'],
        summary:
          'Cases flagged by applicants (不满意 or worse, 不认可), newest first: the supervision office',
        response: { 200: supervisionFlagListSchema, ...errorResponses },
      },
    },
    async (request) => {
      await guard(ctx, request, 'supervision.flags');
      return listSupervisionFlags(ctx);
    },
  );
}

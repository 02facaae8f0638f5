import type { FastifyInstance } from 'fastify';
import {
  caseActionRequestSchema,
  caseDetailSchema,
  caseListQuerySchema,
  caseListSchema,
  followUpDueListSchema,
  idParamsSchema,
  idempotencyHeadersSchema,
  registerCaseBodySchema,
  registeredCaseSchema,
  revealPhoneResponseSchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { guard } from '../auth/index.ts';
import { actOnCase, getCaseDetail, listCases, registerCase, revealApplicantPhone } from './case-service.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import { answerOnce } from '../../platform/idempotency/idempotency.ts';
import { listFollowUpsDue } from './follow-up-list.ts';

export function caseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['cases'];
  r.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Register a request (受理登记); the registering person is its first responder',
        headers: idempotencyHeadersSchema,
        body: registerCaseBodySchema,
        response: { 201: registeredCaseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, auth, subject } = await guard(ctx, request);
      return answerOnce(ctx, request, reply, {
        personId: auth.person.id,
        status: 201,
        perform: (claim) =>
          registerCase(ctx, { ...actor, personId: auth.person.id, subject }, request.body, claim),
      });
    },
  );
  r.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Cases this person may see: to-do, mine, my department, all',
        querystring: caseListQuerySchema,
        response: { 200: caseListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request);
      return listCases(ctx, subject, request.query);
    },
  );
  r.get(
    '/api/follow-ups',
    {
      schema: {
        tags,
        summary: 'Follow-ups waiting on me (跟踪问效): the ways I found, to check, soonest due first',
        response: { 200: followUpDueListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request);
      return listFollowUpsDue(ctx, subject);
    },
  );
  r.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'The case page: facts, approval form, timeline and what you may do now',
        params: idParamsSchema,
        response: { 200: caseDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request);
      return getCaseDetail(ctx, subject, request.params.id);
    },
  );
  r.post(
    '/api/cases/:id/actions',
    {
      schema: {
        tags,
        summary: 'Act on a case (hand over, close, notify, propose a refusal, decide, reply, …)',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: caseActionRequestSchema,
        response: { 200: caseDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, auth, subject } = await guard(ctx, request);
      return answerOnce(ctx, request, reply, {
        personId: auth.person.id,
        status: 200,
        perform: (claim) =>
          actOnCase(
            ctx,
            { ...actor, personId: auth.person.id, subject },
            { id: request.params.id, request: request.body, claim },
          ),
      });
    },
  );
  r.post(
    '/api/cases/:id/reveal-phone',
    {
      schema: {
        tags,
        summary: 'The applicant’s full phone number, for people working the case (each reveal is audited)',
        params: idParamsSchema,
        response: { 200: revealPhoneResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor, auth, subject } = await guard(ctx, request);
      return revealApplicantPhone(ctx, { ...actor, personId: auth.person.id, subject }, request.params.id);
    },
  );
}

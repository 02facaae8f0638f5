// Cross-department routes (work plan 四(一)): the co-departments of a case, and the convener's invitations.
import type { FastifyInstance } from 'fastify';
import {
  caseDetailSchema,
  consultationCandidatesSchema,
  idParamsSchema,
  idempotencyHeadersSchema,
  inviteToConsultationBodySchema,
  setCoDepartmentsBodySchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { guard } from '../auth/index.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import { answerOnce } from '../../platform/idempotency/idempotency.ts';
import { consultationCandidates, inviteToConsultation, setCoDepartments } from './consultation-service.ts';

export function consultationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['cases'];
  r.put(
    '/api/cases/:id/co-departments',
    {
      schema: {
        tags,
        summary: "Set a case's co-departments (the lead's first responder or head); those named are told",
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: setCoDepartmentsBodySchema,
        response: { 200: caseDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, auth, subject } = await guard(ctx, request);
      return answerOnce(ctx, request, reply, {
        personId: auth.person.id,
        status: 200,
        perform: (claim) =>
          setCoDepartments(
            ctx,
            { ...actor, personId: auth.person.id, subject },
            { caseId: request.params.id, body: request.body, claim },
          ),
      });
    },
  );
  r.get(
    '/api/cases/:id/consultation/candidates',
    {
      schema: {
        tags,
        summary: 'The people directory the convener invites from',
        params: idParamsSchema,
        response: { 200: consultationCandidatesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request);
      return consultationCandidates(ctx, subject, request.params.id);
    },
  );
  r.post(
    '/api/cases/:id/consultation/invitees',
    {
      schema: {
        tags,
        summary:
          'The convener invites people to the consultation (会商); they are told and may read the case',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: inviteToConsultationBodySchema,
        response: { 200: caseDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, auth, subject } = await guard(ctx, request);
      return answerOnce(ctx, request, reply, {
        personId: auth.person.id,
        status: 200,
        perform: (claim) =>
          inviteToConsultation(
            ctx,
            { ...actor, personId: auth.person.id, subject },
            { caseId: request.params.id, body: request.body, claim },
          ),
      });
    },
  );
}

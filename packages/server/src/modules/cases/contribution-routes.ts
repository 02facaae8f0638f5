import type { FastifyInstance } from 'fastify';
import {
  contributionBodySchema,
  contributionListSchema,
  idParamsSchema,
  idempotencyHeadersSchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { guard } from '../auth/index.ts';
import { listContributions, recordContribution } from './contribution-service.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import { answerOnce } from '../../platform/idempotency/idempotency.ts';

export function contributionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['cases'];
  r.get(
    '/api/cases/:id/contributions',
    {
      schema: {
        tags,
        summary: 'What each co-department contributed to a cross-department case (协作配合)',
        params: idParamsSchema,
        response: { 200: contributionListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request);
      return listContributions(ctx, subject, request.params.id);
    },
  );
  r.post(
    '/api/cases/:id/contributions',
    {
      schema: {
        tags,
        summary: 'A co-department records its contribution (its first responders or head)',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: contributionBodySchema,
        response: { 200: contributionListSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, auth, subject } = await guard(ctx, request);
      return answerOnce(ctx, request, reply, {
        personId: auth.person.id,
        status: 200,
        perform: (claim) =>
          recordContribution(
            ctx,
            { ...actor, personId: auth.person.id },
            { caseId: request.params.id, viewer: subject, body: request.body, claim },
          ),
      });
    },
  );
}

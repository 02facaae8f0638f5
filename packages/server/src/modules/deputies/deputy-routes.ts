import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  actingDeputySchema,
  appointDeputyBodySchema,
  deputyListQuerySchema,
  deputyCandidatesSchema,
  deputyListSchema,
  idParamsSchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import { guard } from '../auth/index.ts';
import * as deputies from './deputy-service.ts';

export function deputyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['acting deputies'];
  r.get(
    '/api/deputies',
    {
      schema: {
        tags,
        summary: 'Acting deputies (代理): all for administrators; otherwise those you appointed or act in',
        querystring: deputyListQuerySchema,
        response: { 200: deputyListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request);
      return deputies.listDeputies(ctx, { subject }, { past: request.query.past === 'true' });
    },
  );
  r.get(
    '/api/deputies/candidates',
    {
      schema: {
        tags,
        summary: 'The active people a deputy can be picked from (to those who may appoint one)',
        response: { 200: deputyCandidatesSchema, ...errorResponses },
      },
    },
    async (request) => {
      await guard(ctx, request, 'deputies.appoint');
      return deputies.deputyCandidates(ctx);
    },
  );
  r.post(
    '/api/deputies',
    {
      schema: {
        tags,
        summary:
          'Appoint a deputy for a chain position holder over a date range (administrators, or the holder)',
        body: appointDeputyBodySchema,
        response: { 201: actingDeputySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { subject, actor } = await guard(ctx, request);
      return reply.status(201).send(await deputies.appointDeputy(ctx, { subject, actor }, request.body));
    },
  );
  r.post(
    '/api/deputies/:id/end',
    {
      schema: {
        tags,
        summary: 'End an appointment: withdrawn before it begins, otherwise it ends yesterday',
        params: idParamsSchema,
        body: z.strictObject({}).optional(),
        response: { 200: z.object({ deputy: actingDeputySchema.nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const { subject, actor } = await guard(ctx, request);
      return { deputy: await deputies.endDeputy(ctx, { subject, actor }, request.params.id) };
    },
  );
}

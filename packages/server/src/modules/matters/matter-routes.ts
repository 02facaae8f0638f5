import type { FastifyInstance } from 'fastify';
import {
  createMatterBodySchema,
  deactivateMatterBodySchema,
  idParamsSchema,
  matterListQuerySchema,
  matterListSchema,
  matterSchema,
  updateMatterBodySchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { guard } from '../auth/index.ts';
import * as matters from './matter-service.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';

export function matterRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['matters'];
  r.get(
    '/api/departments/:id/matters',
    {
      schema: {
        tags,
        summary: 'A department’s matter list (事项清单): its active matters, or all for those who keep it',
        params: idParamsSchema,
        querystring: matterListQuerySchema,
        response: { 200: matterListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request);
      return matters.listMatters(
        ctx,
        { subject },
        { departmentId: request.params.id, all: request.query.all === 'true' },
      );
    },
  );
  r.post(
    '/api/departments/:id/matters',
    {
      schema: {
        tags,
        summary: 'Add a matter to the department’s list (administrators and the department’s head)',
        params: idParamsSchema,
        body: createMatterBodySchema,
        response: { 201: matterSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { subject, actor } = await guard(ctx, request);
      const matter = await matters.createMatter(
        ctx,
        { subject, actor },
        { departmentId: request.params.id, body: request.body },
      );
      return reply.status(201).send(matter);
    },
  );
  r.patch(
    '/api/matters/:id',
    {
      schema: {
        tags,
        summary: 'Change a matter, or take a deactivated one back (version-guarded)',
        params: idParamsSchema,
        body: updateMatterBodySchema,
        response: { 200: matterSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject, actor } = await guard(ctx, request);
      return matters.updateMatter(ctx, { subject, actor }, { id: request.params.id, body: request.body });
    },
  );
  r.post(
    '/api/matters/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Take a matter out of the list; cases already registered keep it (version-guarded)',
        params: idParamsSchema,
        body: deactivateMatterBodySchema,
        response: { 200: matterSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject, actor } = await guard(ctx, request);
      return matters.deactivateMatter(ctx, { subject, actor }, { id: request.params.id, body: request.body });
    },
  );
}

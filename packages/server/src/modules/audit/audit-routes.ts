import type { FastifyInstance } from 'fastify';
import { auditListSchema, auditQuerySchema } from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { guard } from '../auth/index.ts';
import { listAudit } from './audit-service.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  typed(app).get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: auditQuerySchema,
        response: { 200: auditListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request, 'audit.read');
      return listAudit(ctx, subject, request.query);
    },
  );
}

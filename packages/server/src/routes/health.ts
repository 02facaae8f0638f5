import type { FastifyInstance } from 'fastify';
import { healthResponseSchema } from '@bancheng/core';
import type { AppContext } from '../context.ts';
import { checkDatabase } from '../services/health-service.ts';
import { errorResponses, typed } from './common.ts';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  typed(app).get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: { 200: healthResponseSchema, ...errorResponses },
      },
    },
    async () => {
      await checkDatabase(ctx);
      return { status: 'ok' as const, db: ctx.database.dialect, version: ctx.config.version };
    },
  );
}

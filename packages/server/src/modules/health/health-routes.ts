import type { FastifyInstance } from 'fastify';
import { healthResponseSchema } from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { checkDatabase } from './health-service.ts';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../platform/http/errors.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  typed(app).get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check: 503 while the database is down or cannot store changes',
        response: { 200: healthResponseSchema, 503: healthResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const health = await checkDatabase(ctx);
      const body = { db: ctx.database.dialect, version: ctx.config.version };
      if (health.state === 'up') return reply.send({ status: 'ok' as const, ...body });
      request.log.warn({ cause: health.cause }, `health: database ${health.state} (${health.cause})`);
      return reply
        .code(503)
        .header('retry-after', DATABASE_RETRY_AFTER_SECONDS)
        .send({ status: 'unavailable' as const, database: health.state, ...body });
    },
  );
}

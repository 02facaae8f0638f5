import type { FastifyInstance } from 'fastify';
import { caseOverviewSchema } from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { guard } from '../auth/index.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import { getCaseOverview } from './case-overview.ts';

export function overviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  r.get(
    '/api/overview',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Oversight counts of the cases I read: overdue by level, reply and department; open, overdue, refused',
        response: { 200: caseOverviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request, 'overview.read');
      return getCaseOverview(ctx, subject);
    },
  );
}

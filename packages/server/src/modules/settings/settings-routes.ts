import type { FastifyInstance } from 'fastify';
import { bureauSettingsSchema, updateBureauSettingsBodySchema } from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { guard } from '../auth/index.ts';
import { getBureauSettings, updateBureauSettings } from './settings-service.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';

export function settingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['settings'];
  r.get(
    '/api/settings/bureau',
    {
      schema: {
        tags,
        summary: 'The bureau’s time limits: each approval level, the reply and how it is counted, follow-up',
        response: { 200: bureauSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      await guard(ctx, request);
      return getBureauSettings(ctx);
    },
  );
  r.put(
    '/api/settings/bureau',
    {
      schema: {
        tags,
        summary: 'Set the bureau’s time limits (administrators)',
        body: updateBureauSettingsBodySchema,
        response: { 200: bureauSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = await guard(ctx, request, 'settings.manage');
      return updateBureauSettings(ctx, actor, request.body);
    },
  );
}

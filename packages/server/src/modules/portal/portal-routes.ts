import type { FastifyInstance } from 'fastify';
import {
  idParamsSchema,
  portalRulesAdminSchema,
  portalRulesVersionSchema,
  publicChainSchema,
  publicDepartmentSchema,
  publicRulesSchema,
  publicUnitsSchema,
  publishPortalDraftBodySchema,
  savePortalDraftBodySchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import { guard } from '../auth/index.ts';
import {
  getPortalAdmin,
  getPublicChain,
  getPublicDepartment,
  getPublicRules,
  getPublicUnits,
  publishDraft,
  saveDraft,
} from './portal-service.ts';

/** The public routes take no session and show only what is published; the admin routes go through guard. */
export function portalRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const pub = ['public'];
  r.get(
    '/api/public/rules',
    {
      schema: {
        tags: pub,
        summary: 'The published first-inquiry rules and duties (首问负责制规定、职责内容), current version',
        response: { 200: publicRulesSchema, ...errorResponses },
      },
    },
    async () => getPublicRules(ctx),
  );
  r.get(
    '/api/public/units',
    {
      schema: {
        tags: pub,
        summary: 'Every unit with its departments (ids and names), for the public pages and the report form',
        response: { 200: publicUnitsSchema, ...errorResponses },
      },
    },
    async () => getPublicUnits(ctx),
  );
  r.get(
    '/api/public/chain',
    {
      schema: {
        tags: pub,
        summary: 'The four-level chain for the flow chart: its levels, their time limits, the reply’s',
        response: { 200: publicChainSchema, ...errorResponses },
      },
    },
    async () => getPublicChain(ctx),
  );
  r.get(
    '/api/public/departments/:id',
    {
      schema: {
        tags: pub,
        summary:
          "A department's matter list in use and its four-level chain today (names and titles only), with the levels' time limits",
        params: idParamsSchema,
        response: { 200: publicDepartmentSchema, ...errorResponses },
      },
    },
    async (request) => getPublicDepartment(ctx, request.params.id),
  );

  const tags = ['portal'];
  r.get(
    '/api/portal/rules',
    {
      schema: {
        tags,
        summary: 'The rules for the administrator: the draft, the current version and every published one',
        response: { 200: portalRulesAdminSchema, ...errorResponses },
      },
    },
    async (request) => {
      await guard(ctx, request, 'portal.manage');
      return getPortalAdmin(ctx);
    },
  );
  r.put(
    '/api/portal/rules/draft',
    {
      schema: {
        tags,
        summary: 'Write the draft of the next version (version 0 starts one; else the draft’s version seen)',
        body: savePortalDraftBodySchema,
        response: { 200: portalRulesVersionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor, auth } = await guard(ctx, request, 'portal.manage');
      return saveDraft(ctx, { ...actor, personId: auth.person.id }, request.body);
    },
  );
  r.post(
    '/api/portal/rules/draft/publish',
    {
      schema: {
        tags,
        summary: 'Publish the draft: it becomes the current version on the public site, kept in the history',
        body: publishPortalDraftBodySchema,
        response: { 200: portalRulesAdminSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor, auth } = await guard(ctx, request, 'portal.manage');
      return publishDraft(ctx, { ...actor, personId: auth.person.id }, request.body.version);
    },
  );
}

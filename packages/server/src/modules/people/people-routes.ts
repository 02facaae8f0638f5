import type { FastifyInstance } from 'fastify';
import {
  createPersonBodySchema,
  idParamsSchema,
  personListQuerySchema,
  personListSchema,
  personSchema,
  resetPasswordBodySchema,
  updatePersonBodySchema,
  versionBodySchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { guard } from '../auth/index.ts';
import { langOf } from '../../platform/http/errors.ts';
import * as people from './people-service.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';

export function peopleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['people'];
  r.get(
    '/api/people',
    {
      schema: {
        tags,
        querystring: personListQuerySchema,
        response: { 200: personListSchema, ...errorResponses },
      },
    },
    async (request) => {
      await guard(ctx, request, 'people.manage');
      return people.listPeopleFor(ctx, request.query);
    },
  );
  r.post(
    '/api/people',
    { schema: { tags, body: createPersonBodySchema, response: { 201: personSchema, ...errorResponses } } },
    async (request, reply) => {
      const { actor } = await guard(ctx, request, 'people.manage');
      return reply.status(201).send(await people.createPerson(ctx, actor, request.body, langOf(request)));
    },
  );
  r.get(
    '/api/people/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: personSchema, ...errorResponses } } },
    async (request) => {
      await guard(ctx, request, 'people.manage');
      return people.getPerson(ctx, request.params.id);
    },
  );
  r.patch(
    '/api/people/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updatePersonBodySchema,
        response: { 200: personSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = await guard(ctx, request, 'people.manage');
      return people.updatePerson(ctx, actor, request.params.id, request.body);
    },
  );
  for (const [action, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    r.post(
      `/api/people/:id/${action}`,
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: versionBodySchema,
          response: { 200: personSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { actor } = await guard(ctx, request, 'people.manage');
        return people.setPersonStatus(ctx, actor, {
          id: request.params.id,
          version: request.body.version,
          status,
        });
      },
    );
  }
  r.post(
    '/api/people/:id/reset-password',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: resetPasswordBodySchema,
        response: { 200: personSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = await guard(ctx, request, 'people.manage');
      return people.resetPassword(ctx, actor, {
        id: request.params.id,
        ...request.body,
        lang: langOf(request),
      });
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createDepartmentBodySchema,
  createUnitBodySchema,
  departmentSchema,
  idParamsSchema,
  orgTreeSchema,
  orgUnitSchema,
  updateDepartmentBodySchema,
  updateUnitBodySchema,
  versionQuerySchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { guard } from '../auth/index.ts';
import * as org from './org-service.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';

export function orgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['organisation'];
  r.get(
    '/api/org/tree',
    {
      schema: {
        tags,
        summary: 'Units and their departments',
        response: { 200: orgTreeSchema, ...errorResponses },
      },
    },
    async (request) => {
      await guard(ctx, request);
      return { units: await org.getOrgTree(ctx) };
    },
  );
  r.post(
    '/api/org/units',
    { schema: { tags, body: createUnitBodySchema, response: { 201: orgUnitSchema, ...errorResponses } } },
    async (request, reply) => {
      const { actor } = await guard(ctx, request, 'org.manage');
      return reply.status(201).send(await org.createUnit(ctx, actor, request.body));
    },
  );
  r.patch(
    '/api/org/units/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updateUnitBodySchema,
        response: { 200: orgUnitSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = await guard(ctx, request, 'org.manage');
      return org.updateUnit(ctx, actor, { id: request.params.id, ...request.body });
    },
  );
  r.delete(
    '/api/org/units/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        querystring: versionQuerySchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor } = await guard(ctx, request, 'org.manage');
      await org.removeUnit(ctx, actor, { id: request.params.id, version: request.query.version });
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/org/departments',
    {
      schema: {
        tags,
        body: createDepartmentBodySchema,
        response: { 201: departmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor } = await guard(ctx, request, 'org.manage');
      return reply.status(201).send(await org.createDepartment(ctx, actor, request.body));
    },
  );
  r.patch(
    '/api/org/departments/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updateDepartmentBodySchema,
        response: { 200: departmentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = await guard(ctx, request, 'org.manage');
      return org.updateDepartment(ctx, actor, { id: request.params.id, ...request.body });
    },
  );
  r.delete(
    '/api/org/departments/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        querystring: versionQuerySchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor } = await guard(ctx, request, 'org.manage');
      await org.removeDepartment(ctx, actor, { id: request.params.id, version: request.query.version });
      return reply.status(204).send(null);
    },
  );
}

// Shared route helpers: the typed instance and the error responses every route documents.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '@bancheng/core';

export type App = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
export const errorResponses = { '4xx': errorResponseSchema, '5xx': errorResponseSchema } as const;

/** A feature module's routes as one Fastify plugin, so hooks a module adds stay scoped to it. */
export type ModulePlugin = FastifyPluginAsync<{ ctx: AppContext }>;

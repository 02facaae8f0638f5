// Shared route helpers: the typed instance and the error responses every route documents.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '@bancheng/core';

export type App = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
export const errorResponses = { '4xx': errorResponseSchema, '5xx': errorResponseSchema } as const;

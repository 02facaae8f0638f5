import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { changePasswordBodySchema, languageBodySchema, loginBodySchema, meSchema } from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { authenticate, changeOwnPassword, loadMe, login, logout, setLanguage } from './auth-service.ts';
import { clearSessionCookie, guard, setSessionCookie } from './session.ts';
import { langOf } from '../../platform/http/errors.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: loginBodySchema,
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const signedIn = await login(ctx, {
        username: request.body.username,
        password: request.body.password,
        address: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(request, reply, signedIn.token);
      const auth = await authenticate(ctx, signedIn.token);
      if (!auth) throw new Error('session vanished right after sign-in');
      return loadMe(ctx, auth);
    },
  );
  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      const { auth } = await guard(ctx, request);
      await logout(ctx, auth, request.ip);
      clearSessionCookie(request, reply);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in person',
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { auth } = await guard(ctx, request);
      return loadMe(ctx, auth);
    },
  );
  r.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password',
        body: changePasswordBodySchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { auth } = await guard(ctx, request);
      await changeOwnPassword(ctx, {
        auth,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        address: request.ip,
        lang: langOf(request),
      });
      return reply.status(204).send(null);
    },
  );
  r.put(
    '/api/auth/language',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set the language I read in (notifications by email and SMS come in it)',
        body: languageBodySchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { auth } = await guard(ctx, request);
      await setLanguage(ctx, { auth, language: request.body.language, address: request.ip });
      return reply.status(204).send(null);
    },
  );
}

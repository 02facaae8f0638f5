// Who is asking: the session cookie, CSRF on state-changing requests, and the guard every route calls.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppError,
  abilitiesOf,
  type Abilities,
  type GlobalPermission,
  type Role,
  type Subject,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { authenticate, type Authenticated } from './auth-service.ts';
import { subjectOf } from '../access/index.ts';
import { clockOf } from '../../platform/context.ts';
import { todayInChina } from '../../platform/ids.ts';

export const SESSION_COOKIE = 'bc_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes a person who must change their password may still use. */
const PASSWORD_CHANGE_ALLOWED = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

export function registerSession(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.auth = token ? ((await authenticate(ctx, token)) ?? null) : null;
  });
  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    if (request.routeOptions.url === '/api/auth/login') {
      // Sign-in has no session yet: refuse cross-site posts by their Origin.
      assertSameOrigin(request);
      return;
    }
    if (request.routeOptions.url?.startsWith('/api/public/')) {
      // The public pages (an applicant's tracking) never use a session: the same Origin check as sign-in.
      assertSameOrigin(request);
      return;
    }
    if (!request.auth) return; // the route's guard answers 401
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !equalStrings(sent, request.auth.csrfToken)) {
      throw new AppError('CSRF_FAILED');
    }
  });
}

function equalStrings(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) return;
  try {
    if (new URL(origin).host !== request.headers.host) throw new AppError('CSRF_FAILED');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('CSRF_FAILED');
  }
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

export interface Guarded {
  auth: Authenticated;
  actor: Actor;
  /** Who is asking, as the access policy sees them; object checks take this. */
  subject: Subject;
  roles: readonly Role[];
  abilities: Abilities;
}

/**
 * Every route but sign-in and health calls this. Without a session: 401. Lacking the ability: 404,
 * so outsiders learn nothing about what exists. A one-time password must be changed first.
 */
export async function guard(
  ctx: AppContext,
  request: FastifyRequest,
  permission?: GlobalPermission,
): Promise<Guarded> {
  const auth = request.auth;
  if (!auth) throw new AppError('UNAUTHENTICATED');
  const path = request.routeOptions.url ?? '';
  if (auth.person.mustChangePassword && !PASSWORD_CHANGE_ALLOWED.has(path)) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED');
  }
  const subject = await subjectOf(ctx.database.db, auth.person.id, todayInChina(clockOf(ctx)), {
    homeDepartmentId: auth.person.departmentId,
  });
  const abilities = abilitiesOf(subject);
  if (permission && !abilities[permission]) throw new AppError('NOT_FOUND');
  return {
    auth,
    subject,
    roles: subject.roles,
    abilities,
    actor: { personId: auth.person.id, address: request.ip },
  };
}

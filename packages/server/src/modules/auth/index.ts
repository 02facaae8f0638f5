// Sign-in, sessions, CSRF, the lockout, passwords, and the guard every route calls.
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { authRoutes } from './auth-routes.ts';

export { purgeExpiredSessions } from './auth-service.ts';
export { hashPassword, randomPassword } from './passwords.ts';
export { deleteSessionsOf } from './session-repository.ts';
export { guard, registerSession } from './session.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const authModule: ModulePlugin = async (app, { ctx }) => {
  authRoutes(app, ctx);
};

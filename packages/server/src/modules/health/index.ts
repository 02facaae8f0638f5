// Liveness and the database's state, for operators and load balancers.
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { healthRoutes } from './health-routes.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const healthModule: ModulePlugin = async (app, { ctx }) => {
  healthRoutes(app, ctx);
};

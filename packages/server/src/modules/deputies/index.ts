// Acting deputies (代理): appointments over date ranges, by administrators or the position holder.
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { deputyRoutes } from './deputy-routes.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const deputiesModule: ModulePlugin = async (app, { ctx }) => {
  deputyRoutes(app, ctx);
};

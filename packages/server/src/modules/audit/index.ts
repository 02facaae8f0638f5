// The audit log as its readers see it: filtered, paged, a case's events only to readers of the case.
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { auditRoutes } from './audit-routes.ts';

export { auditListPlanQueries } from './audit-list-plans.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const auditModule: ModulePlugin = async (app, { ctx }) => {
  auditRoutes(app, ctx);
};

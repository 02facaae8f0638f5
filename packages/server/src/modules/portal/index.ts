// The portal (公开): the published first-inquiry rules and duties with their versions, and the public
// site's reads (units, a department's matter list and chain). The module's public face.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { portalRoutes } from './portal-routes.ts';

export { ensureShippedPortalRules } from './portal-service.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const portalModule: ModulePlugin = async (app, { ctx }) => {
  portalRoutes(app, ctx);
};

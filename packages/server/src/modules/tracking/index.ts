// The applicant's own view (回执, 查询码, 好差评, 重新办理): the public tracking page, ratings, reopen, and the
// flags the supervision office picks up. The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { trackingRoutes } from './tracking-routes.ts';

export { issueTrackingCode, noteCaseAction, registrationCodeEvent } from './tracking-service.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const trackingModule: ModulePlugin = async (app, { ctx }) => {
  trackingRoutes(app, ctx);
};

// The bureau's own settings: the time limits of the approval levels and of the reply (局设置).
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { settingsRoutes } from './settings-routes.ts';

export { getBureauSettings, getClockSettings } from './settings-service.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const settingsModule: ModulePlugin = async (app, { ctx }) => {
  settingsRoutes(app, ctx);
};

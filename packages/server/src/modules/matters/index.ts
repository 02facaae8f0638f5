// Each department's matter list (事项清单) with statutory time limits.
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { matterRoutes } from './matter-routes.ts';

export { findMatterRow, insertMatter, listDepartmentMatters } from './matter-repository.ts';
export type { MatterRecord } from './matter-repository.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const mattersModule: ModulePlugin = async (app, { ctx }) => {
  matterRoutes(app, ctx);
};

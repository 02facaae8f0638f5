// Responsibility chains (四级责任链条) with effective dates, and the Attachment 3 roster export and import.
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { chainRoutes } from './chain-routes.ts';

export { assignmentsOn, bureauPrincipalLeadersOn, holdsPositionBetween } from './chain-repository.ts';
export { setChainInTransaction } from './chain-service.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const chainsModule: ModulePlugin = async (app, { ctx }) => {
  chainRoutes(app, ctx);
};

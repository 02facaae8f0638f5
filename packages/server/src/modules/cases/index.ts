// Cases (事项) and everything on them: registration, the workflow, facts, attachments, documents, contributions.
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { caseAttachmentRoutes } from './attachment-routes.ts';
import { caseRoutes } from './case-routes.ts';
import { contributionRoutes } from './contribution-routes.ts';
import { consultationRoutes } from './consultation-routes.ts';
import { caseDocumentRoutes } from './document-routes.ts';
import { overviewRoutes } from './overview-routes.ts';

export { holdersFor, requireCase, type CaseViewer } from './case-access.ts';
export { actingForOn } from './case-repository.ts';
export { visibleCaseIds } from './case-list-repository.ts';
export { caseListPlanQueries, overviewPlanQueries, type PlannedQuery } from './case-list-plans.ts';
export { actOnCase, registerCase } from './case-service.ts';
// For the data generator (bootstrap/generator), so bulk-written rows are the rows the service writes.
export { actionEvent } from './case-action-records.ts';
// For the ledger: the attachment store and content checks, and the case list search (its own scope).
export { attachmentFileName } from './attachment-service.ts';
export {
  discardFile,
  keepFile,
  openKeptFile,
  receiveFile,
  sniffMediaType,
  type ReceivedFile,
} from './attachment-store.ts';
export { listCases } from './case-service.ts';
export { changesFor, newCaseRow, replyRowOf } from './case-mapper.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const casesModule: ModulePlugin = async (app, { ctx }) => {
  caseRoutes(app, ctx);
  contributionRoutes(app, ctx);
  consultationRoutes(app, ctx);
  caseDocumentRoutes(app, ctx);
  caseAttachmentRoutes(app, ctx);
  overviewRoutes(app, ctx);
};

// The supervision ledger (台账, work plan 四(三)): the public report API, the staff ledger, supervision
// orders, referrals to discipline inspection, the order reminders. The module's public face.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { ledgerRoutes } from './ledger-routes.ts';
import { publicReportRoutes } from './public-routes.ts';

export { raiseReportFromFlag } from './report-intake.ts';
export { scheduleOrderReminders } from './order-reminders.ts';
// The demo ledger (bootstrap/demo/demo-ledger.ts) goes through the same steps as the routes.
export {
  answerOrder,
  recordReferralFinding,
  referToDiscipline,
  replyToReporter,
  superviseReport,
  triageReport,
  verifyOrder,
} from './ledger-service.ts';
export { registerReport } from './report-intake.ts';
export type { LedgerActor } from './report-reading.ts';
export { newChallenge, submitPublicReport } from './public-service.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const ledgerModule: ModulePlugin = async (app, { ctx }) => {
  publicReportRoutes(app, ctx);
  ledgerRoutes(app, ctx);
};

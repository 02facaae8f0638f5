// The in-app inbox, and delivery of the outbox by email and SMS.
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { notificationRoutes } from './notification-routes.ts';

// The cases module calls this with its rows until it maps them itself; then it takes NotifiedCase and
// notification-service's notifyCaseChange.
export { notifyCaseRowChange as notifyCaseChange } from './notification-mapper.ts';
export type { NotifiedCase } from './notification-service.ts';
export { deliveryChannelsOf, enqueueNotifications } from './notification-service.ts';
export type { OutboxChannel, OutboxOutcome } from './outbox.ts';
export { createOutboxWorker } from './outbox-worker.ts';
export { queueApplicantSms } from './applicant-sms.ts';
export { scheduleClockReminders } from './clock-reminders.ts';
export type { OutboxWorker } from './outbox-worker.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const notificationsModule: ModulePlugin = async (app, { ctx }) => {
  notificationRoutes(app, ctx);
};

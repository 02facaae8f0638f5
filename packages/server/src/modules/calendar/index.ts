// The working-day calendar: shipped State Council schedules, admin years, due dates.
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { calendarRoutes } from './calendar-routes.ts';

export {
  computeDueDate,
  ensureShippedCalendar,
  getCalendarStatus,
  getWorkCalendar,
} from './calendar-service.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const calendarModule: ModulePlugin = async (app, { ctx }) => {
  calendarRoutes(app, ctx);
};

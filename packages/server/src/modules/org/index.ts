// The organisation: units (the bureau, 分局, 所) and their departments (科室).
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { orgRoutes } from './org-routes.ts';

export {
  departmentsWithUnit,
  findDepartment,
  findUnit,
  insertDepartment,
  insertUnit,
  loadOrgTree,
} from './org-repository.ts';
export type { DepartmentRecord, DepartmentWithUnit, UnitRecord } from './org-repository.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const orgModule: ModulePlugin = async (app, { ctx }) => {
  orgRoutes(app, ctx);
};

// People, their roles and accounts.
// The module's public face: what other modules and the app may use.
import type { ModulePlugin } from '../../platform/http/routes.ts';
import { peopleRoutes } from './people-routes.ts';

export {
  activePeopleWithRole,
  addRole,
  clearLoginFailures,
  countPeople,
  findAccountById,
  findAccountByUsername,
  findPersonRowById,
  insertPerson,
  listActivePeopleRefs,
  listActivePeopleWithDepartment,
  peopleRefsByIds,
  rolesOfPerson,
  setOwnLanguage,
  setOwnPassword,
  toPersonRef,
} from './people-repository.ts';
export type { NewPersonAccount, PersonAccount } from './people-repository.ts';

/** The module's routes, registered by the app as one Fastify plugin. */
export const peopleModule: ModulePlugin = async (app, { ctx }) => {
  peopleRoutes(app, ctx);
};

// What a person may do in the administrative areas, from their roles. Case-level access (issue 3)
// also looks at the organisation and the chains; this covers the areas that depend on roles alone.
import type { Role } from './roles.ts';

export interface Abilities {
  manageOrganisation: boolean;
  managePeople: boolean;
  manageChains: boolean;
  manageCalendar: boolean;
  readRoster: boolean;
  readAudit: boolean;
}

export function abilitiesFor(roles: readonly Role[]): Abilities {
  const has = (role: Role) => roles.includes(role);
  const admin = has('admin');
  return {
    manageOrganisation: admin,
    managePeople: admin,
    manageChains: admin,
    manageCalendar: admin,
    readRoster: true,
    readAudit: admin || has('supervisionOffice') || has('disciplineInspection'),
  };
}

// The one vocabulary of what a person may do. Global permissions depend on the person alone (their roles
// and the chain positions they hold); object permissions also on the object (a case, a department's matter
// list, a notification). Every route asks the access resolver for one of these and nothing else.

/** Permissions that need no object: they decide menus, and the routes of the administrative areas. */
export const GLOBAL_PERMISSIONS = [
  'org.manage',
  'people.manage',
  'chains.manage',
  'calendar.manage',
  'roster.read',
  'audit.read',
  'case.register',
  /** Keep some department's matter list (the menu); which departments, `canManageMatters` decides. */
  'matters.manage',
  /** The bureau's time limits (bureau settings). */
  'settings.manage',
  /** Appoint acting deputies: administrators for any holder, a chain position holder for themselves. */
  'deputies.appoint',
  /** The supervision office's list of cases flagged by applicants (不满意 or 不认可). */
  'supervision.flags',
  /** The oversight counts of the home page (overdue by level and department; open, overdue, refused):
   * the supervision office, discipline inspection and principal leaders, over the cases they read. */
  'overview.read',
  /** The supervision ledger (台账): the supervision office and discipline inspection read the reports
   * they receive or oversee (which ones, `reportRolesOf` in supervision/rules.ts decides). */
  'ledger.read',
  /** Register a report from a phone call, a letter or a visit: the supervision office, discipline inspection. */
  'ledger.register',
  /** The supervision orders addressed to the departments a person heads (their to-do). */
  'ledger.orders',
  /** Discipline inspection's referrals (移送纪检). */
  'ledger.referrals',
] as const;
export type GlobalPermission = (typeof GLOBAL_PERMISSIONS)[number];

export const CASE_PERMISSIONS = [
  'case.read',
  /** Take a workflow action; which actions the workflow rules decide. */
  'case.act',
  'case.upload',
  'case.contribute',
  'case.revealPhone',
  'case.documents',
] as const;
export type CasePermission = (typeof CASE_PERMISSIONS)[number];

/** Every permission the resolver decides. A department's matter list is `matters.manage` with the department
 * (`canManageMatters`); a notification is only ever its own person's (the notifications repository's scope). */
export type Permission = GlobalPermission | CasePermission;

/** What `/api/auth/me` sends: the web app shows menus and buttons from this map, never from role names. */
export type Abilities = Record<GlobalPermission, boolean>;

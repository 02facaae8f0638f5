// People, their roles and their sign-in state.
import { sql } from 'kysely';
import type { Lang, Person, PersonRef, Role } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { NewPerson, PersonRow } from '../../platform/db/schema.ts';

type Executor = Db | Trx;

function selectPeopleWithOrg(db: Executor) {
  return db
    .selectFrom('people')
    .innerJoin('departments', 'departments.id', 'people.department_id')
    .innerJoin('org_units', 'org_units.id', 'departments.unit_id')
    .selectAll('people')
    .select(['departments.name as department_name', 'org_units.name as unit_name']);
}

type PersonWithOrg = PersonRow & { department_name: string; unit_name: string };

function toPerson(row: PersonWithOrg, roles: Role[]): Person {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    unitName: row.unit_name,
    roles,
    phone: row.phone,
    email: row.email,
    status: row.status === 'disabled' ? 'disabled' : 'active',
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: row.locked_until,
    version: row.version,
    createdAt: row.created_at,
  };
}

/** A person's account as signing in and the session guard see it. */
export interface PersonAccount {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  passwordHash: string;
  status: Person['status'];
  mustChangePassword: boolean;
  lockedUntil: string | null;
  version: number;
  /** The language they read in (0020). */
  language: Lang;
}

/** A new account: active, unlocked, its password set now. */
export interface NewPersonAccount {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  passwordHash: string;
  phone: string | null;
  email: string | null;
  mustChangePassword: boolean;
  now: string;
}

function toPersonAccount(row: PersonRow): PersonAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    departmentId: row.department_id,
    passwordHash: row.password_hash,
    status: row.status,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: row.locked_until,
    version: row.version,
    language: row.language,
  };
}

function toNewPersonRow(a: NewPersonAccount): NewPerson {
  return {
    id: a.id,
    username: a.username,
    display_name: a.displayName,
    department_id: a.departmentId,
    password_hash: a.passwordHash,
    phone: a.phone,
    email: a.email,
    status: 'active',
    must_change_password: a.mustChangePassword ? 1 : 0,
    failed_logins: 0,
    locked_until: null,
    password_changed_at: a.now,
    version: 0,
    created_at: a.now,
    updated_at: a.now,
  };
}

export function toPersonRef(row: { id: string; username: string; display_name: string }): PersonRef {
  return { id: row.id, username: row.username, displayName: row.display_name };
}

async function rolesOf(db: Executor, personIds: string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>();
  if (personIds.length === 0) return map;
  const rows = await db.selectFrom('person_roles').selectAll().where('person_id', 'in', personIds).execute();
  for (const r of rows) {
    const list = map.get(r.person_id) ?? [];
    list.push(r.role);
    map.set(r.person_id, list);
  }
  return map;
}

export async function findPersonRowById(db: Executor, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPersonRowByUsername(
  db: Executor,
  username: string,
): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findAccountById(db: Executor, id: string): Promise<PersonAccount | undefined> {
  const row = await findPersonRowById(db, id);
  return row && toPersonAccount(row);
}

export async function findAccountByUsername(
  db: Executor,
  username: string,
): Promise<PersonAccount | undefined> {
  const row = await findPersonRowByUsername(db, username);
  return row && toPersonAccount(row);
}

export async function loadPerson(db: Executor, id: string): Promise<Person | undefined> {
  const row = await selectPeopleWithOrg(db).where('people.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const roles = await rolesOf(db, [id]);
  return toPerson(row, roles.get(id) ?? []);
}

export async function listPeople(
  db: Executor,
  query: {
    q?: string | undefined;
    departmentId?: string | undefined;
    role?: Role | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: Person[]; total: number }> {
  let base = selectPeopleWithOrg(db);
  if (query.q) {
    const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where(
      sql<boolean>`(lower(people.username) like ${like} escape '\\' or lower(people.display_name) like ${like} escape '\\')`,
    );
  }
  if (query.departmentId) base = base.where('people.department_id', '=', query.departmentId);
  if (query.role) {
    const role = query.role;
    base = base.where('people.id', 'in', (eb) =>
      eb.selectFrom('person_roles').select('person_id').where('role', '=', role),
    );
  }
  const rows = await base
    .orderBy('org_units.sort_order')
    .orderBy('departments.sort_order')
    .orderBy('people.username')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const count = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return { total: Number(count.n), items: rows.map((r) => toPerson(r, roles.get(r.id) ?? [])) };
}

export async function insertPerson(
  trx: Trx,
  person: NewPersonAccount,
  roles: readonly Role[],
): Promise<void> {
  await trx.insertInto('people').values(toNewPersonRow(person)).execute();
  if (roles.length > 0) {
    await trx
      .insertInto('person_roles')
      .values(roles.map((role) => ({ person_id: person.id, role })))
      .execute();
  }
}

export async function replaceRoles(trx: Trx, personId: string, roles: readonly Role[]): Promise<void> {
  await trx.deleteFrom('person_roles').where('person_id', '=', personId).execute();
  if (roles.length > 0) {
    await trx
      .insertInto('person_roles')
      .values([...new Set(roles)].map((role) => ({ person_id: personId, role })))
      .execute();
  }
}

export async function addRole(trx: Trx, personId: string, role: Role): Promise<void> {
  const existing = await trx
    .selectFrom('person_roles')
    .select('role')
    .where('person_id', '=', personId)
    .where('role', '=', role)
    .executeTakeFirst();
  if (!existing) await trx.insertInto('person_roles').values({ person_id: personId, role }).execute();
}

/** Applies `changes` only if the row is still at `version`; returns whether it did. */
export async function updatePersonRow(
  trx: Trx,
  args: { id: string; version: number; changes: Partial<Omit<PersonRow, 'id' | 'version'>> },
): Promise<boolean> {
  const r = await trx
    .updateTable('people')
    .set({ ...args.changes, version: args.version + 1 })
    .where('id', '=', args.id)
    .where('version', '=', args.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The person's own new password, guarded by the version they were signed in with; false if it moved on. */
export async function setOwnPassword(
  trx: Trx,
  args: { id: string; version: number; passwordHash: string; now: string },
): Promise<boolean> {
  return updatePersonRow(trx, {
    id: args.id,
    version: args.version,
    changes: {
      password_hash: args.passwordHash,
      must_change_password: 0,
      password_changed_at: args.now,
      updated_at: args.now,
    },
  });
}

/** One's own reading language is a preference, not an edit of the person: it does not bump the version. */
export async function setOwnLanguage(trx: Trx, args: { id: string; language: Lang }): Promise<void> {
  await trx.updateTable('people').set({ language: args.language }).where('id', '=', args.id).execute();
}

/** Sign-in bookkeeping is not a user edit: it does not bump the version. */
export async function clearLoginFailures(trx: Trx, id: string): Promise<void> {
  await trx
    .updateTable('people')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', id)
    .execute();
}

export async function countPeople(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function rolesOfPerson(db: Executor, personId: string): Promise<Role[]> {
  return (await rolesOf(db, [personId])).get(personId) ?? [];
}

/** Active people as the roster import matches them: by username or by name. */
export async function listActivePeopleRefs(db: Executor): Promise<PersonRef[]> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'username', 'display_name'])
    .where('status', '=', 'active')
    .execute();
  return rows.map(toPersonRef);
}

/** The ids of the active people holding `role` (the supervision office's, for reminders). */
export async function activePeopleWithRole(db: Executor, role: Role): Promise<string[]> {
  const rows = await db
    .selectFrom('person_roles')
    .innerJoin('people', 'people.id', 'person_roles.person_id')
    .select('people.id')
    .where('person_roles.role', '=', role)
    .where('people.status', '=', 'active')
    .orderBy('people.id')
    .execute();
  return rows.map((r) => r.id);
}

export async function peopleRefsByIds(
  db: Executor,
  ids: readonly string[],
): Promise<(PersonRef & { departmentId: string })[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('people')
    .select(['id', 'username', 'display_name', 'department_id'])
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({ ...toPersonRef(r), departmentId: r.department_id }));
}

/** Every active account with the name of its department, by department then name (a picker's list). */
export async function listActivePeopleWithDepartment(
  db: Executor,
): Promise<(PersonRef & { departmentName: string })[]> {
  const rows = await db
    .selectFrom('people')
    .innerJoin('departments', 'departments.id', 'people.department_id')
    .select(['people.id', 'people.username', 'people.display_name', 'departments.name as department_name'])
    .where('people.status', '=', 'active')
    .orderBy('departments.name')
    .orderBy('people.display_name')
    .execute();
  return rows.map((r) => ({ ...toPersonRef(r), departmentName: r.department_name }));
}

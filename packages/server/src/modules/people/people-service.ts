// Administrators manage people: create, edit, roles, disable/enable, reset passwords.
import {
  AppError,
  checkPassword,
  describePasswordViolations,
  type CreatePersonBody,
  type Lang,
  type Person,
  type Role,
  type UpdatePersonBody,
} from '@bancheng/core';
import { nowIsoOf, todayOf, type AppContext } from '../../platform/context.ts';
import { holdsPositionBetween } from '../chains/index.ts';
import { maskPhone } from '../../platform/personal-data.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import {
  findPersonRowById,
  findPersonRowByUsername,
  insertPerson,
  listPeople,
  loadPerson,
  replaceRoles,
  updatePersonRow,
} from './people-repository.ts';
import { findDepartment } from '../org/index.ts';
import { deleteSessionsOf } from '../auth/index.ts';
import { hashPassword } from '../auth/index.ts';
import { newId } from '../../platform/ids.ts';

export async function listPeopleFor(
  ctx: AppContext,
  query: Parameters<typeof listPeople>[1],
): Promise<{ items: Person[]; total: number; page: number; pageSize: number }> {
  const result = await listPeople(ctx.database.db, query);
  return { ...result, page: query.page, pageSize: query.pageSize };
}

export async function getPerson(ctx: AppContext, id: string): Promise<Person> {
  const person = await loadPerson(ctx.database.db, id);
  if (!person) throw new AppError('NOT_FOUND');
  return person;
}

function assertPasswordPolicy(password: string, username: string, lang: Lang, field: string): void {
  const violations = checkPassword(password, { username });
  if (violations.length > 0) {
    throw new AppError('PASSWORD_POLICY', {
      fields: { [field]: describePasswordViolations(violations, lang) },
    });
  }
}

/** What the audit log keeps of a person: no password hash, phone masked. */
function auditView(p: Person): Record<string, unknown> {
  return {
    username: p.username,
    displayName: p.displayName,
    departmentId: p.departmentId,
    roles: p.roles,
    status: p.status,
    phone: p.phone ? maskPhone(p.phone) : null,
    email: p.email,
  };
}

export async function createPerson(
  ctx: AppContext,
  actor: Actor,
  input: CreatePersonBody & { roles: Role[] },
  lang: Lang,
): Promise<Person> {
  assertPasswordPolicy(input.password, input.username, lang, 'password');
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await findDepartment(trx, input.departmentId))) {
      throw new AppError('VALIDATION_FAILED', { fields: { departmentId: 'notFound' } });
    }
    if (await findPersonRowByUsername(trx, input.username)) throw new AppError('USERNAME_TAKEN');
    const now = nowIsoOf(ctx);
    await insertPerson(
      trx,
      {
        id,
        username: input.username,
        displayName: input.displayName,
        departmentId: input.departmentId,
        passwordHash,
        phone: input.phone ?? null,
        email: input.email ?? null,
        mustChangePassword: true,
        now,
      },
      [...new Set(input.roles)],
    );
    const created = await loadPerson(trx, id);
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'person.created',
        subjectId: id,
        payload: { before: null, after: created ? auditView(created) : null },
      },
      now,
    );
  });
  return getPerson(ctx, id);
}

export async function updatePerson(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdatePersonBody,
): Promise<Person> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await loadPerson(trx, id);
    if (!before) throw new AppError('NOT_FOUND');
    if (input.departmentId && !(await findDepartment(trx, input.departmentId))) {
      throw new AppError('VALIDATION_FAILED', { fields: { departmentId: 'notFound' } });
    }
    if (
      input.roles &&
      actor.personId === id &&
      before.roles.includes('admin') &&
      !input.roles.includes('admin')
    ) {
      throw new AppError('VALIDATION_FAILED', { fields: { roles: 'cannotRemoveOwnAdmin' } });
    }
    const ok = await updatePersonRow(trx, {
      id,
      version: input.version,
      changes: {
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        ...(input.departmentId !== undefined && { department_id: input.departmentId }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.email !== undefined && { email: input.email }),
        updated_at: nowIsoOf(ctx),
      },
    });
    if (!ok) throw new AppError('VERSION_CONFLICT');
    if (input.roles) await replaceRoles(trx, id, input.roles);
    const after = await loadPerson(trx, id);
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'person.updated',
        subjectId: id,
        payload: { before: auditView(before), after: after ? auditView(after) : null },
      },
      nowIsoOf(ctx),
    );
  });
  return getPerson(ctx, id);
}

export async function setPersonStatus(
  ctx: AppContext,
  actor: Actor,
  args: { id: string; version: number; status: 'active' | 'disabled' },
): Promise<Person> {
  if (args.status === 'disabled' && actor.personId === args.id) {
    throw new AppError('VALIDATION_FAILED', { fields: { id: 'cannotDisableSelf' } });
  }
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await findPersonRowById(trx, args.id);
    if (!before) throw new AppError('NOT_FOUND');
    // A chain position must never fall vacant by a disabled account: the chain is changed first.
    if (
      args.status === 'disabled' &&
      (await holdsPositionBetween(trx, { personId: args.id, from: todayOf(ctx), to: '9999-12-31' }))
    ) {
      throw new AppError('HOLDS_POSITION');
    }
    const ok = await updatePersonRow(trx, {
      id: args.id,
      version: args.version,
      changes: {
        status: args.status,
        updated_at: nowIsoOf(ctx),
        ...(args.status === 'active' && { locked_until: null, failed_logins: 0 }),
      },
    });
    if (!ok) throw new AppError('VERSION_CONFLICT');
    // Disabling ends every session of the person at once.
    if (args.status === 'disabled') await deleteSessionsOf(trx, args.id);
    await appendAuditEvent(
      trx,
      actor,
      {
        type: args.status === 'disabled' ? 'person.disabled' : 'person.enabled',
        subjectId: args.id,
        payload: { before: { status: before.status }, after: { status: args.status } },
      },
      nowIsoOf(ctx),
    );
  });
  return getPerson(ctx, args.id);
}

export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  args: { id: string; version: number; newPassword: string; lang: Lang },
): Promise<Person> {
  const target = await findPersonRowById(ctx.database.db, args.id);
  if (!target) throw new AppError('NOT_FOUND');
  assertPasswordPolicy(args.newPassword, target.username, args.lang, 'newPassword');
  const hash = await hashPassword(args.newPassword);
  await ctx.database.db.transaction().execute(async (trx) => {
    const now = nowIsoOf(ctx);
    const ok = await updatePersonRow(trx, {
      id: args.id,
      version: args.version,
      changes: {
        password_hash: hash,
        must_change_password: 1,
        password_changed_at: now,
        failed_logins: 0,
        locked_until: null,
        updated_at: now,
      },
    });
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await deleteSessionsOf(trx, args.id);
    await appendAuditEvent(
      trx,
      actor,
      { type: 'person.passwordReset', subjectId: args.id, payload: {} },
      now,
    );
  });
  return getPerson(ctx, args.id);
}

// Signing in and out, sessions, and the signed-in person's own password.
import { createHash, randomBytes } from 'node:crypto';
import {
  AppError,
  abilitiesOf,
  checkPassword,
  describePasswordViolations,
  errorMessage,
  type Lang,
  type Me,
} from '@bancheng/core';
import { clockOf, nowIsoOf, todayOf, type AppContext } from '../../platform/context.ts';
import { subjectOf } from '../access/index.ts';
import type { Actor } from '../../platform/audit/events.ts';
import type { Trx } from '../../platform/db/database.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import {
  clearLoginFailures,
  findAccountById,
  findAccountByUsername,
  rolesOfPerson,
  setOwnLanguage,
  setOwnPassword,
  type PersonAccount,
} from '../people/index.ts';
import {
  lockAccountIfFull,
  lockAddressIfFull,
  readAddressThrottle,
  releaseAccountAttempt,
  releaseAddressAttempt,
  reserveAccountAttempt,
  reserveAddressAttempt,
} from './login-throttle-repository.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOf,
  findSession,
  insertSession,
  touchSession,
} from './session-repository.ts';
import { assignmentsOn } from '../chains/index.ts';
import { departmentsWithUnit } from '../org/index.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';

const TOUCH_INTERVAL_MS = 60_000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SignedIn {
  token: string;
  sessionId: string;
  csrfToken: string;
  personId: string;
}

type Reservation =
  | { kind: 'addressRefused'; lockedUntil: string | null }
  | { kind: 'accountLocked'; lockedUntil: string }
  | { kind: 'reserved'; person: PersonAccount | undefined };

/**
 * Signs in. An attempt is counted against the address and the account before its password is checked
 * (decision 0006), so however many arrive at once, at most the limit of them are checked; a sign-in
 * gives its attempts back.
 */
export async function login(
  ctx: AppContext,
  input: { username: string; password: string; address: string | null; userAgent: string | null },
): Promise<SignedIn> {
  const { db } = ctx.database;
  const { config } = ctx;
  const now = clockOf(ctx).getTime();
  const nowIso = new Date(now).toISOString();
  const lockUntil = new Date(now + config.loginLockMs).toISOString();
  const actor: Actor = { personId: null, address: input.address };
  const addressKey = input.address ?? 'unknown';

  const reservation = await db.transaction().execute(async (trx): Promise<Reservation> => {
    const addressAttempt = await reserveAddressAttempt(trx, {
      key: addressKey,
      max: config.loginMaxFailuresPerAddress,
      now: nowIso,
      windowStartedBefore: new Date(now - config.loginLockMs).toISOString(),
    });
    if (addressAttempt === undefined) {
      const state = await readAddressThrottle(trx, addressKey);
      const locked = state?.lockedUntil && state.lockedUntil > nowIso ? state.lockedUntil : null;
      return { kind: 'addressRefused', lockedUntil: locked };
    }
    const person = await findAccountByUsername(trx, input.username);
    if (!person) return { kind: 'reserved', person: undefined };
    const max = config.loginMaxFailures;
    if ((await reserveAccountAttempt(trx, { id: person.id, max, now: nowIso })) !== undefined) {
      return { kind: 'reserved', person };
    }
    // Locked, or `max` attempts counted since the last sign-in (failed or still being checked): that is
    // the lock's condition, so lock now rather than let the count stand without an end.
    await lockAccountWhenFull(trx, { actor, person, max, now: nowIso, until: lockUntil });
    // Not checked, so it does not count against the address.
    await releaseAddressAttempt(trx, addressKey);
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'auth.loginFailed',
        subjectId: person.id,
        payload: { username: person.username, reason: 'locked' },
      },
      nowIso,
    );
    const fresh = await findAccountById(trx, person.id);
    return { kind: 'accountLocked', lockedUntil: fresh?.lockedUntil ?? lockUntil };
  });
  if (reservation.kind === 'addressRefused') {
    if (reservation.lockedUntil) {
      throw new AppError('ADDRESS_LOCKED', { details: { lockedUntil: reservation.lockedUntil } });
    }
    throw new AppError('SIGN_IN_BUSY');
  }
  if (reservation.kind === 'accountLocked') {
    throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil: reservation.lockedUntil } });
  }
  const { person } = reservation;

  // Verify outside any transaction: scrypt is slow and must not hold the write lock.
  const ok = await verifyPassword(input.password, person?.passwordHash ?? (await dummyPasswordHash()));

  if (!ok || !person) {
    const lockedUntil = await db.transaction().execute(async (trx) => {
      await appendAuditEvent(
        trx,
        actor,
        {
          type: 'auth.loginFailed',
          subjectId: person?.id ?? null,
          payload: {
            username: input.username.slice(0, 64),
            reason: person ? 'wrongPassword' : 'unknownUser',
          },
        },
        nowIso,
      );
      let accountLockedUntil: string | null = null;
      if (person) {
        const max = config.loginMaxFailures;
        await lockAccountWhenFull(trx, { actor, person, max, now: nowIso, until: lockUntil });
        // Locked by this attempt or by a simultaneous one.
        const fresh = await findAccountById(trx, person.id);
        if (fresh?.lockedUntil && fresh.lockedUntil > nowIso) accountLockedUntil = fresh.lockedUntil;
      }
      const max = config.loginMaxFailuresPerAddress;
      if (await lockAddressIfFull(trx, { key: addressKey, max, now: nowIso, until: lockUntil })) {
        await appendAuditEvent(
          trx,
          actor,
          {
            type: 'auth.addressLocked',
            subjectId: null,
            payload: { until: lockUntil },
          },
          nowIso,
        );
      }
      return accountLockedUntil;
    });
    if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil } });
    throw new AppError('INVALID_CREDENTIALS');
  }

  if (person.status !== 'active') {
    await db.transaction().execute(async (trx) => {
      await releaseAccountAttempt(trx, person.id);
      await releaseAddressAttempt(trx, addressKey);
      await appendAuditEvent(
        trx,
        actor,
        {
          type: 'auth.loginFailed',
          subjectId: person.id,
          payload: { username: person.username, reason: 'disabled' },
        },
        nowIso,
      );
    });
    throw new AppError('ACCOUNT_DISABLED');
  }

  const token = randomBytes(32).toString('base64url');
  const sessionId = sessionIdOf(token);
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, person.id);
    await releaseAddressAttempt(trx, addressKey);
    await insertSession(trx, {
      id: sessionId,
      person_id: person.id,
      csrf_token: csrfToken,
      created_at: nowIso,
      last_seen_at: nowIso,
      expires_at: new Date(now + config.sessionAbsoluteMs).toISOString(),
      address: input.address,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    await appendAuditEvent(
      trx,
      { personId: person.id, address: input.address },
      {
        type: 'auth.login',
        subjectId: person.id,
        payload: { username: person.username },
      },
      nowIso,
    );
  });
  return { token, sessionId, csrfToken, personId: person.id };
}

/** The person behind a live session, as the guard and the routes read them. */
export type SessionPerson = PersonAccount;

export interface Authenticated {
  sessionId: string;
  csrfToken: string;
  person: SessionPerson;
}

/** The session behind a cookie token, if it is live; idle and absolute timeouts both apply. */
export async function authenticate(ctx: AppContext, token: string): Promise<Authenticated | undefined> {
  const { db } = ctx.database;
  const id = sessionIdOf(token);
  const session = await findSession(db, id);
  if (!session) return undefined;
  const now = clockOf(ctx).getTime();
  const expired =
    Date.parse(session.expires_at) <= now ||
    Date.parse(session.last_seen_at) + ctx.config.sessionIdleMs <= now;
  if (expired) {
    await deleteSession(db, id);
    return undefined;
  }
  const person = await findAccountById(db, session.person_id);
  if (!person || person.status !== 'active') {
    await deleteSession(db, id);
    return undefined;
  }
  if (Date.parse(session.last_seen_at) + TOUCH_INTERVAL_MS <= now) {
    await touchSession(db, id, new Date(now).toISOString());
  }
  return { sessionId: id, csrfToken: session.csrf_token, person };
}

export async function logout(ctx: AppContext, auth: Authenticated, address: string | null): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    await deleteSession(trx, auth.sessionId);
    await appendAuditEvent(
      trx,
      { personId: auth.person.id, address },
      {
        type: 'auth.logout',
        subjectId: auth.person.id,
        payload: {},
      },
      nowIsoOf(ctx),
    );
  });
}

export async function changeOwnPassword(
  ctx: AppContext,
  args: {
    auth: Authenticated;
    currentPassword: string;
    newPassword: string;
    address: string | null;
    lang: Lang;
  },
): Promise<void> {
  const { person } = args.auth;
  if (!(await verifyPassword(args.currentPassword, person.passwordHash))) {
    throw new AppError('WRONG_PASSWORD', {
      fields: { currentPassword: errorMessage('WRONG_PASSWORD', args.lang) },
    });
  }
  const violations = checkPassword(args.newPassword, { username: person.username });
  if (args.newPassword === args.currentPassword) violations.push('common');
  if (violations.length > 0) {
    throw new AppError('PASSWORD_POLICY', {
      fields: { newPassword: describePasswordViolations([...new Set(violations)], args.lang) },
    });
  }
  const hash = await hashPassword(args.newPassword);
  const now = clockOf(ctx).toISOString();
  await ctx.database.db.transaction().execute(async (trx) => {
    const ok = await setOwnPassword(trx, { id: person.id, version: person.version, passwordHash: hash, now });
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await deleteSessionsOf(trx, person.id, args.auth.sessionId);
    await appendAuditEvent(
      trx,
      { personId: person.id, address: args.address },
      {
        type: 'auth.passwordChanged',
        subjectId: person.id,
        payload: {},
      },
      now,
    );
  });
}

export async function loadMe(ctx: AppContext, auth: Authenticated): Promise<Me> {
  const { db } = ctx.database;
  const { person } = auth;
  const roles = await rolesOfPerson(db, person.id);
  const today = todayOf(ctx);
  const positions = await assignmentsOn(db, { date: today, personId: person.id });
  const departments = await departmentsWithUnit(db, [
    person.departmentId,
    ...positions.map((p) => p.departmentId),
  ]);
  const byId = new Map(departments.map((d) => [d.id, d]));
  const home = byId.get(person.departmentId);
  return {
    id: person.id,
    username: person.username,
    displayName: person.displayName,
    mustChangePassword: person.mustChangePassword,
    roles,
    departments: home ? [home] : [],
    chainPositions: positions.map((p) => ({
      departmentId: p.departmentId,
      departmentName: byId.get(p.departmentId)?.name ?? '',
      unitName: byId.get(p.departmentId)?.unitName ?? '',
      position: p.position,
    })),
    abilities: abilitiesOf(await subjectOf(db, person.id, today)),
    csrfToken: auth.csrfToken,
    language: person.language,
  };
}

/** Sets the language one reads in (the web app's 中文 / English switch); the same language again changes
 * nothing and writes no event. */
export async function setLanguage(
  ctx: AppContext,
  args: { auth: Authenticated; language: Lang; address: string | null },
): Promise<void> {
  const { person } = args.auth;
  if (person.language === args.language) return;
  await ctx.database.db.transaction().execute(async (trx) => {
    await setOwnLanguage(trx, { id: person.id, language: args.language });
    await appendAuditEvent(
      trx,
      { personId: person.id, address: args.address },
      { type: 'auth.languageSet', subjectId: person.id, payload: { language: args.language } },
      nowIsoOf(ctx),
    );
  });
}

/** Removes sessions past their idle or absolute limit; they are refused anyway, this keeps the table small. */
export async function purgeExpiredSessions(ctx: AppContext): Promise<number> {
  const now = clockOf(ctx).getTime();
  return deleteExpiredSessions(ctx.database.db, {
    now: new Date(now).toISOString(),
    idleBefore: new Date(now - ctx.config.sessionIdleMs).toISOString(),
  });
}

/** Locks the account once `max` attempts are counted, with its audit event; a no-op otherwise. */
async function lockAccountWhenFull(
  trx: Trx,
  args: { actor: Actor; person: { id: string; username: string }; max: number; now: string; until: string },
): Promise<void> {
  const { actor, person, max, now, until } = args;
  if (await lockAccountIfFull(trx, { id: person.id, max, now, until })) {
    await appendAuditEvent(
      trx,
      actor,
      { type: 'auth.accountLocked', subjectId: person.id, payload: { username: person.username, until } },
      now,
    );
  }
}

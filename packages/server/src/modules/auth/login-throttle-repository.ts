// Sign-in attempts counted per account (on the person's row) and per address (`login_throttle`). An
// attempt is reserved before its password is checked, by one conditional statement, so simultaneous
// attempts cannot all pass a check that none of them has counted yet (decision 0006).
import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';

const ADDRESS = 'address';

export interface ThrottleState {
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
}

export async function readAddressThrottle(trx: Trx, key: string): Promise<ThrottleState | undefined> {
  const row = await trx
    .selectFrom('login_throttle')
    .selectAll()
    .where('scope', '=', ADDRESS)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { failures: row.failures, windowStart: row.window_start, lockedUntil: row.locked_until };
}

/**
 * Counts one more attempt against the account unless it is locked or already has `max` attempts that
 * failed or are still being checked. Answers the attempt's number, or undefined when refused.
 */
export async function reserveAccountAttempt(
  trx: Trx,
  args: { id: string; max: number; now: string },
): Promise<number | undefined> {
  const row = await trx
    .updateTable('people')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', args.id)
    .where('failed_logins', '<', args.max)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', args.now)]))
    .returning('failed_logins')
    .executeTakeFirst();
  return row?.failed_logins;
}

/** Locks the account if `max` attempts are counted and it is not locked yet; true if this call locked it. */
export async function lockAccountIfFull(
  trx: Trx,
  args: { id: string; max: number; now: string; until: string },
): Promise<boolean> {
  const row = await trx
    .updateTable('people')
    .set({ failed_logins: 0, locked_until: args.until })
    .where('id', '=', args.id)
    .where('failed_logins', '>=', args.max)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', args.now)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives back an attempt whose password was right but which did not sign in (a disabled account). */
export async function releaseAccountAttempt(trx: Trx, id: string): Promise<void> {
  await trx
    .updateTable('people')
    .set((eb) => ({ failed_logins: eb('failed_logins', '-', 1) }))
    .where('id', '=', id)
    .where('failed_logins', '>', 0)
    .execute();
}

/**
 * Counts one more attempt from the address in its window (a new window once the old one has run out)
 * unless the address is locked or has `max` attempts counted. Answers the count, or undefined.
 */
export async function reserveAddressAttempt(
  trx: Trx,
  args: { key: string; max: number; now: string; windowStartedBefore: string },
): Promise<number | undefined> {
  const expired = sql<boolean>`login_throttle.window_start <= ${args.windowStartedBefore}`;
  const row = await trx
    .insertInto('login_throttle')
    .values({ scope: ADDRESS, key: args.key, failures: 1, window_start: args.now, locked_until: null })
    .onConflict((oc) =>
      oc
        .columns(['scope', 'key'])
        .doUpdateSet({
          failures: sql<number>`case when ${expired} then 1 else login_throttle.failures + 1 end`,
          window_start: sql<string>`case when ${expired} then ${args.now} else login_throttle.window_start end`,
          locked_until: null,
        })
        .where((eb) =>
          eb.and([
            eb.or([
              eb('login_throttle.locked_until', 'is', null),
              eb('login_throttle.locked_until', '<=', args.now),
            ]),
            eb.or([expired, eb('login_throttle.failures', '<', args.max)]),
          ]),
        ),
    )
    .returning('failures')
    .executeTakeFirst();
  return row?.failures;
}

/** Locks the address if `max` attempts are counted in its window; true if this call locked it. */
export async function lockAddressIfFull(
  trx: Trx,
  args: { key: string; max: number; now: string; until: string },
): Promise<boolean> {
  const row = await trx
    .updateTable('login_throttle')
    .set({ failures: 0, locked_until: args.until })
    .where('scope', '=', ADDRESS)
    .where('key', '=', args.key)
    .where('failures', '>=', args.max)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', args.now)]))
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives back an address attempt that signed in: successes do not count against an address. */
export async function releaseAddressAttempt(trx: Trx, key: string): Promise<void> {
  await trx
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('scope', '=', ADDRESS)
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

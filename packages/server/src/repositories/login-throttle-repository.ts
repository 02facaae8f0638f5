// Failed sign-ins counted per address (per account they are counted on the person's row).
import type { Db, Trx } from '../db/database.ts';

export interface ThrottleState {
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
}

export async function readThrottle(
  trx: Db | Trx,
  scope: string,
  key: string,
): Promise<ThrottleState | undefined> {
  const row = await trx
    .selectFrom('login_throttle')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { failures: row.failures, windowStart: row.window_start, lockedUntil: row.locked_until };
}

export async function writeThrottle(
  trx: Trx,
  scope: string,
  key: string,
  state: ThrottleState,
): Promise<void> {
  await trx
    .insertInto('login_throttle')
    .values({
      scope,
      key,
      failures: state.failures,
      window_start: state.windowStart,
      locked_until: state.lockedUntil,
    })
    .onConflict((oc) =>
      oc.columns(['scope', 'key']).doUpdateSet({
        failures: state.failures,
        window_start: state.windowStart,
        locked_until: state.lockedUntil,
      }),
    )
    .execute();
}

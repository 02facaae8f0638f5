// Whether the database answers and can store changes, for /api/health.
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { unavailableCause } from '../../platform/db/database-errors.ts';

export type DatabaseState = 'up' | 'down' | 'unwritable';

export interface DatabaseHealth {
  state: DatabaseState;
  /** What the database said (`ECONNREFUSED`, `SQLITE_FULL`, …), for the log. */
  cause?: string;
}

export async function checkDatabase(ctx: AppContext): Promise<DatabaseHealth> {
  try {
    await sql`select 1`.execute(ctx.database.db);
  } catch (error) {
    const unavailable = unavailableCause(error);
    if (!unavailable) throw error;
    return { state: 'down', cause: unavailable.cause };
  }
  // Reading works; the last write failing for want of space (and none succeeding since) means full.
  const unwritable = ctx.database.monitor.unwritable;
  return unwritable ? { state: 'unwritable', cause: unwritable } : { state: 'up' };
}

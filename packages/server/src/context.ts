// What every service needs: the database and the settings. Built once at start.
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';

export interface AppContext {
  database: Database;
  config: Config;
  /** The time services stamp changes with; only demo loading and tests set another. */
  clock?: () => Date;
}

export function clockOf(ctx: AppContext): Date {
  return ctx.clock ? ctx.clock() : new Date();
}

// What every service needs: the database, the settings and the clock. Built once at start.
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { todayInChina } from './ids.ts';

export interface AppContext {
  database: Database;
  config: Config;
  /** The time services stamp changes with: the system clock, or a set one in demo loading and tests. */
  clock: Clock;
}

/** Now, by the context's clock. */
export function clockOf(ctx: AppContext): Date {
  return ctx.clock.now();
}

/** Now as the ISO-8601 UTC string both dialects store. */
export function nowIsoOf(ctx: AppContext): string {
  return ctx.clock.now().toISOString();
}

/** Today's date (YYYY-MM-DD) in China Standard Time, by the context's clock. */
export function todayOf(ctx: AppContext): string {
  return todayInChina(ctx.clock.now());
}

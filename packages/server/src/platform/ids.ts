// Identifiers and timestamps in the one format both dialects store. Pure: "now" comes from the clock.
import { randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}

/** The date (YYYY-MM-DD) in China Standard Time, the bureau's calendar, at the given instant. */
export function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

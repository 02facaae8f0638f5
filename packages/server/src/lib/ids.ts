// Identifiers and timestamps in the one format both dialects store.
import { randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}

export function nowIso(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}

/** Today's date (YYYY-MM-DD) in China Standard Time, the bureau's calendar. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

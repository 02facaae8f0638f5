// The one source of "now". Services read it from the application context; main.ts gives the system
// clock, demo loading and tests give one set to the date they need.

export interface Clock {
  now(): Date;
}

/** The machine's clock: the only place in the server that reads it. */
export const systemClock: Clock = { now: () => new Date() };

export interface SettableClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

/** A clock that stands still at `at` until it is set or advanced. */
export function fixedClock(at: Date | string): SettableClock {
  let time = new Date(at).getTime();
  if (Number.isNaN(time)) throw new Error(`fixedClock: not a time: ${String(at)}`);
  return {
    now: () => new Date(time),
    set(next) {
      time = new Date(next).getTime();
    },
    advance(ms) {
      time += ms;
    },
  };
}

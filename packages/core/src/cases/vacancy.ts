// A vacant level: the case waits at an approval level that nobody holds, and nobody acts for, on the day
// (no holder in the department's chain and no acting deputy). The workflow skips no level, so such a case
// cannot move until an administrator fills the position or appoints a deputy; the administrators and the
// nearest held level above are told (decision 0007, "Vacant levels").
import type { ChainHolders } from './rules.ts';
import { LEVEL_OF_STATE, type CaseState, type DecisionLevel } from './states.ts';

/** The level the case waits at when nobody can decide it today, else null. */
export function vacantLevelOf(state: CaseState, holders: ChainHolders): DecisionLevel | null {
  const level = LEVEL_OF_STATE[state];
  return level !== undefined && holders.levels[level].length === 0 ? level : null;
}

/** The people of the nearest level above `level` that somebody holds or acts for (none above level 4). */
export function nextHeldLevelAbove(holders: ChainHolders, level: DecisionLevel): string[] {
  for (const above of [3, 4] as const) {
    if (above <= level) continue;
    const people = [...new Set(holders.levels[above].map((h) => h.personId))];
    if (people.length > 0) return people;
  }
  return [];
}

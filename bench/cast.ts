// Who the scenarios act as: the demo bureau's people, or, on a generated data set, the busy department
// whose four chain positions are held by four people and the busiest first responder, as the
// generator's --summary names them (the demo bureau, under the generated one, keeps the supervision
// office and the sign-in accounts).
import { DEMO_CAST, type Cast } from './scenarios.ts';

interface SummaryShape {
  password?: unknown;
  chain?: {
    firstResponder?: unknown;
    deptHead?: unknown;
    leaderInCharge?: unknown;
    principalLeader?: unknown;
  };
  busyFirstResponder?: { username?: unknown };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export function castOf(summary: unknown): Cast {
  if (typeof summary !== 'object' || summary === null) return DEMO_CAST;
  const s = summary as SummaryShape;
  const chain = {
    firstResponder: text(s.chain?.firstResponder),
    deptHead: text(s.chain?.deptHead),
    leaderInCharge: text(s.chain?.leaderInCharge),
    principalLeader: text(s.chain?.principalLeader),
  };
  if (!chain.firstResponder || !chain.deptHead || !chain.leaderInCharge || !chain.principalLeader) {
    throw new Error('the generator summary names no chain of four people (summary.chain)');
  }
  return {
    ...DEMO_CAST,
    password: text(s.password) ?? DEMO_CAST.password,
    firstResponder: chain.firstResponder,
    deptHead: chain.deptHead,
    leaderInCharge: chain.leaderInCharge,
    principalLeader: chain.principalLeader,
    todoReader: text(s.busyFirstResponder?.username) ?? chain.firstResponder,
  };
}

// The roles a person can hold and the four positions of a responsibility chain (work plan 三(二)).

export const ROLES = [
  'firstResponder',
  'deptHead',
  'leaderInCharge',
  'principalLeader',
  'supervisionOffice',
  'disciplineInspection',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Chain positions in escalation order: level 1 to level 4. */
export const CHAIN_POSITIONS = ['firstResponder', 'deptHead', 'leaderInCharge', 'principalLeader'] as const;
export type ChainPosition = (typeof CHAIN_POSITIONS)[number];

export function chainLevel(position: ChainPosition): 1 | 2 | 3 | 4 {
  return (CHAIN_POSITIONS.indexOf(position) + 1) as 1 | 2 | 3 | 4;
}

export const ORG_UNIT_KINDS = ['bureau', 'unit'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

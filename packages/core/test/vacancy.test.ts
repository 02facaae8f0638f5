import { describe, expect, it } from 'vitest';
import { nextHeldLevelAbove, vacantLevelOf, type ChainHolders } from '../src/index.ts';

const holder = (personId: string, actingFor: string | null = null) => ({ personId, actingFor });
const chain = (levels: Partial<ChainHolders['levels']>): ChainHolders => ({
  firstResponders: ['fr'],
  levels: { 2: [], 3: [], 4: [], ...levels },
});

describe('vacant levels', () => {
  it('is the level the case waits at when nobody holds or acts for it', () => {
    const noHead = chain({ 3: [holder('lead')], 4: [holder('boss')] });
    expect(vacantLevelOf('atDeptHead', noHead)).toBe(2);
    expect(vacantLevelOf('atLeaderInCharge', noHead)).toBeNull();
    // Not waiting at a level: nothing is vacant for the case.
    expect(vacantLevelOf('open', noHead)).toBeNull();
    expect(vacantLevelOf('refused', chain({}))).toBeNull();
    // A deputy acting for an absent holder fills the level.
    expect(vacantLevelOf('atDeptHead', chain({ 2: [holder('dep', 'head')] }))).toBeNull();
  });

  it('tells the nearest held level above, none above the principal leader', () => {
    const c = chain({ 4: [holder('boss'), holder('dep', 'boss')] });
    expect(nextHeldLevelAbove(c, 2)).toEqual(['boss', 'dep']);
    expect(nextHeldLevelAbove(chain({ 3: [holder('lead')], 4: [holder('boss')] }), 2)).toEqual(['lead']);
    expect(nextHeldLevelAbove(c, 4)).toEqual([]);
    expect(nextHeldLevelAbove(chain({}), 3)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { characterClassCount, checkPassword, describePasswordViolations } from '../src/index.ts';

describe('password policy', () => {
  it('accepts a long, mixed password', () => {
    expect(checkPassword('Demo@2026')).toEqual([]);
    expect(checkPassword('correct horse Battery 9')).toEqual([]);
  });

  it('refuses short, single-class and common passwords', () => {
    expect(checkPassword('Ab1!')).toContain('tooShort');
    expect(checkPassword('abcdefghij')).toContain('tooFewClasses');
    expect(checkPassword('P@ssw0rd')).toContain('common');
    expect(checkPassword('WOAINI1314')).toContain('common');
  });

  it('allows 64 characters and refuses 65', () => {
    const base = 'Aa1!'.repeat(16);
    expect(checkPassword(base)).toEqual([]);
    expect(checkPassword(`${base}x`)).toContain('tooLong');
  });

  it('refuses a password containing the username', () => {
    expect(checkPassword('Zhangwei#2026', { username: 'zhangwei' })).toContain('containsUsername');
  });

  it('counts Chinese characters as symbols and by code point', () => {
    expect(characterClassCount('办成abc123')).toBe(3);
    expect(checkPassword('办成办成abc1')).toEqual([]);
  });

  it('explains violations in both languages', () => {
    expect(describePasswordViolations(['tooShort'], 'zh')).toContain('至少 8 个字符');
    expect(describePasswordViolations(['tooShort'], 'en')).toContain('At least 8 characters');
  });

  it('never accepts anything shorter than 8 or with fewer than 3 classes (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (pw) => {
        const ok = checkPassword(pw).length === 0;
        if ([...pw].length < 8 || [...pw].length > 64 || characterClassCount(pw) < 3) expect(ok).toBe(false);
      }),
    );
  });
});

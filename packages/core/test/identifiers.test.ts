import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CREDIT_CODE_CHARS,
  applicantSchema,
  creditCodeCheckChar,
  creditCodeProblem,
  creditCodeSchema,
  describeValidationIssue,
  isLandlineNumber,
  isMainlandPhone,
  isMobileNumber,
  isValidCreditCode,
  phoneText,
  registerCaseBodySchema,
} from '../src/index.ts';

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

describe('phone numbers', () => {
  it.each([
    '13912345678',
    '19800001111',
    '+8613912345678',
    '138 1234 5678',
    '0377-62306039',
    '037762306039',
    '010-62345678',
    '0371-6230603',
    '0377-62306039-8001',
    '400-810-1234',
  ])('accepts %s', (phone) => {
    expect(isMainlandPhone(phone)).toBe(true);
  });

  it.each([
    ['all zeros', '00000000000'],
    ['20 digits', '12345678901234567890'],
    ['mobile starting 12', '12912345678'],
    ['mobile too short', '1391234567'],
    ['mobile too long', '139123456789'],
    ['landline without area code', '62306039'],
    ['local number starting 0', '0377-02306039'],
    ['local number too short', '0377-623060'],
    ['extension too long', '0377-62306039-1234567'],
    ['letters', 'call me'],
    ['empty', ''],
    ['over the length limit', '0377-62306039-123456 '],
  ])('refuses %s', (_, phone) => {
    expect(isMainlandPhone(phone)).toBe(false);
  });

  it('every 1[3-9] + 9 digits is a mobile number; any other first two digits are not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), digits(9), (a, b, rest) => {
        const number = `${String(a)}${String(b)}${rest}`;
        expect(isMobileNumber(number)).toBe(a === 1 && b >= 3);
      }),
    );
  });

  it('a landline is an area code, a 7–8 digit number not starting 0/1, and an optional extension', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((n) => digits(n)),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 6, max: 7 }).chain((n) => digits(n)),
        fc.option(
          fc.integer({ min: 1, max: 6 }).chain((n) => digits(n)),
          { nil: undefined },
        ),
        (area, first, rest, ext) => {
          const number = `0${area}-${String(first)}${rest}${ext === undefined ? '' : `-${ext}`}`;
          expect(isLandlineNumber(number)).toBe(true);
          expect(isMainlandPhone(number)).toBe(number.length <= 20);
        },
      ),
    );
  });

  it('nothing made only of zeros, and nothing longer than 20 characters, is a phone number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (n) => {
        expect(isMainlandPhone('0'.repeat(n))).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 21, maxLength: 40 }), (text) => {
        expect(isMainlandPhone(text)).toBe(false);
      }),
    );
  });

  it('the schema refuses with a message naming the formats, or the limit when too long', () => {
    const bad = phoneText().safeParse('00000000000');
    expect(bad.success).toBe(false);
    const issue = bad.error?.issues[0];
    expect(issue?.code).toBe('custom');
    expect(describeValidationIssue('custom', issue as unknown as Record<string, unknown>, 'zh')).toContain(
      '手机号',
    );
    const long = phoneText().safeParse('1'.repeat(21));
    expect(long.error?.issues[0]?.code).toBe('too_big');
    expect(phoneText().parse(' 13912345678 ')).toBe('13912345678');
  });
});

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts published codes and computes their check character', () => {
    // A code printed on a business licence, and the standard's own example body.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidCreditCode('91411381MA45ABCD13')).toBe(true);
  });

  it('refuses a wrong check character, a bad shape, and a letter outside the alphabet', () => {
    expect(creditCodeProblem('91411381MA45ABCD1X')).toBe('creditCodeCheck');
    expect(creditCodeProblem('91411381MA9XXXXX1Y')).toBe('creditCodeCheck');
    expect(creditCodeProblem('91411381MA45ABCD1')).toBe('creditCodeShape');
    expect(creditCodeProblem('91411381MA45ABCDI3')).toBe('creditCodeShape');
    expect(creditCodeProblem('9141138XMA45ABCD13')).toBe('creditCodeShape');
  });

  it('the check is 31 − Σ value·3^i mod 31 (31 → 0), and any single changed character is caught', () => {
    const chars = fc.constantFrom(...CREDIT_CODE_CHARS);
    const body = fc
      .tuple(
        fc.array(chars, { minLength: 2, maxLength: 2 }),
        digits(6),
        fc.array(chars, { minLength: 9, maxLength: 9 }),
      )
      .map(([a, d, b]) => `${a.join('')}${d}${b.join('')}`);
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 30 }), (b, at, shift) => {
        let sum = 0;
        for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARS.indexOf(b.charAt(i)) * (3 ** i % 31);
        const check = creditCodeCheckChar(b);
        expect(CREDIT_CODE_CHARS.indexOf(check)).toBe((31 - (sum % 31)) % 31);
        const code = b + check;
        expect(isValidCreditCode(code)).toBe(true);
        // Weights are never 0 mod 31 and 31 is prime: changing one character always changes the sum.
        const changed = CREDIT_CODE_CHARS.charAt((CREDIT_CODE_CHARS.indexOf(b.charAt(at)) + shift) % 31);
        const altered = code.slice(0, at) + changed + code.slice(at + 1);
        if (/^.{2}\d{6}/.test(altered)) expect(isValidCreditCode(altered)).toBe(false);
      }),
    );
  });

  it('the schema upper-cases, then explains which part is wrong', () => {
    expect(creditCodeSchema.parse('91411381ma45abcd13')).toBe('91411381MA45ABCD13');
    const issue = (v: string) => creditCodeSchema.safeParse(v).error?.issues[0];
    const text = (v: string) =>
      describeValidationIssue('custom', issue(v) as unknown as Record<string, unknown>, 'en');
    expect(text('91411381MA45ABCD1X')).toContain('check character');
    expect(text('123')).toContain('18 digits');
  });
});

describe('registration refuses what a clerk should be told of', () => {
  const body = {
    applicant: { kind: 'enterprise', name: '示范食品有限公司', phone: '13912345678' },
    channel: 'visit',
    receivedAt: '2026-03-02T09:00:00+08:00',
    matterType: 'licensing',
    matterTitle: '食品经营许可',
    description: '申请食品经营许可。',
  };

  it('a title over 200 characters is refused, never cut', () => {
    const result = registerCaseBodySchema.safeParse({ ...body, matterTitle: '许'.repeat(201) });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(['matterTitle']);
    expect(issue?.code).toBe('too_big');
    expect(describeValidationIssue('too_big', { maximum: 200, origin: 'string' }, 'zh')).toBe(
      '不能超过 200 个字，请删减后再提交',
    );
    expect(registerCaseBodySchema.parse({ ...body, matterTitle: '许'.repeat(200) }).matterTitle).toHaveLength(
      200,
    );
  });

  it('a person applicant with an all-zero phone is refused', () => {
    const applicant = { kind: 'person', name: '张三', phone: '00000000000' };
    expect(applicantSchema.safeParse(applicant).success).toBe(false);
  });
});

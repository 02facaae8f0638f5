// The password policy: 8 to 64 characters, at least 3 of 4 character classes, no common password,
// not the username. Pure, so the server enforces it and the web app can show the same hints.
import { COMMON_PASSWORDS } from './common-passwords.ts';
import type { Lang } from '../shared/errors.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

export type PasswordViolation = 'tooShort' | 'tooLong' | 'tooFewClasses' | 'common' | 'containsUsername';

const MESSAGES: Record<PasswordViolation, Record<Lang, string>> = {
  tooShort: {
    zh: `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`,
    en: `At least ${PASSWORD_MIN_LENGTH} characters`,
  },
  tooLong: { zh: `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`, en: `At most ${PASSWORD_MAX_LENGTH} characters` },
  tooFewClasses: {
    zh: '需包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'Use at least three of: upper-case, lower-case, digits, symbols',
  },
  common: { zh: '这是常见弱密码，请换一个', en: 'This is a common password; choose another' },
  containsUsername: { zh: '密码不能包含用户名', en: 'The password may not contain the username' },
};

export function characterClassCount(password: string): number {
  let count = 0;
  if (/[a-z]/.test(password)) count++;
  if (/[A-Z]/.test(password)) count++;
  if (/[0-9]/.test(password)) count++;
  if (/[^A-Za-z0-9]/.test(password)) count++;
  return count;
}

export function checkPassword(password: string, options: { username?: string } = {}): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) violations.push('tooShort');
  if (length > PASSWORD_MAX_LENGTH) violations.push('tooLong');
  if (characterClassCount(password) < 3) violations.push('tooFewClasses');
  if (COMMON_PASSWORDS.has(password.toLowerCase())) violations.push('common');
  const username = options.username?.trim().toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) {
    violations.push('containsUsername');
  }
  return violations;
}

export function describePasswordViolations(violations: PasswordViolation[], lang: Lang): string {
  return violations.map((v) => MESSAGES[v][lang]).join(lang === 'zh' ? '；' : '; ');
}

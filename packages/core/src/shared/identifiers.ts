// What a clerk types as a phone number or a 统一社会信用代码, checked the way a clerk expects: mainland
// mobile and landline numbers only, and the credit code's check character (GB 32100-2015). Pure.

/** Mobile: 1, then 3–9, then nine digits; an optional +86/0086/86 country prefix is accepted. */
const MOBILE = /^(?:(?:\+|00)?86)?1[3-9]\d{9}$/;
/**
 * Landline: area code 0 + 2 or 3 digits (010, 021, 0377…), then a local number of 7 or 8 digits that
 * does not start with 0 or 1, then an optional extension after a hyphen. Area code and number may be
 * joined by a hyphen or nothing.
 */
const LANDLINE = /^0\d{2,3}-?[2-9]\d{6,7}(?:-\d{1,6})?$/;
/** Nationwide service numbers enterprises give (400/800 + seven digits). */
const SERVICE_NUMBER = /^[48]00-?\d{3}-?\d{4}$/;

/** The longest phone text accepted: a landline with an extension, or +86 and a mobile, with hyphens. */
export const PHONE_MAX_LENGTH = 20;

/** Spaces are how people group digits (138 1234 5678); they are not part of the number. */
function compact(text: string): string {
  return text.replace(/ /g, '');
}

export function isMobileNumber(text: string): boolean {
  return MOBILE.test(compact(text));
}

export function isLandlineNumber(text: string): boolean {
  return LANDLINE.test(compact(text));
}

/**
 * A mainland mobile or landline number (or a 400/800 service number). Refuses anything else: too short or
 * too long, letters, and all-zero "numbers" like 00000000000 (no mobile starts with 0, no local number
 * with 0).
 */
export function isMainlandPhone(text: string): boolean {
  if (text.length > PHONE_MAX_LENGTH) return false;
  const t = compact(text);
  return MOBILE.test(t) || LANDLINE.test(t) || SERVICE_NUMBER.test(t);
}

/** The 31 characters of a 统一社会信用代码, in the order of their values 0–30 (no I, O, S, V, Z). */
export const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of the first 17 characters: 3^i mod 31. */
const CREDIT_CODE_WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});
/** Registration authority (1 char), organisation kind (1), administrative division (6 digits), rest (10). */
const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * The check character of a code's first 17 characters: 31 − (Σ value × weight mod 31), where 31 becomes
 * 0. Throws on a character outside the alphabet or a body that is not 17 characters.
 */
export function creditCodeCheckChar(body17: string): string {
  if (body17.length !== 17) throw new RangeError('a credit code body has 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARS.indexOf(body17.charAt(i));
    if (value < 0) throw new RangeError(`not a credit code character: ${body17.charAt(i)}`);
    sum += value * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARS.charAt((31 - (sum % 31)) % 31);
}

/** An 18-character 统一社会信用代码 (upper case) whose shape and check character are right. */
export function isValidCreditCode(code: string): boolean {
  return CREDIT_CODE_SHAPE.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code.charAt(17);
}

/** Which part of a credit code is wrong, for the field message. */
export function creditCodeProblem(code: string): 'creditCodeShape' | 'creditCodeCheck' | null {
  if (!CREDIT_CODE_SHAPE.test(code)) return 'creditCodeShape';
  return isValidCreditCode(code) ? null : 'creditCodeCheck';
}

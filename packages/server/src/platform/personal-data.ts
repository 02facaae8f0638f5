// Personal data as readers of history see it: phone numbers masked (138****1234), also a mobile number
// typed into free text. The case page, the case timeline and the audit log all go through here.

/** A phone number as others see it: the first three and last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** A mainland mobile number (11 digits from 13–19), optionally written 138 1234 5678 or 138-1234-5678. */
const MOBILE_IN_TEXT = /(?<![\d])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![\d])/g;

/** Keys whose value is a phone number in any payload we write or wrote. */
const PHONE_KEYS = new Set(['phone', 'phoneNumber', 'applicantPhone', 'phoneCalled']);

/** Identifiers and digests are not text anyone typed: left as they are. */
const NOT_TEXT_KEY = /^(id|sha256)$|Ids?$/;

export function maskMobilesInText(text: string): string {
  return text.replace(MOBILE_IN_TEXT, (_m, head: string, _mid: string, tail: string) => `${head}****${tail}`);
}

/** A copy of a JSON value with every phone number masked: phone fields whole, mobiles inside any text. */
export function maskPersonalData(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && PHONE_KEYS.has(key)) return value.includes('*') ? value : maskPhone(value);
    if (key !== undefined && NOT_TEXT_KEY.test(key)) return value;
    return maskMobilesInText(value);
  }
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPersonalData(v, k)]));
  }
  return value;
}

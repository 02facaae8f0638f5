// The report tracking code (查询码): the reporter's only key to the status page. Same alphabet and shape as
// the case tracking code (tracking/rules.ts), with a prefix letter so the two are never mistaken for each
// other: "R" and 16 random characters of Crockford base 32, 80 bits.
import { TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH, trackingCodeFromBytes } from '../tracking/rules.ts';

export const REPORT_CODE_PREFIX = 'R';
export const REPORT_CODE_LENGTH = REPORT_CODE_PREFIX.length + TRACKING_CODE_LENGTH;
/** Bits of randomness in a report code. */
export const REPORT_CODE_BITS = TRACKING_CODE_LENGTH * 5;

/** Turns random bytes (at least 16) into a report code; the server supplies the bytes. */
export function reportCodeFromBytes(bytes: Uint8Array): string {
  return REPORT_CODE_PREFIX + trackingCodeFromBytes(bytes);
}

/** How a code is shown: R-ABCD-EFGH-JKMN-PQRS. */
export function formatReportCode(code: string): string {
  const body = code.slice(REPORT_CODE_PREFIX.length);
  return [REPORT_CODE_PREFIX, ...(body.match(/.{1,4}/g) ?? [])].join('-');
}

/**
 * The code as typed, made canonical: upper case, spaces and dashes dropped, O read as 0, I and L as 1.
 * Null when it is not a report code at all (the service answers the same 404 either way).
 */
export function normalizeReportCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (!code.startsWith(REPORT_CODE_PREFIX)) return null;
  const body = code.slice(REPORT_CODE_PREFIX.length).replace(/O/g, '0').replace(/[IL]/g, '1');
  if (body.length !== TRACKING_CODE_LENGTH) return null;
  for (const ch of body) if (!TRACKING_CODE_ALPHABET.includes(ch)) return null;
  return REPORT_CODE_PREFIX + body;
}

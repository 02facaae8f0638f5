// Shapes shared by every route group: ids, safe text, dates, paging and the error envelope.
import { z } from 'zod';
import { PHONE_MAX_LENGTH, creditCodeProblem, isMainlandPhone } from './identifiers.ts';

/** Any C0 or C1 control character or DEL. */
const CONTROL_CHARACTER = /\p{Cc}/u;
/** A control character other than tab, line feed and carriage return. */
const CONTROL_CHARACTER_BUT_BREAKS = /[^\P{Cc}\t\n\r]/u;
/** Half of a surrogate pair on its own (JSON's "\ud800"): not Unicode, and not storable as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with a text, as the `params.text` of its validation issue (see validation-messages.ts). */
export type TextProblem = 'controlCharacter' | 'invalidUnicode';

/** True when a text holds a control character (tab and line breaks allowed with `breaks`) or bad Unicode. */
export function hasUnsafeCharacters(value: string, options: { breaks?: boolean } = {}): boolean {
  return (
    LONE_SURROGATE.test(value) ||
    (options.breaks ? CONTROL_CHARACTER_BUT_BREAKS : CONTROL_CHARACTER).test(value)
  );
}

function safeText(schema: z.ZodString, controls: RegExp): z.ZodString {
  return schema
    .refine((v) => !LONE_SURROGATE.test(v), { params: { text: 'invalidUnicode' }, abort: true })
    .refine((v) => !controls.test(v), { params: { text: 'controlCharacter' }, abort: true });
}

/**
 * One line of text typed by a person (a name, a title, a search): trimmed, and refused when it holds a
 * control character (NUL, tab, line breaks, DEL, C1) or invalid Unicode. Chain `.min()`/`.max()` on it.
 */
export function lineText(): z.ZodString {
  return safeText(z.string().trim(), CONTROL_CHARACTER);
}

/** Longer text (a description, an opinion, a record): like `lineText`, but tab and line breaks are kept. */
export function longText(): z.ZodString {
  return safeText(z.string().trim(), CONTROL_CHARACTER_BUT_BREAKS);
}

/** A secret typed as is (a password): never trimmed, but held to the same characters as a line of text. */
export function secretText(): z.ZodString {
  return safeText(z.string(), CONTROL_CHARACTER);
}

/**
 * A mainland phone number as a clerk types it (mobile, landline with area code and optional extension,
 * spaces allowed between digit groups). Too long is refused with the limit, anything else with the formats.
 */
export function phoneText(): z.ZodString {
  return lineText()
    .max(PHONE_MAX_LENGTH)
    .refine(isMainlandPhone, { params: { text: 'phone' }, abort: true });
}

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters of digits and upper-case letters (no I, O, S, V, Z),
 * the 18th the check character of the other 17. Lower case is accepted and stored upper case.
 */
export const creditCodeSchema = lineText()
  .toUpperCase()
  .refine((v) => creditCodeProblem(v) !== 'creditCodeShape', {
    params: { text: 'creditCodeShape' },
    abort: true,
  })
  .refine((v) => creditCodeProblem(v) === null, { params: { text: 'creditCodeCheck' }, abort: true });

export const idSchema = safeText(z.string(), CONTROL_CHARACTER).min(1).max(64);
export const isoDateSchema = z.iso.date();
export const versionSchema = z.number().int().min(0);

export const idParamsSchema = z.strictObject({ id: idSchema });

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const pageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** A page of a keyset-paginated list (see cases/list-cursor.ts): the total counted up to a cap
 * (`totalExact` false means "at least"), and the cursor of the next page, or null on the last. */
export function keysetPageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    totalExact: z.boolean(),
    nextCursor: z.string().nullable(),
    pageSize: z.number().int(),
  });
}

/** A person as others see them: enough to name and link, nothing private. */
export const personRefSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
});
export type PersonRef = z.infer<typeof personRefSchema>;

export const healthResponseSchema = z.object({
  /** `unavailable` (with HTTP 503) while the database is down or cannot store changes. */
  status: z.enum(['ok', 'unavailable']),
  db: z.enum(['sqlite', 'postgres']),
  /** Only while unavailable: whether the database cannot be reached or cannot store changes. */
  database: z.enum(['down', 'unwritable']).optional(),
  version: z.string(),
});

/**
 * The `Idempotency-Key` request header of creating and changing requests: one key per form the person
 * opened, so that a repeat (a double click, a retry after a lost answer) gets the first answer.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;
export const idempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      'Optional: 8–100 letters, digits, _ or -. A repeat with the same key and request gets the first answer (same status and body) and changes nothing; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED. Keys are per person and kept 24 hours.',
    ),
});

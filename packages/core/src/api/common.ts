// Shapes shared by every route group: ids, dates, paging and the error envelope.
import { z } from 'zod';

export const idSchema = z.string().min(1).max(64);
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

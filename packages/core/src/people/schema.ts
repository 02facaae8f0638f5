// People (staff accounts) as administrators manage them.
import { z } from 'zod';
import { idSchema, lineText, pageOf, phoneText, secretText, versionSchema } from '../shared/schema.ts';
import { roleSchema } from '../auth/schema.ts';

export const usernameSchema = lineText()
  .min(2)
  .max(32)
  .regex(/^[a-z][a-z0-9._-]*$/, { message: 'username' });
const displayNameSchema = lineText().min(1).max(40);
const phoneSchema = phoneText();
const emailSchema = lineText().max(120).pipe(z.email());

export const personSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  departmentId: idSchema,
  departmentName: z.string(),
  unitName: z.string(),
  roles: z.array(roleSchema),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  version: versionSchema,
  createdAt: z.string(),
});
export type Person = z.infer<typeof personSchema>;

export const personListSchema = pageOf(personSchema);
export type PersonList = z.infer<typeof personListSchema>;

export const personListQuerySchema = z.strictObject({
  q: lineText().max(60).optional(),
  departmentId: idSchema.optional(),
  role: roleSchema.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const createPersonBodySchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  departmentId: idSchema,
  roles: z.array(roleSchema).max(7).default([]),
  phone: phoneSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  password: secretText().min(1).max(128),
});
export type CreatePersonBody = z.input<typeof createPersonBodySchema>;

export const updatePersonBodySchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  departmentId: idSchema.optional(),
  roles: z.array(roleSchema).max(7).optional(),
  phone: phoneSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  version: versionSchema,
});
export type UpdatePersonBody = z.infer<typeof updatePersonBodySchema>;

export const resetPasswordBodySchema = z.strictObject({
  newPassword: secretText().min(1).max(128),
  version: versionSchema,
});
export const versionBodySchema = z.strictObject({ version: versionSchema });
export type ResetPasswordBody = z.infer<typeof resetPasswordBodySchema>;

// Sign-in, the signed-in person and their password.
import { z } from 'zod';
import { CHAIN_POSITIONS, ROLES } from '../shared/roles.ts';
import { idSchema, lineText, secretText } from '../shared/schema.ts';
import { LANGS } from '../shared/errors.ts';
import { GLOBAL_PERMISSIONS, type GlobalPermission } from '../access/permissions.ts';

export const roleSchema = z.enum(ROLES);
export const chainPositionSchema = z.enum(CHAIN_POSITIONS);

export const loginBodySchema = z.strictObject({
  username: lineText().min(1).max(64),
  password: secretText().min(1).max(128),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const meSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  roles: z.array(roleSchema),
  departments: z.array(z.object({ id: idSchema, name: z.string(), unitId: idSchema, unitName: z.string() })),
  chainPositions: z.array(
    z.object({
      departmentId: idSchema,
      departmentName: z.string(),
      unitName: z.string(),
      position: chainPositionSchema,
    }),
  ),
  /** What this person may do in the administrative areas: the web app shows menus and buttons from it. */
  abilities: z.object(
    Object.fromEntries(GLOBAL_PERMISSIONS.map((p) => [p, z.boolean()])) as Record<
      GlobalPermission,
      z.ZodBoolean
    >,
  ),
  csrfToken: z.string(),
  /** The language they read in: their email and SMS are written in it (the web app sets it). */
  language: z.enum(LANGS),
});
export type Me = z.infer<typeof meSchema>;

export const changePasswordBodySchema = z.strictObject({
  currentPassword: secretText().min(1).max(128),
  newPassword: secretText().min(1).max(128),
});
/** `PUT /api/auth/language`: the language one reads in, chosen with the 中文 / English switch. */
export const languageBodySchema = z.strictObject({ language: z.enum(LANGS) });
export type LanguageBody = z.infer<typeof languageBodySchema>;

export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

// The organisation tree: bureau → units → departments.
import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../shared/roles.ts';
import { idSchema, lineText, versionSchema } from '../shared/schema.ts';

const nameSchema = lineText().min(1).max(60);

export const departmentSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  name: nameSchema,
  sortOrder: z.number().int(),
  version: versionSchema,
});
export type Department = z.infer<typeof departmentSchema>;

export const orgUnitSchema = z.object({
  id: idSchema,
  parentId: idSchema.nullable(),
  kind: z.enum(ORG_UNIT_KINDS),
  name: nameSchema,
  sortOrder: z.number().int(),
  version: versionSchema,
  departments: z.array(departmentSchema),
});
export type OrgUnit = z.infer<typeof orgUnitSchema>;

export const orgTreeSchema = z.object({ units: z.array(orgUnitSchema) });
export type OrgTree = z.infer<typeof orgTreeSchema>;

export const createUnitBodySchema = z.strictObject({ parentId: idSchema, name: nameSchema });
export const updateUnitBodySchema = z.strictObject({ name: nameSchema, version: versionSchema });
export const createDepartmentBodySchema = z.strictObject({ unitId: idSchema, name: nameSchema });
export const updateDepartmentBodySchema = z.strictObject({ name: nameSchema, version: versionSchema });
export const versionQuerySchema = z.strictObject({ version: z.coerce.number().int().min(0) });
export type CreateUnitBody = z.infer<typeof createUnitBodySchema>;
export type UpdateUnitBody = z.infer<typeof updateUnitBodySchema>;
export type CreateDepartmentBody = z.infer<typeof createDepartmentBodySchema>;
export type UpdateDepartmentBody = z.infer<typeof updateDepartmentBodySchema>;

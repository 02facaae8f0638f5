// The portal (公开): the first-inquiry rules and duties (首问负责制规定、职责内容) the administrator writes and
// publishes, kept as versions (draft → published, each with who and when), and what the public site reads
// without a session: units with their departments, a department's matter list and its four-level chain
// (names and titles only), the chain's levels and time limits for the flow chart.
import { z } from 'zod';
import { idSchema, lineText, longText, versionSchema } from '../shared/schema.ts';
import { CHAIN_POSITIONS } from '../shared/roles.ts';
import { MATTER_TYPES } from '../cases/vocabulary.ts';

export const PORTAL_SUMMARY_MAX = 600;
export const PORTAL_TEXT_MAX = 20000;

/** What the administrator writes: a title, the rules in brief (home page and posters), the rules, the duties. */
export const portalRulesContentSchema = z.strictObject({
  title: lineText().min(1).max(100),
  summary: longText().min(1).max(PORTAL_SUMMARY_MAX),
  rules: longText().min(1).max(PORTAL_TEXT_MAX),
  duties: longText().min(1).max(PORTAL_TEXT_MAX),
});
export type PortalRulesContent = z.infer<typeof portalRulesContentSchema>;

/** Saving the draft: the content and the draft's version last seen (0 when there is no draft yet). */
export const savePortalDraftBodySchema = portalRulesContentSchema.extend({ version: versionSchema });
export type SavePortalDraftBody = z.infer<typeof savePortalDraftBodySchema>;

export const publishPortalDraftBodySchema = z.strictObject({ version: versionSchema });

const portalRulesFields = {
  title: z.string(),
  summary: z.string(),
  rules: z.string(),
  duties: z.string(),
};

/** One version as the administrator sees it (who wrote and published it, by display name). */
export const portalRulesVersionSchema = z.object({
  id: idSchema,
  number: z.number().int().min(1),
  ...portalRulesFields,
  version: versionSchema,
  createdBy: z.string(),
  /** Written and published by the system on first start (the work plan's wording), not by a person. */
  shipped: z.boolean(),
  createdAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type PortalRulesVersion = z.infer<typeof portalRulesVersionSchema>;

export const portalRulesAdminSchema = z.object({
  draft: portalRulesVersionSchema.nullable(),
  current: portalRulesVersionSchema.nullable(),
  /** Every published version, the newest first. */
  history: z.array(portalRulesVersionSchema),
});
export type PortalRulesAdmin = z.infer<typeof portalRulesAdminSchema>;

/** The published rules as the public reads them. */
export const publicRulesSchema = z.object({
  number: z.number().int().min(1),
  ...portalRulesFields,
  publishedAt: z.string(),
});
export type PublicRules = z.infer<typeof publicRulesSchema>;

export const publicUnitsSchema = z.object({
  units: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      kind: z.string(),
      departments: z.array(z.object({ id: idSchema, name: z.string() })),
    }),
  ),
});
export type PublicUnits = z.infer<typeof publicUnitsSchema>;

/** One level of the chain as the public sees it: the title of the post, the holders' names, the time limit. */
export const publicChainLevelSchema = z.object({
  level: z.number().int().min(1).max(4),
  position: z.enum(CHAIN_POSITIONS),
  names: z.array(z.string()),
  /** Working days the level has to decide (the first responder's: the matter's own limit, so null). */
  workdays: z.number().int().nullable(),
});
export type PublicChainLevel = z.infer<typeof publicChainLevelSchema>;

export const publicDepartmentSchema = z.object({
  id: idSchema,
  name: z.string(),
  unitId: idSchema,
  unitName: z.string(),
  matters: z.array(
    z.object({
      title: z.string(),
      matterType: z.enum(MATTER_TYPES),
      timeLimitWorkdays: z.number().int().nullable(),
      remarks: z.string().nullable(),
    }),
  ),
  chain: z.array(publicChainLevelSchema),
  /** Working days for the reply to the applicant when the answer stays no. */
  replyWorkdays: z.number().int(),
});
export type PublicDepartment = z.infer<typeof publicDepartmentSchema>;

/** The chain's levels and time limits alone, for the flow chart. */
export const publicChainSchema = z.object({
  levels: z.array(publicChainLevelSchema.omit({ names: true })),
  replyWorkdays: z.number().int(),
});
export type PublicChain = z.infer<typeof publicChainSchema>;
